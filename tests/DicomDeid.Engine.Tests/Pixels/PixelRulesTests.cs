using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;
using Xunit;

namespace DicomDeid.Engine.Tests.Pixels;

public class PixelRulesTests
{
    private static DicomDataset Us(string manufacturer, string model, int rows, int cols)
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "US");
        ds.SetString(new DicomTag(0x00080070), DicomVR.LO, manufacturer);
        ds.SetString(new DicomTag(0x00081090), DicomVR.LO, model);
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280010), (ushort)rows));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280011), (ushort)cols));
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, new DicomValue(new byte[2])));
        return ds;
    }

    [Fact]
    public void StarterLibraryLoadsLintsCleanAndFixesKnownCopyingErrors()
    {
        var set = PixelRuleSet.Starter;
        Assert.InRange(set.Rules.Count, 250, 500);
        Assert.Equal("us", set.Rules[0].Id.Split('.')[0]);
        var lint = PixelRuleLinter.Lint(set);
        Assert.DoesNotContain(lint, f => f.Severity == PixelLintSeverity.Error);
        Assert.DoesNotContain(lint, f => f.Code is "duplicate" or "shadowed");
        // iU22 at 768 rows: deid's "786" is corrected, so a 768-row iU22 gets the banner; nothing matches 786.
        var regions = set.Resolve(Us("Philips Medical Systems", "iU22", 768, 1024));
        Assert.Contains(regions, r => r.Y0 == 0 && r.X1 >= 1000);
        Assert.DoesNotContain(set.Match(Us("Philips Medical Systems", "iU22", 786, 1024)), r => r.Conditions.Any(c => c.Value == "786"));
        // LOGIQ9: the 640x30 miscopy is gone; the 640x40 banner applies.
        var logiq = set.Resolve(Us("GE Healthcare", "LOGIQ9", 480, 640));
        Assert.Contains(logiq, r => r.Width == 640 && r.Height == 40);
        Assert.DoesNotContain(logiq, r => r.Width == 640 && r.Height == 30);
        Assert.All(set.Rules, r => Assert.NotEmpty(r.Sources!));
    }

    [Fact]
    public void ConditionsBoxesAndFramesResolveAsDocumented()
    {
        var json = """
        { "schema": "DicomDeid.PixelRules/1", "name": "t", "rules": [
          { "id": "a", "conditions": [ { "attribute": "Modality", "op": "equals", "value": "us" },
                                       { "attribute": "Rows", "op": "ge", "value": "400" },
                                       { "attribute": "ManufacturerModelName", "op": "regex", "value": "^LOGIQ ?E9$" } ],
            "regions": [ { "left": 0, "top": 0, "right": 0, "height": 30 },
                         { "right": 10, "bottom": 5, "width": 100, "height": 20, "frames": "2-3" },
                         { "units": "fraction", "left": 0.5, "top": 0, "width": 0.25, "height": 0.1 } ] },
          { "id": "b", "conditions": [ { "attribute": "Manufacturer", "op": "contains", "value": "GE", "caseSensitive": true } ],
            "regions": [ { "left": 5, "top": 5, "width": 5, "height": 5 } ] } ] }
        """;
        var set = PixelRuleSet.Parse(json);
        var ds = Us("ge healthcare", "LOGIQE9", 480, 640);
        var regions = set.Resolve(ds);
        Assert.Equal(3, regions.Count); // rule b is case-sensitive and does not match
        Assert.Equal(new PixelRegion(0, 0, 640, 30, ruleId: "a"), regions[0]);
        Assert.Equal(new PixelRegion(530, 455, 630, 475, 2, 3, ruleId: "a"), regions[1]);
        Assert.Equal(new PixelRegion(320, 0, 480, 48, ruleId: "a"), regions[2]);
        var both = set.Resolve(Us("GE Healthcare", "LOGIQ E9", 480, 640));
        Assert.Equal(4, both.Count); // union of every matching rule
    }

    [Fact]
    public void LinterFindsUnreachableUnknownShadowedAndOutside()
    {
        var json = """
        { "schema": "DicomDeid.PixelRules/1", "name": "t", "rules": [
          { "id": "contradiction", "conditions": [ { "attribute": "Rows", "op": "eq", "value": "480" }, { "attribute": "Rows", "op": "eq", "value": "600" } ], "regions": [ { "left": 0, "top": 0, "width": 10, "height": 10 } ] },
          { "id": "modality", "conditions": [ { "attribute": "Modality", "op": "equals", "value": "MRI" } ], "regions": [ { "left": 0, "top": 0, "width": 10, "height": 10 } ] },
          { "id": "wide", "conditions": [ { "attribute": "Modality", "op": "equals", "value": "US" } ], "regions": [ { "left": 0, "top": 0, "width": 700, "height": 10 } ] },
          { "id": "narrow", "conditions": [ { "attribute": "Modality", "op": "equals", "value": "US" }, { "attribute": "Columns", "op": "eq", "value": "640" } ], "regions": [ { "left": 0, "top": 0, "width": 700, "height": 10 } ] },
          { "id": "equalsVsContains", "conditions": [ { "attribute": "Manufacturer", "op": "equals", "value": "ACME" }, { "attribute": "Manufacturer", "op": "contains", "value": "GE" } ], "regions": [ { "left": 0, "top": 0, "width": 1, "height": 1 } ] }
        ] }
        """;
        var set = PixelRuleSet.Parse(json);
        set.Rules.Add(new PixelRule { Id = "typo", Conditions = { new PixelRuleCondition { Attribute = "Manfacturer", Op = "contains", Value = "ADAC" } } });
        var lint = PixelRuleLinter.Lint(set, 640, 480);
        Assert.Contains(lint, f => f.RuleId == "contradiction" && f.Code == "unreachable");
        Assert.Contains(lint, f => f.RuleId == "modality" && f.Code == "impossible-modality");
        Assert.Contains(lint, f => f.RuleId == "narrow" && f.Code == "shadowed" && f.RelatedRuleId == "wide");
        Assert.Contains(lint, f => f.RuleId == "wide" && f.Code == "box-outside-image");
        Assert.Contains(lint, f => f.RuleId == "equalsVsContains" && f.Code == "unreachable");
        Assert.Contains(lint, f => f.RuleId == "typo" && f.Code == "unknown-attribute");
        Assert.DoesNotContain(lint, f => f.RuleId == "wide" && f.Code == "unreachable");
    }

    [Fact]
    public void RiskAssessorReadsDeclarationsAndTextProneKinds()
    {
        var us = Us("X", "Y", 10, 10);
        var r = BurnedInRiskAssessor.Assess(us);
        Assert.Equal(BurnedInRisk.Likely, r.Risk);
        Assert.Contains(r.Reasons, s => s.Contains("US", System.StringComparison.Ordinal));
        us.SetString(new DicomTag(0x00280301), DicomVR.CS, "NO");
        Assert.Equal(BurnedInRisk.None, BurnedInRiskAssessor.Assess(us).Risk);
        var ct = new DicomDataset();
        ct.SetString(new DicomTag(0x00080060), DicomVR.CS, "CT");
        ct.SetString(new DicomTag(0x00080008), DicomVR.CS, "DERIVED\\SECONDARY\\AXIAL");
        ct.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, new DicomValue(new byte[2])));
        Assert.Equal(BurnedInRisk.Possible, BurnedInRiskAssessor.Assess(ct).Risk);
        ct.SetString(new DicomTag(0x00080008), DicomVR.CS, "DERIVED\\SECONDARY\\SCREEN SAVE");
        Assert.Equal(BurnedInRisk.Likely, BurnedInRiskAssessor.Assess(ct).Risk);
        ct.SetString(new DicomTag(0x00280302), DicomVR.CS, "YES");
        var rvf = BurnedInRiskAssessor.Assess(ct);
        Assert.Equal(BurnedInRisk.Declared, rvf.Risk);
        Assert.Equal(PixelDecisionKind.Quarantine, PixelDecision.Decide(rvf, new[] { new PixelRegion(0, 0, 1, 1) }, DicomTransferSyntax.ExplicitVRLittleEndian, true).Kind);
        var plain = new DicomDataset();
        plain.SetString(new DicomTag(0x00080060), DicomVR.CS, "MR");
        plain.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, new DicomValue(new byte[2])));
        var none = BurnedInRiskAssessor.Assess(plain);
        Assert.Equal(BurnedInRisk.None, none.Risk);
        Assert.Equal(PixelDecisionKind.Pass, PixelDecision.Decide(none, System.Array.Empty<PixelRegion>(), DicomTransferSyntax.ExplicitVRLittleEndian, true).Kind);
        var usRisk = BurnedInRiskAssessor.Assess(Us("X", "Y", 10, 10));
        Assert.Equal(PixelDecisionKind.Quarantine, PixelDecision.Decide(usRisk, System.Array.Empty<PixelRegion>(), DicomTransferSyntax.ExplicitVRLittleEndian, true).Kind);
        Assert.Equal(PixelDecisionKind.Clean, PixelDecision.Decide(usRisk, new[] { new PixelRegion(0, 0, 5, 5) }, DicomTransferSyntax.Lookup("1.2.840.10008.1.2.5"), true).Kind);
    }
}
