using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Audit;
using DicomDeid.Engine.Batch;
using DicomDeid.Engine.Pixels;
using DicomDeid.Engine.Tests.Batch;
using DicomDeid.Engine.Tests.Pixels;
using Xunit;

namespace DicomDeid.Engine.Tests.Pipeline;

/// <summary>Pixels through the real runner and EngineFileProcessor: risk in every run, clean, quarantine, pass.</summary>
public sealed class PixelPipelineTests : IDisposable
{
    internal const int Rows = 240, Cols = 320;
    internal static readonly (int X0, int Y0, int X1, int Y1) Text = (12, 10, 120, 24);
    internal static readonly (int X0, int Y0, int X1, int Y1) Box = (8, 6, 128, 28); // the rule's rectangle, around the text

    private static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);
    private static readonly DicomTag MethodCodes = new(0x0012, 0x0064);
    private static readonly DicomTag Method = new(0x0012, 0x0063);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "dicomdeid-pixelpipe-" + Guid.NewGuid().ToString("N"));

    public PixelPipelineTests() => Directory.CreateDirectory(Path.Combine(_root, "in"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    /// <summary>An 8-bit ultrasound image without Burned In Annotation, bright strokes inside <see cref="Text"/>.</summary>
    internal static DicomDataset UltrasoundWithText(string manufacturer, string station)
    {
        var ds = Synthetic.Image(Rows, Cols, 1, 8, 8, false, "MONOCHROME2", 0, 1, Synthetic.Pattern(250, Text));
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.6.1");
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "US");
        ds.SetString(new DicomTag(0x00080070), DicomVR.LO, manufacturer);
        ds.SetString(new DicomTag(0x00081010), DicomVR.SH, station); // Station Name: de-identification replaces it
        ds.SetString(new DicomTag(0x00100010), DicomVR.PN, "DOE^JANE");
        ds.SetString(new DicomTag(0x00100020), DicomVR.LO, "MRN12345");
        return ds;
    }

    /// <summary>A rule that matches the synthetic scanner by Station Name (an attribute Apply replaces) and Rows.</summary>
    internal static string RuleJson(string station) => @"{
  ""schema"": ""DicomDeid.PixelRules/1"", ""name"": ""test"", ""version"": ""1"",
  ""rules"": [ { ""id"": ""test.acme.banner"",
    ""conditions"": [ { ""attribute"": ""StationName"", ""op"": ""equals"", ""value"": """ + station + @""" },
                      { ""attribute"": ""Rows"", ""op"": ""eq"", ""value"": """ + Rows + @""" } ],
    ""regions"": [ { ""left"": " + Box.X0 + @", ""top"": " + Box.Y0 + @", ""width"": " + (Box.X1 - Box.X0) + @", ""height"": " + (Box.Y1 - Box.Y0) + @" } ] } ] }";

    private string Input(string name, DicomDataset ds)
    {
        var path = Path.Combine(_root, "in", name);
        Synthetic.WritePart10(ds, path);
        return path;
    }

    private string CorpusInput(string rel)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "DicomDeid.sln not found above " + AppContext.BaseDirectory);
        var src = Path.Combine(dir!.Parent!.FullName, "shared", "corpus", "public", rel);
        Assert.True(File.Exists(src), "The public corpus file is missing: expected " + src + " (../shared next to the repository).");
        var path = Path.Combine(_root, "in", Path.GetFileName(rel));
        File.Copy(src, path);
        return path;
    }

    private List<DeidAuditRecord> Run(string[] options, string? quarantine = null, PixelRuleSet? rules = null, FakeHost? host = null, bool detect = false)
    {
        var items = Directory.GetFiles(Path.Combine(_root, "in")).Select(p => new DeidBatchItem(p, Path.GetFileName(p), true)).ToList();
        var settings = new DeidBatchSettings
        {
            DestinationRoot = Path.Combine(_root, "out"),
            QuarantineRoot = quarantine,
            PixelRules = rules,
            DetectText = detect,
            ThrottleLimit = 2,
        };
        var runner = new DeidBatchRunner(settings, DeidProfiles.Resolve(DeidProfiles.Basic).Compile(options), DeidKey.FromPassphrase("pixel pipeline test"));
        return runner.Run(items, host ?? new FakeHost()).ToList();
    }

    private static List<string> Codes(DicomDataset ds) =>
        ds.GetSequence(MethodCodes)?.Items.Select(i => i.GetString(new DicomTag(0x0008, 0x0100)) ?? string.Empty).ToList() ?? new List<string>();

    private static byte[] NativePixels(string path) => File.ReadAllBytes(path).TakeLast(Rows * Cols).ToArray();

    [Fact]
    public void RiskIsJudgedInEveryRun_OnTheOriginalHeader_AndWarnedWithoutCleanPixelData()
    {
        var src = Input("us.dcm", UltrasoundWithText("ACME", "ACMEUS01"));
        var host = new FakeHost();
        var r = Assert.Single(Run(Array.Empty<string>(), host: host));
        Assert.Equal(DeidAuditStatus.Success, r.Status);
        Assert.Equal(BurnedInRisk.Likely, r.BurnedInRisk);
        Assert.Contains(r.BurnedInRiskReasons, x => x.Contains("Modality=US", StringComparison.Ordinal));
        Assert.Null(r.PixelAction);
        Assert.Contains(host.Warnings, w => w.Contains("burned-in text risk Likely", StringComparison.Ordinal) && w.Contains(src, StringComparison.Ordinal));
        var output = DicomFileReader.Read(r.Destination!);
        Assert.Null(output.Dataset.GetString(BurnedInAnnotation));
        Assert.DoesNotContain("113101", Codes(output.Dataset));
        Assert.Equal(NativePixels(src), NativePixels(r.Destination!));
    }

    [Fact]
    public void CleanPixelData_WithAMatchingRule_BlanksInside_KeepsOutside_MarksAndAudits()
    {
        var src = Input("us.dcm", UltrasoundWithText("ACME", "ACMEUS01"));
        var rules = PixelRuleSet.Parse(RuleJson("ACMEUS01"));
        var r = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }, rules: rules));
        Assert.True(r.Status == DeidAuditStatus.Success, r.Status + " " + r.Error);
        Assert.Equal(PixelDecisionKind.Clean, r.PixelAction);
        Assert.Contains("test.acme.banner", r.PixelRulesMatched);
        var blanked = Assert.Single(r.BlankedRegions);
        Assert.Equal((1, Box.X0, Box.Y0, Box.X1, Box.Y1, "test.acme.banner"), (blanked.Frame, blanked.X0, blanked.Y0, blanked.X1, blanked.Y1, blanked.RuleId));
        Assert.Equal("native", r.PixelMethod);

        var before = NativePixels(src);
        var after = NativePixels(r.Destination!);
        var changedOutside = 0;
        for (var y = 0; y < Rows; y++)
            for (var x = 0; x < Cols; x++)
            {
                var i = (y * Cols) + x;
                var inside = x >= Box.X0 && x < Box.X1 && y >= Box.Y0 && y < Box.Y1;
                if (inside) Assert.True(after[i] == 0, $"pixel ({x},{y}) inside the box is {after[i]}, not the fill 0");
                else if (after[i] != before[i]) changedOutside++;
            }
        Assert.Equal(0, changedOutside);
        Assert.Contains(before, b => b == 250); // the text was there

        var ds = DicomFileReader.Read(r.Destination!).Dataset;
        Assert.Equal("NO", ds.GetString(BurnedInAnnotation));
        var codes = Codes(ds);
        Assert.Contains("113101", codes);
        Assert.DoesNotContain("113102", codes);
        Assert.Contains(DeidOptions.CleanPixelData, ds.Get(Method)!.GetStrings(ds.CharacterSet));
        Assert.NotEqual("ACMEUS01", ds.GetString(new DicomTag(0x00081010))); // matched on the original, then replaced
    }

    [Fact]
    public void CleanPixelData_RiskyFileWithoutARule_IsQuarantined_NotWritten()
    {
        Input("us.dcm", UltrasoundWithText("NOBODY", "NORULE99"));
        var r = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }));
        Assert.Equal(DeidAuditStatus.Quarantined, r.Status);
        Assert.Equal(DeidErrorIds.Quarantined, r.ErrorId);
        Assert.Contains("no pixel rule covers", r.Error, StringComparison.Ordinal);
        Assert.False(r.Written);
        Assert.Null(r.QuarantinePath);
        Assert.Null(r.QuarantineSha256);
        Assert.False(File.Exists(r.Destination));
        Assert.False(Directory.Exists(Path.Combine(_root, "out")) && Directory.EnumerateFiles(Path.Combine(_root, "out"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void CleanPixelData_Jpeg2000WithRisk_IsQuarantined_AndCopiedForReviewWithUntouchedPixels()
    {
        var src = CorpusInput("pydicom-data/US1_J2KI.dcm");
        var quarantine = Path.Combine(_root, "quarantine");

        var none = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }));
        Assert.Equal(DeidAuditStatus.Quarantined, none.Status);
        Assert.Contains("JPEG 2000", none.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(none.Destination));

        var r = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }, quarantine));
        Assert.Equal(DeidAuditStatus.Quarantined, r.Status);
        Assert.Equal(DeidErrorIds.Quarantined, r.ErrorId);
        Assert.Equal(PixelDecisionKind.Quarantine, r.PixelAction);
        Assert.True(r.BurnedInRisk >= BurnedInRisk.Likely);
        Assert.False(File.Exists(r.Destination));
        var copy = Path.Combine(quarantine, "US1_J2KI.dcm");
        Assert.Equal(copy, r.QuarantinePath);
        Assert.True(File.Exists(copy));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(copy))), r.QuarantineSha256);
        var original = DicomFileReader.Read(src).Dataset;
        var ds = DicomFileReader.Read(copy).Dataset;
        Assert.Equal("YES", ds.GetString(new DicomTag(0x0012, 0x0062)));                 // header de-identified
        Assert.Equal(original.GetString(BurnedInAnnotation), ds.GetString(BurnedInAnnotation)); // left as it was
        Assert.DoesNotContain("113101", Codes(ds));
        Assert.DoesNotContain(DeidOptions.CleanPixelData, ds.Get(Method)!.GetStrings(ds.CharacterSet));
        var a = Synthetic.Fragments(src);
        var b = Synthetic.Fragments(copy);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
    }

    [Fact]
    public void TempFilesLeftInTheQuarantineFolderByAKilledRun_AreRemoved()
    {
        CorpusInput("pydicom-data/US1_J2KI.dcm");
        var quarantine = Path.Combine(_root, "quarantine");
        Directory.CreateDirectory(quarantine);
        var stale = Path.Combine(quarantine, ".US1_J2KI.dcm.abcdef.dicomdeid-tmp");
        File.WriteAllBytes(stale, new byte[64]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        var r = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }, quarantine));
        Assert.Equal(DeidAuditStatus.Quarantined, r.Status);
        Assert.True(File.Exists(r.QuarantinePath));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void CleanPixelData_CtWithoutRisk_IsWrittenNormally_WithoutCleanPixelDataClaim()
    {
        var src = CorpusInput("pydicom/test_files/CT_small.dcm");
        var r = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }));
        Assert.True(r.Status == DeidAuditStatus.Success, r.Status + " " + r.Error);
        Assert.Equal(BurnedInRisk.None, r.BurnedInRisk);
        Assert.Equal(PixelDecisionKind.Pass, r.PixelAction);
        Assert.Empty(r.BlankedRegions);
        var ds = DicomFileReader.Read(r.Destination!).Dataset;
        Assert.DoesNotContain("113101", Codes(ds));
        Assert.Contains("113100", Codes(ds));
        Assert.DoesNotContain(DeidOptions.CleanPixelData, ds.Get(Method)!.GetStrings(ds.CharacterSet));
        Assert.Equal(DicomFileReader.Read(src).Dataset.GetString(BurnedInAnnotation), ds.GetString(BurnedInAnnotation));
    }

    [Fact]
    public void CleanRecognizableVisualFeatures_QuarantinesPhotographsWithoutTheAttribute_AndNeverAdds113102()
    {
        var photo = UltrasoundWithText("ACME", "CAM1");
        photo.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.77.1.4"); // VL Photographic
        photo.SetString(new DicomTag(0x00080060), DicomVR.CS, "XC");
        Input("photo.dcm", photo);
        var ct = CorpusInput("pydicom/test_files/CT_small.dcm");
        var records = Run(new[] { DeidOptions.CleanRecognizableVisualFeatures });
        var p = records.Single(x => x.Source.EndsWith("photo.dcm", StringComparison.Ordinal));
        Assert.Equal(DeidAuditStatus.Quarantined, p.Status);
        Assert.Contains("Recognizable Visual Features", p.Error, StringComparison.Ordinal);
        var c = records.Single(x => x.Source == ct);
        Assert.Equal(DeidAuditStatus.Success, c.Status);
        Assert.DoesNotContain("113102", Codes(DicomFileReader.Read(c.Destination!).Dataset));
    }

    [Fact]
    public void RulesTestingOverlays_AreMatchedBeforeTheCleanRemovesThem_AndTheAuditSaysWhatWent()
    {
        CorpusInput("pydicom/test_files/examples_overlay.dcm");
        var r = Assert.Single(Run(new[] { DeidOptions.CleanPixelData }));
        Assert.True(r.Status == DeidAuditStatus.Success, r.Status + " " + r.Error);
        Assert.Equal(PixelDecisionKind.Clean, r.PixelAction);
        Assert.NotEmpty(r.BlankedRegions);
        Assert.All(r.BlankedRegions, b => Assert.Contains(b.RuleId!, r.PixelRulesMatched));
        Assert.Contains("6000", r.PixelRemoved);
        var ds = DicomFileReader.Read(r.Destination!).Dataset;
        Assert.DoesNotContain(ds, e => e.Tag.Group == 0x6000);
        Assert.Contains("113101", Codes(ds));
    }

    [Fact]
    public void QuarantineInsideTheDestination_IsRefused()
    {
        Input("us.dcm", UltrasoundWithText("ACME", "ACMEUS01"));
        var ex = Assert.Throws<DeidBatchException>(() => Run(new[] { DeidOptions.CleanPixelData }, Path.Combine(_root, "out", "q")));
        Assert.Equal(DeidErrorIds.DestinationInvalid, ex.ErrorId);
    }
}
