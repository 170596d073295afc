using System.Linq;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.IO;

public class WalkerAndFormatterTests
{
    [Fact]
    public void WalkVisitsNestedItemsDepthFirstWithPathsOwnersAndParents()
    {
        var file = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/UN_sequence.dcm"));
        var entries = DicomDatasetWalker.Walk(file.Dataset).ToList();
        Assert.Equal(
            new[]
            {
                "(4453,100C)", "(4453,100C)[0].(0008,1115)", "(4453,100C)[0].(0008,1115)[0].(0008,1199)",
                "(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1150)", "(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1155)",
                "(4453,100C)[0].(0008,1115)[0].(0020,000E)", "(4453,100C)[0].(0020,000D)",
            },
            entries.Select(e => e.Path.ToString()).Take(7).ToArray());
        var deepest = entries[3];
        Assert.Equal(3, deepest.Depth);
        Assert.Same(file.Dataset, deepest.Owner.Parent!.Parent!.Parent);
        Assert.Equal("(4453,100C)[0].ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPClassUID", deepest.Path.ToKeywordString());
        var un = Assert.IsType<DicomSequence>(entries[0].Element);
        Assert.Equal(DicomVR.UN, un.OriginalVR);
        Assert.True(un.UndefinedLength);
        Assert.Equal(DicomTagPath.Parse("(4453,100C)[0].(0008,1115)[0].(0008,1199)[0].(0008,1150)"), deepest.Path);
    }

    [Fact]
    public void WalkCountsEveryElementOfADeepSR()
    {
        var file = DicomFileReader.Read(Corpus.PathOf("dcmqi/sr-example/sr.dcm"));
        var entries = DicomDatasetWalker.Walk(file.Dataset).ToList();
        var viaModel = 0;
        file.Dataset.Walk((_, _) => viaModel++);
        Assert.Equal(viaModel, entries.Count);
        Assert.True(entries.Max(e => e.Depth) >= 5);
        Assert.All(entries, e => Assert.Same(e.Element, e.Owner.Get(e.Element.Tag)));
    }

    [Fact]
    public void FormatsLikeDcmdump()
    {
        var file = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/CT_small.dcm"));
        var ds = file.Dataset;
        string F(uint tag, int max = 200) => DicomValueFormatter.Format(ds.Get(new DicomTag(tag))!, ds.CharacterSet, max);
        Assert.Equal("128", F(0x00280010));
        Assert.Equal("(not loaded)", F(0x7FE00010));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", F(0x00080016));
        Assert.Equal("CompressedSamples^CT1", F(0x00100010));
        Assert.Equal("(Sequence with 2 items)", F(0x00101002));
        Assert.Equal("00\\01", DicomValueFormatter.Format(file.FileMetaInformation.Get(new DicomTag(0x00020001))!, null, 64));
        Assert.Equal("ORIGINAL\\PRIMARY\\AXIAL", F(0x00080008));
        Assert.Equal("ORIG...", F(0x00080008, 7));

        var multi = DicomElement.FromUInt16(new DicomTag(0x00281101), 256, 0, 16);
        Assert.Equal("256\\0\\16", DicomValueFormatter.Format(multi, null, 64));
        var empty = new DicomElement(new DicomTag(0x00100020), DicomVR.LO, DicomValue.Empty);
        Assert.Equal("(no value available)", DicomValueFormatter.Format(empty, null, 64));
        var at = new DicomElement(new DicomTag(0x00280009), DicomVR.AT, new DicomValue(new byte[] { 0x54, 0, 0x10, 0, 0x54, 0, 0x20, 0 }));
        Assert.Equal("(0054,0010)\\(0054,0020)", DicomValueFormatter.Format(at, null, 64));
    }

    [Fact]
    public void FormatsTextInTheDatasetCharacterSet()
    {
        var file = DicomFileReader.Read(Corpus.PathOf("pydicom/charset_files/chrFren.dcm"));
        var name = file.Dataset.Get(new DicomTag(0x00100010))!;
        Assert.Equal("Buc^Jérôme", DicomValueFormatter.Format(name, file.Dataset.CharacterSet, 64));
    }

    [Fact]
    public void FormatsEncapsulatedPixelData()
    {
        var file = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/SC_rgb_rle_2frame.dcm"));
        var pixels = Assert.IsType<DicomFragmentSequence>(file.Dataset.Get(DicomTag.PixelData));
        Assert.Equal(2, pixels.Fragments.Count);
        Assert.Equal("(PixelSequence #=3)", DicomValueFormatter.Format(pixels, null, 64));
    }

    [Theory]
    [InlineData(1.8999999761581421, 17, "1.8999999761581421")]
    [InlineData(0.5, 17, "0.5")]
    [InlineData(1e-7, 8, "1e-07")]
    [InlineData(123456789.0, 8, "1.2345679e+08")]
    [InlineData(-2.5, 8, "-2.5")]
    [InlineData(100.0, 17, "100")]
    public void FloatsArePrintedLikePrintfG(double value, int digits, string expected) =>
        Assert.Equal(expected, DicomValueFormatter.FormatG(value, digits));
}
