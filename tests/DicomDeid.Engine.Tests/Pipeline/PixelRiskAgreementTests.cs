using System;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Audit;
using DicomDeid.Engine.Batch;
using DicomDeid.Engine.Pixels;
using DicomDeid.Engine.Tests.Batch;
using DicomDeid.Engine.Tests.Pixels;
using DicomDeid.Engine.Verification;
using Xunit;

namespace DicomDeid.Engine.Tests.Pipeline;

/// <summary>The verifier judges burned-in risk as the run does; -DetectText blanks what the detector finds.</summary>
public sealed class PixelRiskAgreementTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dicomdeid-pixelrisk-" + Guid.NewGuid().ToString("N"));

    public PixelRiskAgreementTests() => Directory.CreateDirectory(Path.Combine(_root, "in"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private static DicomDataset Image(string modality, string? bia, string? imageType)
    {
        var ds = Synthetic.Image(16, 16, 1, 8, 8, false, "MONOCHROME2", 0, 1, (f, x, y, s) => x + y);
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, modality);
        if (bia is not null) ds.SetString(new DicomTag(0x00280301), DicomVR.CS, bia);
        if (imageType is not null) ds.SetString(new DicomTag(0x00080008), DicomVR.CS, imageType);
        return ds;
    }

    [Theory]
    [InlineData("CT", "YES", null, "burned-in-text", FindingSeverity.Error)]
    [InlineData("US", null, null, "burned-in-text-risk", FindingSeverity.Warning)]
    [InlineData("CT", null, "DERIVED\\SECONDARY\\MPR", "burned-in-text-risk", FindingSeverity.Info)]
    [InlineData("CT", null, "ORIGINAL\\PRIMARY\\AXIAL", null, FindingSeverity.Info)]
    [InlineData("US", "NO", null, null, FindingSeverity.Info)]
    public void VerifierSeverityFollowsTheAssessorsRisk(string modality, string? bia, string? imageType, string? check, FindingSeverity severity)
    {
        var ds = Image(modality, bia, imageType);
        var risk = BurnedInRiskAssessor.Assess(ds);
        var findings = new DeidVerifier(new ProfileExpectations(Array.Empty<string>())).Verify("x.dcm", Synthetic.File(ds)).Findings
            .Where(f => f.Check.StartsWith("burned-in", StringComparison.Ordinal)).ToList();
        if (check is null)
        {
            Assert.Equal(BurnedInRisk.None, risk.Risk);
            Assert.Empty(findings);
            return;
        }
        var f = Assert.Single(findings);
        Assert.Equal(check, f.Check);
        Assert.Equal(severity, f.Severity);
        Assert.Equal(severity switch { FindingSeverity.Error => BurnedInRisk.Declared, FindingSeverity.Warning => BurnedInRisk.Likely, _ => BurnedInRisk.Possible }, risk.Risk);
    }

    [Fact]
    public void CleanedOutputNeedsNo113101WhenNothingWasCleaned_ButMayNotCarryItWithoutTheOption()
    {
        var ds = Image("CT", null, "ORIGINAL\\PRIMARY\\AXIAL");
        ds.SetString(new DicomTag(0x0012, 0x0062), DicomVR.CS, "YES");
        Deidentifier.AddMethodCode(ds, "113100");
        var verifier = new DeidVerifier(new ProfileExpectations(new[] { "CleanPixelData" }));
        Assert.DoesNotContain(verifier.Verify("x.dcm", Synthetic.File(ds)).Findings, f => f.Check == "marker:MethodCodes");
        Deidentifier.AddMethodCode(ds, "113101");
        Assert.DoesNotContain(verifier.Verify("x.dcm", Synthetic.File(ds)).Findings, f => f.Check == "marker:MethodCodes");
        Assert.Contains(new DeidVerifier(new ProfileExpectations(Array.Empty<string>())).Verify("x.dcm", Synthetic.File(ds)).Findings, f => f.Check == "marker:MethodCodes");
    }

    [Fact]
    public void DetectText_AddsDetectorRegions_ThatAreBlankedAndAudited()
    {
        var s = SyntheticText.Make(new Random(7), ultrasound: true);
        var ds = Synthetic.Image(s.Height, s.Width, 1, 8, 8, false, "MONOCHROME2", 0, 1, (f, x, y, c) => s.Gray[(y * s.Width) + x]);
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.6.1");
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "US");
        ds.SetString(new DicomTag(0x00080070), DicomVR.LO, "NO RULE FOR THIS");
        var src = Path.Combine(_root, "in", "us.dcm");
        Synthetic.WritePart10(ds, src);
        var items = new[] { new DeidBatchItem(src, "us.dcm", true) };
        var profile = DeidProfiles.Resolve(DeidProfiles.Basic).Compile(new[] { DeidOptions.CleanPixelData });

        // Without -DetectText no rule covers it: quarantined.
        var without = Assert.Single(new DeidBatchRunner(new DeidBatchSettings { DestinationRoot = Path.Combine(_root, "a") }, profile, DeidKey.Generate()).Run(items, new FakeHost()));
        Assert.Equal(DeidAuditStatus.Quarantined, without.Status);

        var r = Assert.Single(new DeidBatchRunner(new DeidBatchSettings { DestinationRoot = Path.Combine(_root, "b"), DetectText = true }, profile, DeidKey.Generate()).Run(items, new FakeHost()));
        Assert.True(r.Status == DeidAuditStatus.Success, r.Status + " " + r.Error);
        Assert.Equal(PixelDecisionKind.Clean, r.PixelAction);
        Assert.NotEmpty(r.DetectorRegions);
        Assert.NotEmpty(r.BlankedRegions);
        Assert.All(r.BlankedRegions, b => Assert.Equal("detector", b.RuleId));
        foreach (var d in r.DetectorRegions)
            Assert.Contains(r.BlankedRegions, b => b.Frame == d.Frame && b.X0 == d.X0 && b.Y0 == d.Y0 && b.X1 == d.X1 && b.Y1 == d.Y1);
        var output = DicomFileReader.Read(r.Destination!);
        Assert.Equal("NO", output.Dataset.GetString(new DicomTag(0x00280301)));
        Assert.Empty(TextRegionDetector.Detect(output));
    }
}
