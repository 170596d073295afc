namespace DicomDeid.Dicom.IO;

/// <summary>Options for <see cref="DicomFileWriter"/>.</summary>
public sealed class DicomWriteOptions
{
    /// <summary>The defaults: write as read.</summary>
    public static DicomWriteOptions Default { get; } = new();

    /// <summary>
    /// For a dataset read without file meta information (a bare dataset): write a Part 10 file with preamble and
    /// meta information built from the dataset (SOP Class/Instance UID, transfer syntax). By default a bare
    /// dataset is written bare, as read (unless its transfer syntax was changed to one a bare dataset cannot express,
    /// such as deflated or encapsulated: then meta information is always written).
    /// </summary>
    public bool AddFileMetaInformation { get; set; }

    /// <summary>Deflate compression level for Deflated Explicit VR Little Endian output.</summary>
    public System.IO.Compression.CompressionLevel DeflateLevel { get; set; } = System.IO.Compression.CompressionLevel.Optimal;
}
