using System;
using System.IO;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>Locates ../shared and the corpus files of the character-set tests.</summary>
internal static class CharsetTestFiles
{
    public static string SharedRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "Repository root (DicomDeid.sln) not found above " + AppContext.BaseDirectory);
        var shared = Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared"));
        Assert.True(Directory.Exists(shared), "The shared material is missing: expected " + shared + " (CI provides it).");
        return shared;
    }

    public static string CharsetFile(string name)
    {
        var path = Path.Combine(SharedRoot(), "corpus", "public", "pydicom", "charset_files", name);
        Assert.True(File.Exists(path), "Corpus file missing: " + path);
        return path;
    }

    public static string StandardTable(string name)
    {
        var path = Path.Combine(SharedRoot(), "dicom-standard", name);
        Assert.True(File.Exists(path), "Standard table missing: " + path);
        return path;
    }

    /// <summary>Reads a corpus file with the codec reader.</summary>
    public static DicomDataset Read(string path) => DicomFileReader.Read(path).Dataset;

    /// <summary>The raw bytes of a text element, padding removed.</summary>
    public static byte[] RawValue(DicomDataset ds, DicomTag tag)
    {
        var e = ds.Get(tag);
        Assert.NotNull(e);
        var bytes = e!.Value.GetBytes();
        var n = bytes.Length;
        while (n > 0 && (bytes[n - 1] == ' ' || bytes[n - 1] == 0)) n--;
        return bytes.AsSpan(0, n).ToArray();
    }
}
