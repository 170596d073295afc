using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>Finds the repository root and the shared public corpus (../shared/corpus/public).</summary>
internal static class Corpus
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "DicomDeid.sln"))) d = d.Parent;
        if (d is null) throw new InvalidOperationException("Repository root (DicomDeid.sln) not found above " + AppContext.BaseDirectory);
        return d.FullName;
    });

    public static string RepoRoot => RootLazy.Value;

    public static string PublicDir
    {
        get
        {
            var candidates = new[]
            {
                Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus", "public")),
                Path.GetFullPath(Path.Combine(RepoRoot, "..", "..", "shared", "corpus", "public")),
            };
            foreach (var c in candidates) if (File.Exists(Path.Combine(c, "manifest.tsv"))) return c;
            throw new InvalidOperationException("The public corpus is missing: expected manifest.tsv in " + string.Join(" or ", candidates) + " (CI provides ../shared).");
        }
    }

    /// <summary>Every DICOM file of the manifest (auxiliary text rows skipped by their note), relative path.</summary>
    public static IReadOnlyList<string> Files
    {
        get
        {
            var lines = File.ReadAllLines(Path.Combine(PublicDir, "manifest.tsv"));
            var header = lines[0].Split('\t');
            var note = Array.IndexOf(header, "pydicom_2_3_1");
            var list = new List<string>();
            foreach (var line in lines.Skip(1))
            {
                if (line.Length == 0) continue;
                var cols = line.Split('\t');
                if (note >= 0 && note < cols.Length && cols[note].StartsWith("auxiliary", StringComparison.Ordinal)) continue;
                list.Add(cols[0]);
            }
            return list;
        }
    }

    /// <summary>
    /// Corpus files that are damaged beyond reading: dcmtk refuses them too. no_meta.dcm starts with a stray byte
    /// (0x20) before an explicit VR dataset, so its first "tag" is (0820,0500) with a 173 MB length; pydicom reads it
    /// only as one truncated UN element with force=True.
    /// </summary>
    public static readonly string[] Damaged = { "pydicom/test_files/no_meta.dcm" };

    /// <summary>The readable DICOM files.</summary>
    public static IEnumerable<object[]> ReadableData => Files.Where(f => !Damaged.Contains(f)).Select(f => new object[] { f });

    public static string PathOf(string relative) => Path.Combine(PublicDir, relative);

    public static IEnumerable<object[]> FileData => Files.Select(f => new object[] { f });
}
