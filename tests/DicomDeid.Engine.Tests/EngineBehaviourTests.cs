using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;
using Xunit;

namespace DicomDeid.Engine.Tests;

public class EngineBehaviourTests
{
    private static void AddPrivate(DicomDataset ds, ushort group, byte block, string creator, params (byte Offset, string Value)[] elements)
    {
        ds.SetString(new DicomTag(group, block), DicomVR.LO, creator);
        foreach (var (off, v) in elements) ds.SetString(new DicomTag(group, (ushort)((block << 8) | off)), DicomVR.LO, v);
    }

    [Fact]
    public void RetainSafePrivateKeepsListedElementsOnly()
    {
        var safe = SafePrivateAttributeTable.Rows.First(r => r.PrivateCreator == "GEMS_ACQU_01" && r.ElementOffset == 0x9E);
        var ds = TestData.Patient();
        // Same creator, written with different case and spacing, in block 0x10: one listed element, one not.
        AddPrivate(ds, safe.Group, 0x10, " gems_acqu_01 ", (safe.ElementOffset, "PULSE SEQ"), (0x01, "SECRET"));
        AddPrivate(ds, 0x0011, 0x10, "SOME VENDOR", (0x01, "SECRET 2"));
        var r = TestData.Deid(options: new[] { "RetainSafePrivate" }).Apply(TestData.File(ds));
        Assert.Equal("PULSE SEQ", ds.GetString(new DicomTag(safe.Group, (ushort)(0x1000 | safe.ElementOffset))));
        Assert.False(ds.Contains(new DicomTag(safe.Group, 0x1001)));
        Assert.True(ds.Contains(new DicomTag(safe.Group, 0x0010)));       // its creator stays
        Assert.False(ds.Contains(new DicomTag(0x00110010)));               // creator of an emptied block goes
        Assert.False(ds.Contains(new DicomTag(0x00111001)));
        Assert.Contains(r.Changes, c => c.TagPath == "(0011,0010)" && c.RuleId == "engine:private-creator");

        var basic = TestData.Patient();
        AddPrivate(basic, safe.Group, 0x10, "GEMS_ACQU_01", (safe.ElementOffset, "PULSE SEQ"));
        TestData.Deid().Apply(TestData.File(basic));
        Assert.DoesNotContain(basic, e => e.Tag.IsPrivate);
    }

    [Fact]
    public void BlocksDeclaredSafeInPrivateDataElementCharacteristicsAreKept()
    {
        var ds = TestData.Patient();
        AddPrivate(ds, 0x0013, 0x10, "ACME SAFE", (0x01, "A"), (0x02, "B"));
        AddPrivate(ds, 0x0015, 0x10, "ACME MIXED", (0x01, "KEEP"), (0x02, "DROP"));
        var seq = new DicomSequence(new DicomTag(0x00080300));
        DicomDataset Decl(ushort group, string creator, string status, params ushort[] nonIdentifying)
        {
            var it = new DicomDataset();
            it.Set(DicomElement.FromUInt16(new DicomTag(0x00080301), group));
            it.SetString(new DicomTag(0x00080302), DicomVR.LO, creator);
            it.SetString(new DicomTag(0x00080303), DicomVR.CS, status);
            if (nonIdentifying.Length > 0) it.Set(DicomElement.FromUInt16(new DicomTag(0x00080304), nonIdentifying));
            return it;
        }
        seq.Items.Add(Decl(0x0013, "ACME SAFE", "SAFE"));
        seq.Items.Add(Decl(0x0015, "ACME MIXED", "MIXED", 0x0001));
        ds.Set(seq);
        TestData.Deid(options: new[] { "RetainSafePrivate" }).Apply(TestData.File(ds));
        Assert.Equal("A", ds.GetString(new DicomTag(0x00131001)));
        Assert.Equal("B", ds.GetString(new DicomTag(0x00131002)));
        Assert.Equal("KEEP", ds.GetString(new DicomTag(0x00151001)));
        Assert.False(ds.Contains(new DicomTag(0x00151002)));

        // Without the option, declarations do not keep anything.
        var plain = TestData.Patient();
        AddPrivate(plain, 0x0013, 0x10, "ACME SAFE", (0x01, "A"));
        var s2 = new DicomSequence(new DicomTag(0x00080300));
        s2.Items.Add(Decl(0x0013, "ACME SAFE", "SAFE"));
        plain.Set(s2);
        TestData.Deid().Apply(TestData.File(plain));
        Assert.False(plain.Contains(new DicomTag(0x00131001)));
    }

    [Fact]
    public void NoOriginalValueAppearsInTheResult()
    {
        var planted = new[] { "DOE^JOHN", "MRN12345", "ACC998877", "GENERAL HOSPITAL", "20200115", "19700101", "1.2.826.0.1.3680043.2.1125.1.1", "SECRETNOTE" };
        var ds = TestData.Patient();
        ds.SetString(new DicomTag(0x00204000), DicomVR.LT, "SECRETNOTE");
        ds.SetString(new DicomTag(0x00181000), DicomVR.LO, "not-a-date-20200115"); // a value that cannot be shifted
        foreach (var profile in DeidProfiles.BuiltInNames)
        {
            var copy = TestData.Patient();
            copy.SetString(new DicomTag(0x00204000), DicomVR.LT, "SECRETNOTE");
            copy.SetString(new DicomTag(0x0008002A), DicomVR.DT, "garbage");
            var r = TestData.Deid(profile).Apply(TestData.File(copy));
            var text = string.Join("\n", r.Changes.Select(c => c.TagPath + " " + c.Action + " " + c.RuleId))
                + string.Join("\n", r.Warnings) + r.Refusal + r.SourceSopInstanceUidHash + string.Join(",", r.ActionCounts.Keys);
            foreach (var p in planted) Assert.DoesNotContain(p, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(new string[0], new[] { "113100" })]
    [InlineData(new[] { "RetainSafePrivate", "RetainUIDs", "RetainDeviceIdentity", "RetainInstitutionIdentity", "RetainPatientCharacteristics", "RetainLongitudinalModifiedDates", "CleanDescriptors", "CleanStructuredContent", "CleanGraphics" },
        new[] { "113100", "113111", "113110", "113109", "113112", "113108", "113107", "113105", "113104", "113103" })]
    [InlineData(new[] { "RetainLongitudinalFullDates", "CleanPixelData" }, new[] { "113100", "113106" })]
    public void EvidenceMarkersNameTheOptions(string[] options, string[] codes)
    {
        var ds = TestData.Patient();
        ds.SetString(new DicomTag(0x00280301), DicomVR.CS, "YES"); // Burned In Annotation: left to the pixel work
        var deid = TestData.Deid(options: options);
        var r = deid.Apply(TestData.File(ds));
        Assert.Equal("YES", ds.GetString(new DicomTag(0x00120062)));
        Assert.Equal("YES", ds.GetString(new DicomTag(0x00280301)));
        var seq = ds.GetSequence(new DicomTag(0x00120064))!;
        Assert.Equal(codes.OrderBy(c => c, StringComparer.Ordinal), seq.Items.Select(i => i.GetString(new DicomTag(0x00080100))!).OrderBy(c => c, StringComparer.Ordinal));
        Assert.All(seq.Items, i => Assert.Equal("DCM", i.GetString(new DicomTag(0x00080102))));
        Assert.Equal("Basic Application Confidentiality Profile", seq.Items.Single(i => i.GetString(new DicomTag(0x00080100)) == "113100").GetString(new DicomTag(0x00080104)));
        var method = ds.Get(new DicomTag(0x00120063))!.GetStrings();
        Assert.StartsWith("DicomDeid ", method[0], StringComparison.Ordinal);
        Assert.Contains(" Basic 1.0", method[0], StringComparison.Ordinal);
        Assert.All(method, m => Assert.True(m.Length <= 64));
        // Pixel options are named only once the pixel step changed pixels (Deidentifier.MarkPixelDataCleaned).
        foreach (var o in deid.Profile.Options)
            if (o is "CleanPixelData" or "CleanRecognizableVisualFeatures") Assert.DoesNotContain(o, method);
            else Assert.Contains(o, method);
        Assert.Equal(options.Contains("CleanPixelData"), r.PixelCleaningRequested);
        var ltim = ds.GetString(new DicomTag(0x00280303));
        Assert.Equal(options.Contains("RetainLongitudinalFullDates") ? "UNMODIFIED" : options.Contains("RetainLongitudinalModifiedDates") ? "MODIFIED" : "REMOVED", ltim);
        Deidentifier.AddMethodCode(ds, "113101");
        Deidentifier.AddMethodCode(ds, "113101");
        Assert.Single(ds.GetSequence(new DicomTag(0x00120064))!.Items, i => i.GetString(new DicomTag(0x00080100)) == "113101");
    }

    [Fact]
    public void EncapsulatedDocumentIsRefusedUnlessARuleHandlesIt()
    {
        var ds = TestData.Patient();
        ds.Set(new DicomElement(new DicomTag(0x00420011), DicomVR.OB, new DicomValue(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4 DOE JOHN "))));
        var file = TestData.File(ds);
        var r = TestData.Deid().Apply(file);
        Assert.NotNull(r.Refusal);
        Assert.Contains("(0042,0011)", r.Refusal, StringComparison.Ordinal);
        Assert.Equal("DOE^JOHN", ds.GetString(new DicomTag(0x00100010))); // untouched when refused

        var p = DeidProfile.Parse("{ \"schemaVersion\": 1, \"name\": \"pdf\", \"rules\": [ { \"id\": \"doc\", \"match\": { \"keyword\": \"EncapsulatedDocument\" }, \"action\": \"dummy\" } ] }", "pdf.json");
        var r2 = new Deidentifier(p.Compile(), TestData.Key).Apply(file);
        Assert.Null(r2.Refusal);
        Assert.Equal(new byte[2], ds.Get(new DicomTag(0x00420011))!.Value.GetBytes());
    }

    [Fact]
    public void DicomdirIsRefused()
    {
        var ds = new DicomDataset();
        ds.Set(new DicomSequence(new DicomTag(0x00041220)));
        Assert.Contains("DICOMDIR", TestData.Deid().Apply(TestData.File(ds)).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlaysAndCurvesGoWholeLabelsIncluded()
    {
        var ds = TestData.Patient();
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x60020010), 512));
        ds.SetString(new DicomTag(0x60020022), DicomVR.LO, "DOE JOHN OVERLAY");
        ds.SetString(new DicomTag(0x60021500), DicomVR.LO, "JOHN");
        ds.Set(new DicomElement(new DicomTag(0x60023000), DicomVR.OW, new DicomValue(new byte[64])));
        ds.SetString(new DicomTag(0x60040022), DicomVR.LO, "LABEL WITHOUT DATA");
        ds.SetString(new DicomTag(0x50000022), DicomVR.LO, "CURVE DOE");
        TestData.Deid().Apply(TestData.File(ds));
        Assert.DoesNotContain(ds, e => e.Tag.Group >= 0x5000 && e.Tag.Group <= 0x60FF);

        var cg = TestData.Patient();
        cg.SetString(new DicomTag(0x60040022), DicomVR.LO, "DOE 1234567 ARROW");
        TestData.Deid(options: new[] { "CleanGraphics" }).Apply(TestData.File(cg));
        Assert.Equal("* * ARROW", cg.GetString(new DicomTag(0x60040022)));
    }

    [Fact]
    public void NestedSequencesAtAnyDepthAreProcessed()
    {
        var ds = TestData.Patient();
        var inner = ds;
        var path = new List<DicomDataset>();
        for (var i = 0; i < 6; i++)
        {
            var seq = new DicomSequence(new DicomTag(0x00081115));
            var item = new DicomDataset { Parent = inner };
            seq.Items.Add(item);
            inner.Set(seq);
            inner = item;
            path.Add(item);
        }
        inner.SetString(new DicomTag(0x00100010), DicomVR.PN, "DEEP^NAME");
        inner.SetString(new DicomTag(0x00081155), DicomVR.UI, "1.2.3.44");
        inner.SetString(new DicomTag(0x00090010), DicomVR.LO, "X");
        inner.SetString(new DicomTag(0x00091001), DicomVR.LO, "private deep");
        var r = TestData.Deid(settings: new DeidentifierSettings { Pseudonymize = false }).Apply(TestData.File(ds));
        Assert.Equal(string.Empty, inner.GetString(new DicomTag(0x00100010)));
        Assert.StartsWith("2.25.", inner.GetString(new DicomTag(0x00081155)), StringComparison.Ordinal);
        Assert.False(inner.Contains(new DicomTag(0x00091001)));
        Assert.Contains(r.Changes, c => c.TagPath == "(0008,1115)[0].(0008,1115)[0].(0008,1115)[0].(0008,1115)[0].(0008,1115)[0].(0008,1115)[0].(0010,0010)" && c.Action == "Z");

        var shallow = new Deidentifier(DeidProfiles.Resolve("Basic").Compile(), TestData.Key, new DeidentifierSettings { MaxDepth = 3 });
        var d2 = TestData.Patient();
        var cur = d2;
        for (var i = 0; i < 5; i++)
        {
            var seq = new DicomSequence(new DicomTag(0x00081115));
            var item = new DicomDataset { Parent = cur };
            seq.Items.Add(item);
            cur.Set(seq);
            cur = item;
        }
        var r2 = shallow.Apply(TestData.File(d2));
        Assert.Contains(r2.Changes, c => c.RuleId == "engine:max-depth");
    }

    [Fact]
    public void AttributesNotInTheTableFollowVisibleVrRules()
    {
        var ds = TestData.Patient();
        ds.SetString(new DicomTag(0x00142006), DicomVR.PN, "EVALUATOR^ONE");   // PN not in Table E.1-1
        ds.SetString(new DicomTag(0x00143077), DicomVR.TM, "101010");           // Time Of Gain Calibration, not in the table
        ds.SetString(new DicomTag(0x00280030), DicomVR.DS, "0.5\\0.5");         // Pixel Spacing: kept
        var r = TestData.Deid().Apply(TestData.File(ds));
        Assert.Equal(string.Empty, ds.GetString(new DicomTag(0x00142006)));
        Assert.Contains(r.Changes, c => c.TagPath == "(0014,2006)" && c.RuleId == "vr-default:PN");
        Assert.Equal("0.5\\0.5", ds.GetString(new DicomTag(0x00280030)));
        Assert.Equal(string.Empty, ds.GetString(new DicomTag(0x00143077)));
        var c = DeidProfiles.Resolve("Basic").Compile();
        Assert.Equal("vr-default:TM", c.Decide(new DicomTag(0x00143077), DicomVR.TM).RuleId);
        Assert.Equal("vr-default:UI", c.Decide(new DicomTag(0x0008001A), DicomVR.UI).RuleId); // Related General SOP Class UID? remapped unless well-known
    }

    [Fact]
    public void AgesOver89AreCappedByTheResearchPreset()
    {
        var ds = TestData.Patient();
        ds.SetString(new DicomTag(0x00101010), DicomVR.AS, "093Y");
        TestData.Deid("Research").Apply(TestData.File(ds));
        Assert.Equal("090Y", ds.GetString(new DicomTag(0x00101010)));
        var young = TestData.Patient();
        young.SetString(new DicomTag(0x00101010), DicomVR.AS, "045Y");
        TestData.Deid("Research").Apply(TestData.File(young));
        Assert.Equal("045Y", young.GetString(new DicomTag(0x00101010)));
        Assert.Equal("090Y", DeidValuePolicy.CapAge("120Y"));
        Assert.Equal("090Y", DeidValuePolicy.CapAge("090Y"));
        Assert.Equal("089Y", DeidValuePolicy.CapAge("089Y"));
        Assert.Equal("999M", DeidValuePolicy.CapAge("999M"));
    }

    [Fact]
    public void ElementsStoredAsUnAreTreatedByTheirDictionaryVr()
    {
        var ds = TestData.Patient();
        ds.Set(new DicomElement(new DicomTag(0x0020000E), DicomVR.UN, new DicomValue(System.Text.Encoding.ASCII.GetBytes("1.2.3.4\0"))));
        ds.Set(new DicomElement(new DicomTag(0x00081070), DicomVR.UN, new DicomValue(System.Text.Encoding.ASCII.GetBytes("SMITH^JO"))));
        TestData.Deid().Apply(TestData.File(ds));
        using var m = new KeyedMapper(TestData.Key);
        Assert.Equal(m.MapUid("1.2.3.4"), ds.GetString(new DicomTag(0x0020000E)));
        Assert.Equal(string.Empty, ds.GetString(new DicomTag(0x00081070)) ?? string.Empty);
    }
}
