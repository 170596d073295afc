using System.IO;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// The codec and engine steps of one file behind one seam, so the runner's I/O, ordering and error handling are
/// tested with a fake. One instance per worker thread: implementations need not be thread-safe.
/// </summary>
internal interface IDeidFileProcessor
{
    /// <summary>Cheap sniff: true when the file looks like DICOM (Part 10 or a bare dataset).</summary>
    bool IsDicomFile(string path);

    /// <summary>Reads the file; bulk values stay deferred in the source.</summary>
    DicomFile Read(string path);

    /// <summary>De-identifies in place.</summary>
    DeidResult Apply(DicomFile file);

    /// <summary>Writes the file to <paramref name="destination"/> (a forward-only stream).</summary>
    void Write(DicomFile file, Stream destination);

    /// <summary>Keyed hash (hex) of an identifier, for the audit (never the identifier itself).</summary>
    string HashIdentifier(string value);
}
