using System;
using System.Collections.Generic;

namespace DicomDeid.Dicom;

/// <summary>A DICOM Part 10 file (or a bare dataset read as one): preamble, file meta information, dataset.</summary>
public sealed class DicomFile
{
    /// <summary>Creates a file from its parts.</summary>
    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax)
    {
        FileMetaInformation = fileMetaInformation ?? throw new ArgumentNullException(nameof(fileMetaInformation));
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        TransferSyntax = transferSyntax ?? throw new ArgumentNullException(nameof(transferSyntax));
    }

    /// <summary>The 128-byte preamble as read (null when the source had none).</summary>
    public byte[]? Preamble { get; set; }

    /// <summary>Group 0002 elements (empty when the source had no meta information).</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The dataset.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the dataset was encoded with (and will be written with).</summary>
    public DicomTransferSyntax TransferSyntax { get; set; }

    /// <summary>True when the source had a preamble and "DICM" prefix.</summary>
    public bool HadPreamble => Preamble is not null;

    /// <summary>True when the source had no file meta information (a bare dataset).</summary>
    public bool HadFileMetaInformation { get; set; }

    /// <summary>The path or name the file was read from, when any.</summary>
    public string? SourceName { get; set; }

    /// <summary>Size of the source in bytes, when known.</summary>
    public long SourceLength { get; set; }

    /// <summary>
    /// True when reading stopped early (<c>DicomReadOptions.StopAfterTag</c>): the dataset holds only the elements up
    /// to that tag. Writers refuse such a file, since writing it would drop the rest of the dataset.
    /// </summary>
    public bool IsPartial { get; set; }

    /// <summary>Problems found while reading that did not stop it (lenient reading); each names offset and tag.</summary>
    public List<string> Warnings { get; } = new();
}
