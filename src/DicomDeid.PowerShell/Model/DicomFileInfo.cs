using System;
using System.Collections.Generic;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;

namespace DicomDeid.PowerShell;

/// <summary>
/// One DICOM file as Get-DicomFile sees it: identifying header attributes for filtering, and a lazily read
/// <see cref="File"/> for cmdlets and scripts that need the dataset. FullName (types.ps1xml) aliases <see cref="Path"/>
/// so the object binds to -LiteralPath of the other cmdlets.
/// </summary>
public sealed class DicomFileInfo
{
    /// <summary>Header-only reading: everything up to Series Instance UID (0020,000E), which holds every property shown here.</summary>
    internal static readonly DicomTag HeaderEnd = new(0x0020, 0x000E);

    private readonly object _gate = new();
    private DicomFile? _file;

    /// <summary>Creates the object from a header read of <paramref name="path"/>.</summary>
    public DicomFileInfo(string path, DicomFile header)
    {
        if (header is null) throw new ArgumentNullException(nameof(header));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        var info = new System.IO.FileInfo(path);
        Name = info.Name;
        Directory = info.DirectoryName ?? string.Empty;
        Length = info.Exists ? info.Length : header.SourceLength;
        var ds = header.Dataset;
        var meta = header.FileMetaInformation;
        SOPClassUID = Text(ds, 0x00080016) ?? Text(meta, 0x00020002) ?? string.Empty;
        SOPClassName = DicomUidRegistry.TryGet(SOPClassUID, out var sop) ? sop.Name : SOPClassUID;
        SOPInstanceUID = Text(ds, 0x00080018) ?? Text(meta, 0x00020003) ?? string.Empty;
        Modality = Text(ds, 0x00080060) ?? string.Empty;
        PatientID = Text(ds, 0x00100020) ?? string.Empty;
        StudyInstanceUID = Text(ds, 0x0020000D) ?? string.Empty;
        SeriesInstanceUID = Text(ds, 0x0020000E) ?? string.Empty;
        TransferSyntaxUID = header.TransferSyntax.Uid;
        TransferSyntax = header.TransferSyntax.Name;
        HasPreamble = header.HadPreamble;
        Warnings = DicomElementText.UserWarnings(header).ToArray();
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>File name.</summary>
    public string Name { get; }

    /// <summary>Folder of the file.</summary>
    public string Directory { get; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; }

    /// <summary>SOP Class UID (0008,0016), or Media Storage SOP Class UID when the dataset has none.</summary>
    public string SOPClassUID { get; }

    /// <summary>The registry name of the SOP class (the UID when unknown).</summary>
    public string SOPClassName { get; }

    /// <summary>SOP Instance UID (0008,0018), or Media Storage SOP Instance UID when the dataset has none.</summary>
    public string SOPInstanceUID { get; }

    /// <summary>Modality (0008,0060).</summary>
    public string Modality { get; }

    /// <summary>Patient ID (0010,0020), as in the file: this is an operator's inspection object.</summary>
    public string PatientID { get; }

    /// <summary>Study Instance UID (0020,000D).</summary>
    public string StudyInstanceUID { get; }

    /// <summary>Series Instance UID (0020,000E).</summary>
    public string SeriesInstanceUID { get; }

    /// <summary>Transfer syntax name, e.g. "Explicit VR Little Endian".</summary>
    public string TransferSyntax { get; }

    /// <summary>Transfer syntax UID.</summary>
    public string TransferSyntaxUID { get; }

    /// <summary>True when the file has the 128-byte preamble and "DICM".</summary>
    public bool HasPreamble { get; }

    /// <summary>Problems found while reading the header that did not stop it.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The whole file, read on first use (pixel data and other large values stay on disk until needed).
    /// Throws the reader's exception when the file changed or is damaged past the header.
    /// </summary>
    public DicomFile File
    {
        get
        {
            lock (_gate)
            {
                return _file ??= DicomFileReader.Read(Path);
            }
        }
    }

    /// <summary>The dataset of <see cref="File"/>.</summary>
    public DicomDataset Dataset => File.Dataset;

    /// <inheritdoc />
    public override string ToString() => Path;

    private static string? Text(DicomDataset ds, uint tag)
    {
        var s = ds.GetString(new DicomTag(tag));
        return s is null ? null : s.Trim('\0', ' ');
    }
}
