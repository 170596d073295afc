using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests;

public class DicomTagTests
{
    [Theory]
    [InlineData("(0010,0010)", 0x00100010u)]
    [InlineData("0010,0020", 0x00100020u)]
    [InlineData("7FE00010", 0x7FE00010u)]
    public void ParsesHexForms(string text, uint expected) => Assert.Equal(expected, DicomTag.Parse(text).Value);

    [Fact]
    public void ParsesKeyword() => Assert.Equal(0x00100010u, DicomTag.Parse("PatientName").Value);

    [Fact]
    public void PrivateCreatorOfDataElement()
    {
        var t = new DicomTag(0x0029, 0x1010);
        Assert.True(t.IsPrivate);
        Assert.True(t.IsPrivateData);
        Assert.Equal(new DicomTag(0x0029, 0x0010), t.PrivateCreatorTag);
        Assert.False(new DicomTag(0x0009, 0x0000).IsPrivateCreator);
    }

    [Fact]
    public void TagPathRoundTrips()
    {
        var p = DicomTagPath.Parse("(0008,1115)[0].(0020,000E)");
        Assert.Equal("(0008,1115)[0].(0020,000E)", p.ToString());
        Assert.Equal(1, p.Depth);
    }
}

public class DicomDatasetCharacterSetTests
{
    [Fact]
    public void ItemFollowsAChangeOfItsParentsCharacterSet()
    {
        var parent = new DicomDataset();
        var seq = new DicomSequence(new DicomTag(0x0008, 0x1115));
        var item = new DicomDataset();
        seq.Items.Add(item);
        parent.Set(seq);
        Assert.Same(DicomCharacterSet.Default, item.CharacterSet);
        parent.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        Assert.Equal("ISO_IR 192", item.CharacterSet.SpecificCharacterSet);
    }
}
