using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DicomDeid.Engine.Samples;
using Xunit;
using Xunit.Abstractions;

namespace DicomDeid.Engine.Tests.Samples;

/// <summary>
/// The generated samples are valid instances of their IODs: dciodvfy (dicom3tools) reports no error on one file of
/// each kind. dciodvfy is run the way <see cref="CorpusTests"/> runs it (from PATH); when it is missing the test fails.
/// </summary>
public sealed class SampleConformanceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dicomdeid-conf-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _out;

    public SampleConformanceTests(ITestOutputHelper output) => _out = output;

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void OneFileOfEachKindHasNoDciodvfyError()
    {
        var dciodvfy = FindOnPath("dciodvfy");
        Assert.True(dciodvfy is not null,
            "dciodvfy was not found on PATH. Install dicom3tools (Debian/Ubuntu: apt-get install -y dicom3tools; CI installs it): "
            + "this test checks the generated samples against their IODs and does not skip.");

        var o = SampleSetOptions.ForPreset(SampleSetPreset.Demo);
        o.OutputPath = _root;
        o.Seed = 11;
        var files = new SyntheticDataGenerator(o).Generate().ToList();

        var failures = new List<string>();
        foreach (var kind in new[] { "CT", "MR", "US", "US-MF", "SR" })
        {
            var file = files.FirstOrDefault(f => f.Kind == kind);
            Assert.True(file is not null, "the Demo set has no " + kind + " file");
            var errors = ErrorLines(dciodvfy!, file!.Path);
            _out.WriteLine($"{kind}: {errors.Count} dciodvfy error(s) in {file.RelativePath}");
            foreach (var e in errors) failures.Add(kind + " " + file.RelativePath + ": " + e);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static List<string> ErrorLines(string dciodvfy, string path)
    {
        var psi = new ProcessStartInfo(dciodvfy, "\"" + path + "\"") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var text = p.StandardError.ReadToEnd() + stdout.Result;
        p.WaitForExit();
        return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
    }

    private static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : new[] { name };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var n in names)
            {
                var candidate = Path.Combine(dir.Trim(), n);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
