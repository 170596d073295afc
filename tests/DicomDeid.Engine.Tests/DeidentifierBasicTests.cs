using System;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Engine.Tests;

public class DeidentifierBasicTests
{
    [Fact]
    public void BasicProfileOnFlatDataset()
    {
        var ds = TestData.Patient();
        var file = TestData.File(ds);
        var r = TestData.Deid().Apply(file);

        Assert.Null(r.Refusal);
        Assert.StartsWith("PAT-", ds.GetString(new DicomTag(0x00100020)), StringComparison.Ordinal);
        Assert.Equal(ds.GetString(new DicomTag(0x00100020)), ds.GetString(new DicomTag(0x00100010)));
        Assert.StartsWith("ACC-", ds.GetString(new DicomTag(0x00080050)), StringComparison.Ordinal);
        Assert.Equal(string.Empty, ds.GetString(new DicomTag(0x00100030)));   // Z
        Assert.Equal(string.Empty, ds.GetString(new DicomTag(0x00080080)));  // Institution Name X/Z/D -> Z (documented)
        Assert.False(ds.Contains(new DicomTag(0x00081030)));                 // Study Description X
        Assert.Equal("CT", ds.GetString(new DicomTag(0x00080060)));          // not in table, CS kept
        var sop = ds.GetString(new DicomTag(0x00080018))!;
        Assert.StartsWith("2.25.", sop, StringComparison.Ordinal);
        Assert.Equal(sop, r.NewSopInstanceUid);
        Assert.Equal(sop, file.FileMetaInformation.GetString(new DicomTag(0x00020003)));
        Assert.False(file.FileMetaInformation.Contains(new DicomTag(0x00020016)));
        Assert.Equal(Deidentifier.ImplementationClassUid, file.FileMetaInformation.GetString(new DicomTag(0x00020012)));
        Assert.All(file.Preamble!, b => Assert.Equal(0, b));
        Assert.Equal("YES", ds.GetString(new DicomTag(0x00120062)));
        Assert.Equal("REMOVED", ds.GetString(new DicomTag(0x00280303)));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", ds.GetString(new DicomTag(0x00080016))); // well-known
        Assert.NotEmpty(r.Changes);
        Assert.True(r.ActionCounts["X"] > 0);
    }
}
