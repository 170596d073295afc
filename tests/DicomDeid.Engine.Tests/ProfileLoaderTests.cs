using System;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Engine.Tests;

public class ProfileLoaderTests
{
    private static DeidProfileException Fails(string json) => Assert.Throws<DeidProfileException>(() => DeidProfile.Parse(json, "test.json"));

    [Fact]
    public void BadJsonNamesTheLine()
    {
        var ex = Fails("{\n  \"schemaVersion\": 1,\n  \"name\": \"x\"\n  \"version\": \"1\"\n}");
        Assert.Equal(4, ex.Line);
        Assert.Equal("test.json", ex.File);
        Assert.Contains("test.json, line 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownActionNamesTheLineAndTheAction()
    {
        var ex = Fails("{\n \"schemaVersion\": 1, \"name\": \"x\",\n \"rules\": [\n  { \"id\": \"r1\", \"match\": { \"keyword\": \"PatientName\" },\n    \"action\": \"obliterate\" }\n ]\n}");
        Assert.Equal(5, ex.Line);
        Assert.Contains("obliterate", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFieldBadTagBadKeywordBadVr()
    {
        Assert.Contains("unknown field 'colour'", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"colour\": 1 }").Problem, StringComparison.Ordinal);
        Assert.Contains("(0010,001G)", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"rules\": [ { \"id\": \"a\", \"match\": { \"tag\": \"(0010,001G)\" }, \"action\": \"remove\" } ] }").Problem, StringComparison.Ordinal);
        Assert.Contains("PatientNom", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"rules\": [ { \"id\": \"a\", \"match\": { \"keyword\": \"PatientNom\" }, \"action\": \"remove\" } ] }").Problem, StringComparison.Ordinal);
        Assert.Contains("not a VR", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"rules\": [ { \"id\": \"a\", \"match\": { \"vr\": \"QQ\" }, \"action\": \"remove\" } ] }").Problem, StringComparison.Ordinal);
        Assert.Contains("exactly one", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"rules\": [ { \"id\": \"a\", \"match\": { \"vr\": \"PN\", \"keyword\": \"PatientName\" }, \"action\": \"remove\" } ] }").Problem, StringComparison.Ordinal);
        Assert.Contains("needs a \"value\"", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"rules\": [ { \"id\": \"a\", \"match\": { \"keyword\": \"PatientName\" }, \"action\": \"replace\" } ] }").Problem, StringComparison.Ordinal);
        Assert.Contains("schemaVersion", Fails("{ \"name\": \"x\" }").Problem, StringComparison.Ordinal);
        Assert.Contains("used twice", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"rules\": [ { \"id\": \"a\", \"match\": { \"vr\": \"PN\" }, \"action\": \"remove\" }, { \"id\": \"a\", \"match\": { \"vr\": \"DA\" }, \"action\": \"remove\" } ] }").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ConflictingAndUnknownOptions()
    {
        Assert.Contains("mutually exclusive", Fails("{ \"schemaVersion\": 1, \"name\": \"x\", \"options\": [\"RetainLongitudinalFullDates\", \"RetainLongitudinalModifiedDates\"] }").Problem, StringComparison.Ordinal);
        var basic = DeidProfiles.Resolve("Basic");
        Assert.Throws<DeidProfileException>(() => basic.Compile(new[] { "RetainLongitudinalFullDates", "RetainLongitudinalModifiedDates" }));
        Assert.Throws<DeidProfileException>(() => DeidProfiles.Resolve("Research").Compile(new[] { "RetainLongitudinalFullDates" }));
        var ex = Assert.Throws<DeidProfileException>(() => basic.Compile(new[] { "RetainEverything" }));
        Assert.Contains("RetainEverything", ex.Message, StringComparison.Ordinal);
        var c = basic.Compile(new[] { "cleanpixeldata", "RetainUids" });
        Assert.True(c.PixelCleaningRequested);
        Assert.Equal(new[] { "RetainUIDs", "CleanPixelData" }, c.Options);
    }

    [Fact]
    public void LoadFromFileNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "deid-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1,\n \"name\": 5 }");
        try
        {
            var ex = Assert.Throws<DeidProfileException>(() => DeidProfiles.Resolve(path));
            Assert.Equal(path, ex.File);
            Assert.Equal(2, ex.Line);
        }
        finally { File.Delete(path); }
        Assert.Throws<DeidProfileException>(() => DeidProfiles.Resolve("NoSuchProfile"));
    }

    [Fact]
    public void BuiltInsLoadAndHash()
    {
        Assert.Equal(new[] { "Basic", "HipaaSafeHarbor", "Research" }, DeidProfiles.BuiltInNames);
        foreach (var n in DeidProfiles.BuiltInNames)
        {
            var p = DeidProfiles.Resolve(n);
            Assert.Equal(n, p.Name);
            Assert.Matches("^[0-9a-f]{64}$", p.Sha256);
            Assert.True(p.IsBuiltIn);
            p.Compile();
        }
        var research = DeidProfiles.Resolve("research");
        Assert.Equal(new[] { "RetainLongitudinalModifiedDates", "RetainPatientCharacteristics", "RetainDeviceIdentity", "RetainSafePrivate", "CleanDescriptors" }, research.Options);
        var hipaa = DeidProfiles.Resolve("HipaaSafeHarbor");
        Assert.Contains("CleanDescriptors", hipaa.Options);
        Assert.All(hipaa.Rules, r => Assert.InRange(r.Hipaa ?? 0, 1, 18));
        // Whitespace does not change the hash; content does.
        var a = DeidProfile.Parse("{\"schemaVersion\":1,\"name\":\"x\"}", "a");
        var b = DeidProfile.Parse("{\n  \"schemaVersion\": 1,\n  \"name\": \"x\"\n}\n", "b");
        var c = DeidProfile.Parse("{\"schemaVersion\":1,\"name\":\"y\"}", "c");
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.NotEqual(a.Sha256, c.Sha256);
    }

    [Fact]
    public void EffectiveRulesListEveryTableRowWithSource()
    {
        var c = DeidProfiles.Resolve("HipaaSafeHarbor").Compile(new[] { "RetainUIDs" });
        Assert.True(c.EffectiveRules.Count(r => r.Source is "table" or "option") >= DicomDeid.Engine.Profiles.ConfidentialityProfileTable.Rows.Count);
        var sop = c.EffectiveRules.Single(r => r.TagPattern == "(0008,0018)");
        Assert.Equal("option:RetainUIDs", sop.RuleId);
        Assert.Equal(DeidAction.Keep, sop.Action);
        var age = c.EffectiveRules.Single(r => r.RuleId == "user:ages-over-89");
        Assert.Equal(3, age.HipaaCategory);
        Assert.Contains(c.EffectiveRules, r => r.RuleId == "vr-default:UI");
        Assert.Equal("user:names-other-pn", c.Decide(new DicomTag(0x00142006), DicomVR.PN).RuleId);
        Assert.Equal("E.1-1:(0010,0010)", c.Decide(new DicomTag(0x00100010), DicomVR.PN).RuleId);
    }

    [Fact]
    public void UserRulesOverrideTheTable()
    {
        var p = DeidProfile.Parse("""
            { "schemaVersion": 1, "name": "custom", "version": "2", "base": "Basic",
              "rules": [
                { "id": "keep-sex", "match": { "keyword": "PatientSex" }, "action": "keep" },
                { "id": "site", "match": { "keyword": "InstitutionName" }, "action": "replace", "value": "SITE A" },
                { "id": "desc", "match": { "keyword": "StudyDescription" }, "action": "hash" },
                { "id": "shift", "match": { "keyword": "StudyDate" }, "action": "shift", "days": -10 },
                { "id": "ov", "match": { "tag": "(60xx,3000)" }, "action": "keep" },
                { "id": "priv", "match": { "privateCreator": "ACME 1.0", "element": "(0009,xx10)" }, "action": "keep" }
              ] }
            """, "custom.json");
        var ds = TestData.Patient();
        ds.Set(new DicomElement(new DicomTag(0x60003000), DicomVR.OW, new DicomValue(new byte[8])));
        ds.SetString(new DicomTag(0x00090010), DicomVR.LO, "acme  1.0 ");
        ds.SetString(new DicomTag(0x00091010), DicomVR.LO, "SAFE VALUE");
        ds.SetString(new DicomTag(0x00091011), DicomVR.LO, "UNSAFE VALUE");
        var r = new Deidentifier(p.Compile(), TestData.Key).Apply(TestData.File(ds));
        Assert.Equal("M", ds.GetString(new DicomTag(0x00100040)));
        Assert.Equal("SITE A", ds.GetString(new DicomTag(0x00080080)));
        Assert.Matches("^[A-Z2-7]{16}$", ds.GetString(new DicomTag(0x00081030)));
        Assert.Equal("20200105", ds.GetString(new DicomTag(0x00080020)));
        Assert.True(ds.Contains(new DicomTag(0x60003000)));
        Assert.Equal("SAFE VALUE", ds.GetString(new DicomTag(0x00091010)));
        Assert.True(ds.Contains(new DicomTag(0x00090010)));
        Assert.False(ds.Contains(new DicomTag(0x00091011)));
        Assert.Contains(r.Changes, c => c.RuleId == "user:site" && c.Action == "replace");
        Assert.Contains("custom 2", ds.GetString(new DicomTag(0x00120063)), StringComparison.Ordinal);
    }
}
