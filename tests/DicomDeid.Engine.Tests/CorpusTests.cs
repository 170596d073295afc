using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using Xunit;
using Xunit.Abstractions;

namespace DicomDeid.Engine.Tests;

/// <summary>De-identifies the public corpus: outputs re-read, carry the markers, and dciodvfy finds no new errors.</summary>
public class CorpusTests
{
    private readonly ITestOutputHelper _out;

    public CorpusTests(ITestOutputHelper output) => _out = output;

    internal static string CorpusRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "repository root (DicomDeid.sln) not found above " + AppContext.BaseDirectory);
        var corpus = Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "corpus", "public"));
        if (!Directory.Exists(corpus)) corpus = "/work/shared/corpus/public";
        Assert.True(Directory.Exists(corpus), "the public corpus (../shared/corpus/public) is missing");
        return corpus;
    }

    internal static IEnumerable<string> CorpusFiles(string root) =>
        File.ReadAllLines(Path.Combine(root, "manifest.tsv")).Skip(1).Select(l => l.Split('\t')[0])
            .Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Select(f => Path.Combine(root, f)).Where(File.Exists);

    [Theory]
    [InlineData("Basic", "")]
    [InlineData("Research", "")]
    [InlineData("HipaaSafeHarbor", "")]
    [InlineData("Basic", "RetainUIDs,RetainDeviceIdentity,RetainInstitutionIdentity,RetainLongitudinalFullDates,CleanStructuredContent,CleanGraphics,CleanDescriptors")]
    public void CorpusOutputsAreValidAndMarked(string profile, string options)
    {
        var root = CorpusRoot();
        var deid = TestData.Deid(profile, options.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var tmp = Directory.CreateTempSubdirectory("deid-corpus");
        var failures = new List<string>();
        var processed = 0;
        try
        {
            foreach (var path in CorpusFiles(root))
            {
                DicomFile file;
                try { file = DicomFileReader.Read(path); }
                catch (DicomFormatException) { continue; } // reader refusals are the codec's business
                var identifying = new List<string>();
                foreach (var t in new uint[] { 0x00100010, 0x00100020, 0x00080050 })
                {
                    var v = file.Dataset.GetString(new DicomTag(t))?.Trim();
                    if (v is not null && v.Length >= 6 && v.All(ch => ch < 128)) identifying.Add(v);
                }
                var r = deid.Apply(file);
                if (r.Refusal is not null) { _out.WriteLine($"refused {Path.GetFileName(path)}: {r.Refusal}"); continue; }
                var outPath = Path.Combine(tmp.FullName, processed.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".dcm");
                using (var fs = File.Create(outPath)) DicomFileWriter.Write(file, fs);
                processed++;
                var bytes = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(outPath));
                foreach (var v in identifying)
                    if (bytes.Contains(v, StringComparison.Ordinal)) failures.Add(Path.GetRelativePath(root, path) + ": an identifying value of the input is still in the output bytes");
                var back = DicomFileReader.Read(outPath);
                if (back.Dataset.GetString(new DicomTag(0x00120062)) != "YES") failures.Add(path + ": no Patient Identity Removed");
                if (back.FileMetaInformation.GetString(new DicomTag(0x00020003)) != back.Dataset.GetString(new DicomTag(0x00080018)))
                    failures.Add(path + ": Media Storage SOP Instance UID does not follow SOP Instance UID");
                back.Dataset.Walk((ds, e) =>
                {
                    if (e.Tag.IsPrivate && !deid.Profile.RetainSafePrivate) failures.Add(path + ": private element left " + e.Tag);
                    if (e.VR == DicomVR.PN && e.Length > 0 && e.Tag != new DicomTag(0x00100010) && e.GetString() != DeidValuePolicy.DummyText) failures.Add(path + ": PN left " + e.Tag);
                });
                var newErrors = DciodvfyErrors(outPath).Except(DciodvfyErrors(path)).ToList();
                foreach (var e in newErrors) failures.Add(Path.GetRelativePath(root, path) + ": new dciodvfy error: " + e);
            }
        }
        finally { if (Environment.GetEnvironmentVariable("DEID_KEEP_OUTPUT") is null) tmp.Delete(true); else _out.WriteLine("outputs kept in " + tmp.FullName); }
        _out.WriteLine($"{processed} files de-identified with {profile}");
        Assert.True(processed > 40, "too few corpus files processed: " + processed);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    internal static HashSet<string> DciodvfyErrors(string path)
    {
        var psi = new ProcessStartInfo("dciodvfy", "\"" + path + "\"") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var text = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
            if (line.StartsWith("Error", StringComparison.Ordinal)) set.Add(Normalize(line.Trim()));
        return set;
    }

    // Values differ between input and output (UIDs, dates); compare the message without quoted values.
    private static string Normalize(string line)
    {
        line = System.Text.RegularExpressions.Regex.Replace(line, @"Value=<[^>]*>", "Value=<>");
        line = System.Text.RegularExpressions.Regex.Replace(line, @"\b[0-9]+(\.[0-9]+){2,}\b", "<uid>");
        return System.Text.RegularExpressions.Regex.Replace(line, @"(UID )[0-9.]+", "$1<uid>");
    }
}
