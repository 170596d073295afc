using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DicomDeid.Dicom.Tests.Generated;

/// <summary>Finds the repository root and ../shared/dicom-standard; fails (never skips) when they are missing.</summary>
internal static class StandardTables
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) return dir.FullName;
            Assert.Fail($"Repository root (the folder holding DicomDeid.sln) not found above {AppContext.BaseDirectory}.");
            return null!;
        }
    }

    /// <summary>The shared folder (../shared from the repository root), which holds dicom-standard/.</summary>
    public static string SharedDirectory
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            if (!Directory.Exists(Path.Combine(shared, "dicom-standard")))
                Assert.Fail($"The DICOM standard tables are missing: expected {Path.Combine(shared, "dicom-standard")} " +
                            "(../shared next to the repository; CI provides it). These tests compare the generated code with them.");
            return shared;
        }
    }

    /// <summary>The data rows of a table as dictionaries column → cell (TSV, no quoting, one header row).</summary>
    public static List<Dictionary<string, string>> Read(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(SharedDirectory, "dicom-standard", file));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split('\t');
            Assert.Equal(header.Length, cells.Length);
            return header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }).ToList();
    }
}
