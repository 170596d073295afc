using DicomDeid.Dicom;
using DicomDeid.Engine.Verification;
using Xunit;

namespace DicomDeid.Engine.Tests.Verification;

public class BatchIntegrityCheckerTests
{
    private static DicomDataset Instance(string sop, string patientId, string? referenced = null)
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0018), DicomVR.UI, sop);
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, patientId);
        if (referenced is not null)
        {
            var seq = new DicomSequence(new DicomTag(0x0008, 0x1140));
            var item = new DicomDataset();
            item.SetString(new DicomTag(0x0008, 0x1155), DicomVR.UI, referenced);
            seq.Items.Add(item);
            ds.Set(seq);
        }
        return ds;
    }

    [Fact]
    public void ResolvedReferencesGiveNoFinding()
    {
        var c = new BatchIntegrityChecker();
        c.Add("a", Instance("2.25.1", "P1"), "orig1");
        c.Add("b", Instance("2.25.2", "P1", referenced: "2.25.1"), "orig1");
        Assert.Empty(c.Check());
    }

    [Fact]
    public void BrokenReferenceIsReported()
    {
        var c = new BatchIntegrityChecker();
        c.Add("b", Instance("2.25.2", "P1", referenced: "2.25.999"), "orig1");
        var f = Assert.Single(Assert.Single(c.Check()).Value);
        Assert.Equal("reference-unresolved", f.Check);
        Assert.Equal("(0008,1140)[0].(0008,1155)", f.TagPath);
    }

    [Fact]
    public void MergedAndSplitPatientsAreErrors()
    {
        var merged = new BatchIntegrityChecker();
        merged.Add("a", Instance("2.25.1", "P1"), "orig1");
        merged.Add("b", Instance("2.25.2", "P1"), "orig2");
        Assert.Contains(merged.Check().Values, l => l.Exists(f => f.Check == "patient-merged"));

        var split = new BatchIntegrityChecker();
        split.Add("a", Instance("2.25.1", "P1"), "orig1");
        split.Add("b", Instance("2.25.2", "P2"), "orig1");
        Assert.Contains(split.Check().Values, l => l.Exists(f => f.Check == "patient-split"));
    }
}
