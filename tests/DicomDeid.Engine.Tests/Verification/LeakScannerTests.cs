using System.Linq;
using System.Text;
using DicomDeid.Dicom;
using DicomDeid.Engine.Verification;
using Xunit;

namespace DicomDeid.Engine.Tests.Verification;

public class LeakScannerTests
{
    private static DicomDataset Original()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Quixote^Alonso");
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "MRN778812");
        ds.SetString(new DicomTag(0x0008, 0x0080), DicomVR.LO, "Hospital of La Mancha");
        return ds;
    }

    [Fact]
    public void CollectsNameComponentsAndIds()
    {
        var ids = ReferenceIdentityCollector.Collect(Original()).Select(i => i.Value).ToList();
        Assert.Contains("Quixote", ids);
        Assert.Contains("Alonso", ids);
        Assert.Contains("MRN778812", ids);
    }

    [Fact]
    public void CleanOutputHasNoFindings()
    {
        var output = new DicomDataset();
        output.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "PAT^0001");
        Assert.Empty(LeakScanner.Scan(output, ReferenceIdentityCollector.Collect(Original())));
    }

    [Fact]
    public void FindsSurnameInNestedSequenceText()
    {
        var output = new DicomDataset();
        var seq = new DicomSequence(new DicomTag(0x0040, 0xA730));
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0040, 0xA160), DicomVR.UT, "Patient quixote reported pain");
        seq.Items.Add(item);
        output.Set(seq);
        var f = Assert.Single(LeakScanner.Scan(output, ReferenceIdentityCollector.Collect(Original())));
        Assert.Equal("(0040,A730)[0].(0040,A160)", f.TagPath);
        Assert.Equal(HipaaIdentifier.Names, f.HipaaCategory);
        Assert.DoesNotContain("Quixote", f.MaskedExcerpt, System.StringComparison.Ordinal);
    }

    [Fact]
    public void FindsIdInPrivateBinaryBlobAsUtf16()
    {
        var output = new DicomDataset();
        output.SetString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "ACME 1.0");
        var blob = new byte[] { 1, 2, 3, 4 }.Concat(Encoding.Unicode.GetBytes("MRN778812")).Concat(new byte[] { 0, 0 }).ToArray();
        output.Set(new DicomElement(new DicomTag(0x0029, 0x1010), DicomVR.OB, new DicomValue(blob)));
        var findings = LeakScanner.Scan(output, ReferenceIdentityCollector.Collect(Original()));
        Assert.Contains(findings, x => x.TagPath == "(0029,1010)" && x.Check == "leak:PatientID");
    }
}

public class LeakScannerKeptValueTests
{
    [Fact]
    public void ValueKeptUnchangedInAnotherAttributeIsNotALeakButAChangedOneIs()
    {
        var original = new DicomDataset();
        original.SetString(new DicomTag(0x0008, 0x0070), DicomVR.LO, "ACME MEDICAL");   // Manufacturer (kept)
        original.SetString(new DicomTag(0x0008, 0x0080), DicomVR.LO, "ACME MEDICAL");   // InstitutionName (removed)
        var ids = ReferenceIdentityCollector.Collect(original);

        var output = new DicomDataset();
        output.SetString(new DicomTag(0x0008, 0x0070), DicomVR.LO, "ACME MEDICAL");
        Assert.Empty(LeakScanner.Scan(output, ids, original));

        output.SetString(new DicomTag(0x0020, 0x4000), DicomVR.LT, "scanned at ACME MEDICAL");
        var f = Assert.Single(LeakScanner.Scan(output, ids, original));
        Assert.Equal("(0020,4000)", f.TagPath);
    }
}
