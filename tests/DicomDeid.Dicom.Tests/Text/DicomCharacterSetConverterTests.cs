using System.Linq;
using System.Text;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

public class DicomCharacterSetConverterTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag Sequence = new(0x0032, 0x1064);

    [Theory]
    [InlineData("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    [InlineData("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData("chrX2.dcm", "Wang^XiaoDong=王^小东=")]
    [InlineData("chrRuss.dcm", "Люкceмбypг")]
    public void ConvertsToUtf8(string file, string name)
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile(file));
        var changed = DicomCharacterSetConverter.ConvertTo(ds, DicomCharacterSet.Utf8);
        Assert.True(changed >= 1);
        Assert.Equal("ISO_IR 192", ds.GetString(DicomTag.SpecificCharacterSet));
        Assert.Same(DicomCharacterSet.Utf8, ds.CharacterSet);
        Assert.Equal(name, ds.GetString(PatientName));
        Assert.Equal(name, Encoding.UTF8.GetString(CharsetTestFiles.RawValue(ds, PatientName)));
        Assert.Equal("^^^^", ds.GetString(new DicomTag(0x0008, 0x0090)));
    }

    [Fact]
    public void ItemWithItsOwnSetIsConvertedAndDeclaresTheTarget()
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrSQEncoding.dcm"));
        var item = ds.GetSequence(Sequence)!.Items.Single();
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(PatientName));
        DicomCharacterSetConverter.ConvertTo(ds, DicomCharacterSet.Utf8);
        Assert.Equal("ISO_IR 192", item.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", Encoding.UTF8.GetString(CharsetTestFiles.RawValue(item, PatientName)));
    }

    [Fact]
    public void InheritingItemFollowsTheParent()
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrSQEncoding1.dcm"));
        var item = ds.GetSequence(Sequence)!.Items.Single();
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(PatientName)); // caches the parent's set
        DicomCharacterSetConverter.ConvertTo(ds, DicomCharacterSet.Utf8);
        Assert.Null(item.Get(DicomTag.SpecificCharacterSet));
        Assert.Same(DicomCharacterSet.Utf8, item.CharacterSet);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(PatientName));
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", Encoding.UTF8.GetString(CharsetTestFiles.RawValue(item, PatientName)));
    }

    [Fact]
    public void AllOrNothingWhenTheTargetCannotHoldAValue()
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrI2.dcm"));
        var before = CharsetTestFiles.RawValue(ds, PatientName);
        Assert.Throws<DicomTextEncodingException>(() => DicomCharacterSetConverter.ConvertTo(ds, DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100")));
        Assert.Equal("\\ISO 2022 IR 149", ds.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal(before, CharsetTestFiles.RawValue(ds, PatientName));
    }

    [Fact]
    public void ConvertsBetweenSingleByteSets()
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrGerm.dcm"));
        DicomCharacterSetConverter.ConvertTo(ds, DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 148"));
        Assert.Equal("Äneas^Rüdiger", ds.GetString(PatientName));
        Assert.Equal("ISO_IR 148", ds.CharacterSet.SpecificCharacterSet);
    }
}
