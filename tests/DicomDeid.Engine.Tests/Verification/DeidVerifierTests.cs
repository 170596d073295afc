using System;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Verification;
using Xunit;

namespace DicomDeid.Engine.Tests.Verification;

public class DeidVerifierTests
{
    private static DicomFile CleanFile(params string[] extraCodes)
    {
        var meta = new DicomDataset();
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.SetString(new DicomTag(0x0008, 0x0018), DicomVR.UI, "2.25.12345678901234567890");
        ds.SetString(new DicomTag(0x0008, 0x0060), DicomVR.CS, "CT");
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "PAT-7FK2MQ3ZXA4B");
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "PAT-7FK2MQ3ZXA4B");
        ds.SetString(new DicomTag(0x0012, 0x0062), DicomVR.CS, "YES");
        var codes = new DicomSequence(new DicomTag(0x0012, 0x0064));
        foreach (var c in new[] { "113100" }.Concat(extraCodes))
        {
            var item = new DicomDataset();
            item.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, c);
            item.SetString(new DicomTag(0x0008, 0x0102), DicomVR.SH, "DCM");
            codes.Items.Add(item);
        }
        ds.Set(codes);
        ds.SetString(new DicomTag(0x0020, 0x000D), DicomVR.UI, "2.25.1");
        ds.SetString(new DicomTag(0x0020, 0x000E), DicomVR.UI, "2.25.2");
        meta.SetString(new DicomTag(0x0002, 0x0003), DicomVR.UI, "2.25.12345678901234567890");
        return new DicomFile(meta, ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    private static DeidVerificationResult Verify(DicomFile f, params string[] options) =>
        new DeidVerifier(new ProfileExpectations(options)).Verify("test.dcm", f);

    [Fact]
    public void CleanFilePasses()
    {
        var r = Verify(CleanFile());
        Assert.True(r.Passed, string.Join(Environment.NewLine, r.Findings));
    }

    [Fact]
    public void MissingMarkerFails()
    {
        var f = CleanFile();
        f.Dataset.Remove(new DicomTag(0x0012, 0x0062));
        Assert.Contains(Verify(f).Findings, x => x.Check == "marker:PatientIdentityRemoved");
    }

    [Fact]
    public void MethodCodesMustMatchOptions()
    {
        Assert.Contains(Verify(CleanFile(), "RetainSafePrivate").Findings, x => x.Check == "marker:MethodCodes");
        Assert.True(Verify(CleanFile("113111"), "RetainSafePrivate").Passed);
    }

    [Theory]
    [InlineData(0x00100030u, DicomVR.DA, "19650412", HipaaIdentifier.Dates)]          // PatientBirthDate: Z
    [InlineData(0x00101040u, DicomVR.LO, "12 Rue de la Paix", HipaaIdentifier.GeographicSubdivisions)] // PatientAddress: X
    [InlineData(0x00102154u, DicomVR.SH, "555-0100", HipaaIdentifier.TelephoneNumbers)] // PatientTelephoneNumbers: X
    [InlineData(0x00181000u, DicomVR.LO, "SN-4471", HipaaIdentifier.DeviceIdentifiers)] // DeviceSerialNumber: X/Z/D
    [InlineData(0x00080090u, DicomVR.PN, "Welby^Marcus", HipaaIdentifier.Names)]      // ReferringPhysicianName: Z
    public void PlantedTopLevelIdentifierIsCaught(uint tag, DicomVR vr, string value, HipaaIdentifier category)
    {
        var f = CleanFile();
        f.Dataset.SetString(new DicomTag(tag), vr, value);
        var finding = Assert.Single(Verify(f).Findings, x => x.TagPath == new DicomTag(tag).ToString());
        Assert.Equal(category, finding.HipaaCategory);
        Assert.DoesNotContain(value, finding.MaskedExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void PlantedInNestedSequenceIsCaught()
    {
        var f = CleanFile();
        var seq = new DicomSequence(new DicomTag(0x0008, 0x1110)); // ReferencedStudySequence: X
        var outer = new DicomSequence(new DicomTag(0x0040, 0x0275)); // RequestAttributesSequence: X
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0040, 0x1001), DicomVR.SH, "RP-7781");
        outer.Items.Add(item);
        f.Dataset.Set(outer);
        Assert.Contains(Verify(f).Findings, x => x.TagPath == "(0040,0275)");
        _ = seq;
    }

    [Fact]
    public void TextInsideKeptSequenceIsScanned()
    {
        var f = CleanFile();
        // Content Sequence is X/Z in the basic profile but kept (C) with Clean Structured Content: its text is scanned.
        var content = new DicomSequence(new DicomTag(0x0040, 0xA730));
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0040, 0xA160), DicomVR.UT, "Discussed with Dr. Gregory House on 03/14/2019");
        content.Items.Add(item);
        f.Dataset.Set(content);
        var r = Verify(f, "CleanStructuredContent");
        Assert.Contains(r.Findings, x => x.Check == "text-pattern:TitledName" && x.TagPath == "(0040,A730)[0].(0040,A160)");
        Assert.Contains(r.Findings, x => x.Check == "text-pattern:Date");
    }

    [Fact]
    public void PrivateElementsNeedRetainSafePrivateAndTheSafeList()
    {
        var f = CleanFile("113111");
        var safe = Profiles.SafePrivateAttributeTable.Rows[0];
        var creatorTag = new DicomTag(safe.Group, 0x0010);
        f.Dataset.SetString(creatorTag, DicomVR.LO, safe.PrivateCreator);
        f.Dataset.Set(new DicomElement(new DicomTag(safe.Group, (ushort)(0x1000 | safe.ElementOffset)), DicomVR.DS, new DicomValue(new byte[] { (byte)'1', (byte)' ' })));
        Assert.True(Verify(f, "RetainSafePrivate").Passed, string.Join(Environment.NewLine, Verify(f, "RetainSafePrivate").Findings));
        Assert.Contains(Verify(CleanFileWith(f)).Findings, x => x.Check == "private-not-allowed");

        var unsafeOffset = (byte)Enumerable.Range(0, 256).First(o => !Profiles.SafePrivateAttributeTable.Rows.Any(r => r.Group == safe.Group && r.PrivateCreator == safe.PrivateCreator && r.ElementOffset == o));
        f.Dataset.SetString(new DicomTag(safe.Group, (ushort)(0x1000 | unsafeOffset)), DicomVR.LO, "Smith^John");
        Assert.Contains(Verify(f, "RetainSafePrivate").Findings, x => x.Check == "private-not-safe");
    }

    private static DicomFile CleanFileWith(DicomFile f)
    {
        // Same elements, but verified without Retain Safe Private (codes adjusted so only the private check differs).
        f.Dataset.Set(new DicomSequence(new DicomTag(0x0012, 0x0064)));
        var codes = f.Dataset.GetSequence(new DicomTag(0x0012, 0x0064))!;
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "113100");
        codes.Items.Add(item);
        return f;
    }

    [Fact]
    public void OverlayDataIsCaught()
    {
        var f = CleanFile();
        f.Dataset.Set(new DicomElement(new DicomTag(0x6002, 0x3000), DicomVR.OW, new DicomValue(new byte[8])));
        Assert.Contains(Verify(f).Findings, x => x.TagPath == "(6002,3000)" && x.Check == "profile:X");
    }

    [Fact]
    public void UidOutsideReplacementRootIsCaught()
    {
        var f = CleanFile();
        f.Dataset.SetString(new DicomTag(0x0020, 0x000E), DicomVR.UI, "1.3.12.2.1107.5.1.4.99");
        Assert.Contains(Verify(f).Findings, x => x.TagPath == "(0020,000E)" && x.Check == "profile:U");
        Assert.DoesNotContain(Verify(f, "RetainUIDs").Findings, x => x.TagPath == "(0020,000E)");
    }

    [Fact]
    public void BurnedInAnnotationIsReported()
    {
        var f = CleanFile();
        f.Dataset.SetString(new DicomTag(0x0008, 0x0060), DicomVR.CS, "US");
        f.Dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, new DicomValue(new byte[4])));
        Assert.Contains(Verify(f).Findings, x => x.Check == "burned-in-text-risk");
        f.Dataset.SetString(new DicomTag(0x0028, 0x0301), DicomVR.CS, "YES");
        Assert.Contains(Verify(f).Findings, x => x.Check == "burned-in-text");
    }

    [Fact]
    public void OtherCharacterSetNameIsCaughtByLeakScan()
    {
        var original = CleanFile();
        original.Dataset.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        original.Dataset.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Müller^Jürgen");
        var output = CleanFile();
        output.Dataset.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        output.Dataset.SetString(new DicomTag(0x0008, 0x103E), DicomVR.LO, "follow-up Müller");
        var r = new DeidVerifier(new ProfileExpectations(new[] { "CleanDescriptors" })).Verify("out.dcm", CleanFileCodes(output, "113105"), original);
        Assert.Contains(r.Findings, x => x.Check == "leak:PatientName" && x.TagPath == "(0008,103E)");
    }

    private static DicomFile CleanFileCodes(DicomFile f, string code)
    {
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, code);
        f.Dataset.GetSequence(new DicomTag(0x0012, 0x0064))!.Items.Add(item);
        return f;
    }

    [Fact]
    public void UnknownOptionIsRejected() => Assert.Throws<ArgumentException>(() => new ProfileExpectations(new[] { "RetainEverything" }));
}
