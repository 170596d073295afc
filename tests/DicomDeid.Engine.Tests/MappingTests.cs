using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Engine.Tests;

public class MappingTests
{
    private static readonly DicomTag SopInstance = new(0x00080018);
    private static readonly DicomTag StudyInstance = new(0x0020000D);
    private static readonly DicomTag StudyDate = new(0x00080020);

    private static DicomDataset WithReference(string sop, string referencedSop)
    {
        var ds = TestData.Patient(sop: sop);
        var seq = new DicomSequence(new DicomTag(0x00081140)); // Referenced Image Sequence (X/Z/U*: kept, UIDs inside remapped)
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x00081150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        item.SetString(new DicomTag(0x00081155), DicomVR.UI, referencedSop);
        seq.Items.Add(item);
        ds.Set(seq);
        return ds;
    }

    [Fact]
    public void UidsAreConsistentAcrossFilesAndReferencesResolve()
    {
        var a = WithReference("1.2.3.100.1", "1.2.3.100.2");
        var b = WithReference("1.2.3.100.2", "1.2.3.100.1");
        var deid = TestData.Deid();
        deid.Apply(TestData.File(a));
        deid.Apply(TestData.File(b));
        var aSop = a.GetString(SopInstance)!;
        var bSop = b.GetString(SopInstance)!;
        Assert.NotEqual("1.2.3.100.1", aSop);
        Assert.Equal(bSop, a.GetSequence(new DicomTag(0x00081140))!.Items[0].GetString(new DicomTag(0x00081155)));
        Assert.Equal(aSop, b.GetSequence(new DicomTag(0x00081140))!.Items[0].GetString(new DicomTag(0x00081155)));
        Assert.Equal(a.GetString(StudyInstance), b.GetString(StudyInstance));
        // Referenced SOP Class UID is well-known: unchanged.
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", a.GetSequence(new DicomTag(0x00081140))!.Items[0].GetString(new DicomTag(0x00081150)));
    }

    [Fact]
    public void UidsAreDecimalUnder64CharsAndDependOnTheKey()
    {
        using var m1 = new KeyedMapper(TestData.Key);
        using var m2 = new KeyedMapper(DeidKey.Generate());
        var u1 = m1.MapUid("1.2.3.4");
        Assert.Matches("^2\\.25\\.[1-9][0-9]{0,38}$", u1);
        Assert.True(u1.Length <= 64);
        Assert.Equal(u1, m1.MapUid("1.2.3.4"));
        Assert.NotEqual(u1, m2.MapUid("1.2.3.4"));
        Assert.NotEqual(u1, m1.MapUid("1.2.3.5"));
    }

    [Fact]
    public void WellKnownUidsNeverChange()
    {
        var ds = TestData.Patient();
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.4");
        ds.SetString(new DicomTag(0x00200052), DicomVR.UI, "1.2.840.10008.1.4.1.1"); // a well-known frame of reference (Talairach)
        TestData.Deid().Apply(TestData.File(ds));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.4", ds.GetString(new DicomTag(0x00080016)));
        if (DicomUidRegistry.IsWellKnown("1.2.840.10008.1.4.1.1"))
            Assert.Equal("1.2.840.10008.1.4.1.1", ds.GetString(new DicomTag(0x00200052)));
        else
            Assert.Fail("the UID registry does not know the Talairach frame of reference");
    }

    [Fact]
    public void RetainUidsKeepsInstanceUids()
    {
        var ds = TestData.Patient(sop: "1.2.3.77");
        TestData.Deid(options: new[] { "RetainUIDs" }).Apply(TestData.File(ds));
        Assert.Equal("1.2.3.77", ds.GetString(SopInstance));
    }

    [Fact]
    public void DateShiftIsPerPatientAndStable()
    {
        var deid = TestData.Deid("Research");
        DicomDataset Run(string patient, string date)
        {
            var ds = TestData.Patient(id: patient);
            ds.SetString(StudyDate, DicomVR.DA, date);
            ds.SetString(new DicomTag(0x0008002A), DicomVR.DT, date + "101500.5+0100"); // Acquisition DateTime
            deid.Apply(TestData.File(ds));
            return ds;
        }
        int Offset(DicomDataset ds, string original) => (int)(DateTime.ParseExact(ds.GetString(StudyDate)!, "yyyyMMdd", null) - DateTime.ParseExact(original, "yyyyMMdd", null)).TotalDays;

        var a1 = Run("PAT-A", "20200115");
        var a2 = Run("PAT-A", "20210620");
        var b1 = Run("PAT-B", "20200115");
        Assert.Equal(Offset(a1, "20200115"), Offset(a2, "20210620"));
        Assert.InRange(Offset(a1, "20200115"), -3650, -365);
        Assert.NotEqual(Offset(a1, "20200115"), Offset(b1, "20200115"));
        Assert.Equal(a1.GetString(StudyDate) + "101500.5+0100", a1.GetString(new DicomTag(0x0008002A)));
        Assert.Equal("MODIFIED", a1.GetString(new DicomTag(0x00280303)));
        Assert.Equal("101500", a1.GetString(new DicomTag(0x00080030))); // TM unchanged
    }

    [Fact]
    public void AlreadyDeidentifiedInputIsNotShiftedTwice()
    {
        var deid = TestData.Deid("Research");
        var ds = TestData.Patient();
        deid.Apply(TestData.File(ds));
        var once = ds.GetString(StudyDate);
        var r = deid.Apply(TestData.File(ds));
        Assert.True(r.AlreadyDeidentified);
        Assert.Equal(once, ds.GetString(StudyDate));
        Assert.Contains(r.Warnings, w => w.Contains("not shifted", StringComparison.Ordinal));
    }

    [Fact]
    public void YesWithoutAModifiedDatesClaim_IsShiftedNow_AndTheClaimIsTrue()
    {
        // Another tool's YES says nothing about the dates unless (0028,0303) says MODIFIED: they are treated as original.
        var ds = TestData.Patient();
        ds.SetString(new DicomTag(0x00120062), DicomVR.CS, "YES");
        var r = TestData.Deid(options: new[] { "RetainLongitudinalModifiedDates" }).Apply(TestData.File(ds));
        Assert.True(r.AlreadyDeidentified);
        Assert.NotEqual("20200115", ds.GetString(StudyDate));
        Assert.Equal("MODIFIED", ds.GetString(new DicomTag(0x00280303)));

        var claimed = TestData.Patient();
        claimed.SetString(new DicomTag(0x00120062), DicomVR.CS, "YES");
        claimed.SetString(new DicomTag(0x00280303), DicomVR.CS, "MODIFIED");
        TestData.Deid(options: new[] { "RetainLongitudinalModifiedDates" }).Apply(TestData.File(claimed));
        Assert.Equal("20200115", claimed.GetString(StudyDate));
    }

    [Fact]
    public void RetainDeviceIdentity_CleansAeTitles_ToKeyedTitles()
    {
        // Table E.1-1 gives C, not K, to AE titles under Retain Device Identity.
        var title = new DicomTag(0x00080055);
        DicomDataset Make()
        {
            var d = TestData.Patient();
            d.SetString(title, DicomVR.AE, "STMARYS_CT2\\ZQ030565AE");
            d.SetString(new DicomTag(0x00081010), DicomVR.SH, "CTROOM2");
            return d;
        }
        var a = Make();
        var b = Make();
        TestData.Deid(options: new[] { "RetainDeviceIdentity" }).Apply(TestData.File(a));
        TestData.Deid(options: new[] { "RetainDeviceIdentity" }).Apply(TestData.File(b));
        var values = a.Get(title)!.GetStrings();
        Assert.Equal(2, values.Length);
        Assert.All(values, v => Assert.Matches("^AE[A-Z2-7]{14}$", v.Trim()));
        Assert.NotEqual(values[0], values[1]);
        Assert.Equal(a.GetString(title), b.GetString(title));                   // same node, same title
        Assert.Equal("CTROOM2", a.GetString(new DicomTag(0x00081010))?.Trim()); // K under the option
    }

    [Fact]
    public void CleanDescriptors_DropsCodeValuesThatAreNoDefinedTerm()
    {
        var reason = new DicomTag(0x04000565);
        var ds = TestData.Patient();
        ds.SetString(reason, DicomVR.CS, "CORRECT\\ZQ030407");
        TestData.Deid(options: new[] { "CleanDescriptors" }).Apply(TestData.File(ds));
        Assert.Equal("CORRECT", ds.GetString(reason)?.Trim());

        var only = TestData.Patient();
        only.SetString(reason, DicomVR.CS, "DOE");
        TestData.Deid(options: new[] { "CleanDescriptors" }).Apply(TestData.File(only));
        Assert.Equal(0, only.Get(reason)!.Length);
    }

    [Fact]
    public void PatientWordsInShortTextTheTableDoesNotList_AreReplaced_WholeWordsOnly()
    {
        var frameLabel = new DicomTag(0x00209453);
        var manufacturer = new DicomTag(0x00080070);
        var ds = TestData.Patient(id: "MRN12345", name: "DOE^JOHN");
        ds.SetString(frameLabel, DicomVR.LO, "john doe MRN12345 sagittal");
        ds.SetString(manufacturer, DicomVR.LO, "JOHNSON MEDICAL");
        var r = TestData.Deid().Apply(TestData.File(ds));
        Assert.Equal("* * * sagittal", ds.GetString(frameLabel)?.Trim());
        Assert.Equal("JOHNSON MEDICAL", ds.GetString(manufacturer)?.Trim());
        Assert.Contains(r.Changes, c => c.TagPath == "(0020,9453)" && c.RuleId == "vr-default:patient-identity-in-text");
    }

    [Fact]
    public void AnEarlierToolsMethodText_IsCarried_WithoutThePatientsWordsOrDates()
    {
        var method = new DicomTag(0x00120063);
        var ds = TestData.Patient(id: "MRN12345", name: "DOE^JOHN");
        ds.SetString(new DicomTag(0x00120062), DicomVR.CS, "YES");
        ds.SetString(method, DicomVR.LO, "OTHERTOOL 2019-05-01 for DOE MRN12345");
        TestData.Deid().Apply(TestData.File(ds));
        var values = ds.Get(method)!.GetStrings();
        Assert.Equal("OTHERTOOL * for * *", values[0]);
        Assert.StartsWith("DicomDeid ", values[1], StringComparison.Ordinal);
    }

    [Fact]
    public void FullDatesKeepDatesAndSayUnmodified()
    {
        var ds = TestData.Patient();
        TestData.Deid(options: new[] { "RetainLongitudinalFullDates" }).Apply(TestData.File(ds));
        Assert.Equal("20200115", ds.GetString(StudyDate));
        Assert.Equal("UNMODIFIED", ds.GetString(new DicomTag(0x00280303)));
    }

    [Fact]
    public void PseudonymsAreKeyedAndStable()
    {
        var d1 = TestData.Patient(id: "MRN1");
        var d2 = TestData.Patient(id: "MRN1", sop: "1.2.3.9");
        var d3 = TestData.Patient(id: "MRN2");
        var deid = TestData.Deid();
        deid.Apply(TestData.File(d1)); deid.Apply(TestData.File(d2)); deid.Apply(TestData.File(d3));
        var pid = new DicomTag(0x00100020);
        Assert.Equal(d1.GetString(pid), d2.GetString(pid));
        Assert.NotEqual(d1.GetString(pid), d3.GetString(pid));
        Assert.Matches("^PAT-[A-Z2-7]{12}$", d1.GetString(pid));
        Assert.Matches("^ACC-[A-Z2-7]{12}$", d1.GetString(new DicomTag(0x00080050)));
    }

    [Fact]
    public void PseudonymTableAndCrosswalk()
    {
        var dir = Directory.CreateTempSubdirectory("deidtest");
        try
        {
            var csv = Path.Combine(dir.FullName, "p.csv");
            File.WriteAllText(csv, "original,replacement\nMRN12345,SUBJECT-001\n\"DOE^JOHN\",\"SUBJECT^ONE\"\n");
            var table = PseudonymTable.LoadCsv(csv);
            Assert.Equal(2, table.Count);
            var cw = new CrosswalkCollector();
            var ds = TestData.Patient();
            TestData.Deid(settings: new DeidentifierSettings { PseudonymTable = table, Crosswalk = cw }).Apply(TestData.File(ds));
            Assert.Equal("SUBJECT-001", ds.GetString(new DicomTag(0x00100020)));
            Assert.Equal("SUBJECT^ONE", ds.GetString(new DicomTag(0x00100010)));
            Assert.Contains(cw.Rows, r => r.Attribute == "PatientID" && r.Original == "MRN12345" && r.Pseudonym == "SUBJECT-001");
            Assert.Contains(cw.Rows, r => r.Attribute == "AccessionNumber" && r.Original == "ACC998877");
            var outCsv = Path.Combine(dir.FullName, "crosswalk.csv");
            cw.WriteCsv(outCsv);
            Assert.Contains("PatientID,MRN12345,SUBJECT-001", File.ReadAllText(outCsv), StringComparison.Ordinal);

            File.WriteAllText(csv, "a,b\nonly-one-field\n");
            var ex = Assert.Throws<DeidProfileException>(() => PseudonymTable.LoadCsv(csv));
            Assert.Equal(2, ex.Line);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void KeyFileRoundTripPassphraseAndFingerprint()
    {
        var dir = Directory.CreateTempSubdirectory("deidkey");
        try
        {
            var path = Path.Combine(dir.FullName, "k.json");
            var k = DeidKey.Generate();
            k.Save(path);
            var text = File.ReadAllText(path);
            Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
            var k2 = DeidKey.Load(path);
            Assert.Equal(k.Fingerprint, k2.Fingerprint);
            Assert.Matches("^[0-9a-f]{16}$", k.Fingerprint);
            Assert.DoesNotContain(k.Fingerprint, Convert.ToHexString(Convert.FromBase64String(System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!)), StringComparison.OrdinalIgnoreCase);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Throws<IOException>(() => k.Save(path)); // no silent overwrite
            File.WriteAllText(path, "{ \"format\": \"DicomDeid.Key\", \"version\": 1, \"key\": \"AAAA\" }");
            Assert.Throws<DeidKeyException>(() => DeidKey.Load(path));
            Assert.Throws<DeidKeyException>(() => DeidKey.Load(Path.Combine(dir.FullName, "missing.json")));
            Assert.Equal(DeidKey.FromPassphrase("correct horse battery staple").Fingerprint, DeidKey.FromPassphrase("correct horse battery staple").Fingerprint);
            Assert.NotEqual(DeidKey.FromPassphrase("correct horse battery staple").Fingerprint, DeidKey.FromPassphrase("other").Fingerprint);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Pbkdf2MatchesTheFrameworkImplementation()
    {
        var pw = System.Text.Encoding.UTF8.GetBytes("pw");
        var salt = System.Text.Encoding.ASCII.GetBytes(DeidKey.PassphraseSalt);
        var ours = DeidKey.Pbkdf2Sha256(pw, salt, 1000);
        var theirs = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(pw, salt, 1000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void ConcurrentApplyGivesTheSameResultsAsSequential()
    {
        var deid = TestData.Deid("Research");
        var inputs = Enumerable.Range(0, 64).Select(i => TestData.Patient(id: "P" + (i % 5), sop: "1.2.3.500." + i)).ToArray();
        var copies = Enumerable.Range(0, 64).Select(i => TestData.Patient(id: "P" + (i % 5), sop: "1.2.3.500." + i)).ToArray();
        Parallel.ForEach(inputs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, ds => deid.Apply(TestData.File(ds)));
        foreach (var ds in copies) deid.Apply(TestData.File(ds));
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(copies[i].GetString(SopInstance), inputs[i].GetString(SopInstance));
            Assert.Equal(copies[i].GetString(StudyDate), inputs[i].GetString(StudyDate));
            Assert.Equal(copies[i].GetString(new DicomTag(0x00100020)), inputs[i].GetString(new DicomTag(0x00100020)));
        }
    }
}
