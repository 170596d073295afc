using System;
using System.IO;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>A temporary file that holds new bulk data until the file is written; deleted on dispose.</summary>
internal sealed class TempFileByteSource : IDicomByteSource, IDisposable
{
    internal TempFileByteSource()
    {
        Name = Path.Combine(Path.GetTempPath(), "dicomdeid-pixels-" + Guid.NewGuid().ToString("N") + ".tmp");
        Writer = new FileStream(Name, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16);
    }

    public string Name { get; }

    internal FileStream Writer { get; }

    public Stream OpenRead()
    {
        Writer.Flush();
        return new FileStream(Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
    }

    public void Dispose()
    {
        Writer.Dispose();
        try { File.Delete(Name); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
