using System.Linq;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>The pydicom charset example files decode to the names pydicom's own test suite documents.</summary>
public class CharsetCorpusTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag OtherPatientNames = new(0x0010, 0x1001);
    private static readonly DicomTag PatientComments = new(0x0010, 0x4000);
    private static readonly DicomTag AdditionalPatientHistory = new(0x0010, 0x21B0);
    private static readonly DicomTag PhysiciansOfRecord = new(0x0008, 0x1070);

    // Expected values: pydicom tests/test_charset.py FILE_PATIENT_NAMES. chrX1/chrX2 end with an empty third component
    // group ('=') in the file; pydicom's PersonName hides it, the raw decoded value keeps it.
    [Theory]
    [InlineData("chrArab.dcm", "ISO_IR 127", "قباني^لنزار")]
    [InlineData("chrFren.dcm", "ISO_IR 100", "Buc^Jérôme")]
    [InlineData("chrFrenMulti.dcm", "ISO_IR 100", "Buc^Jérôme")]
    [InlineData("chrGerm.dcm", "ISO_IR 100", "Äneas^Rüdiger")]
    [InlineData("chrGreek.dcm", "ISO_IR 126", "Διονυσιος")]
    [InlineData("chrH31.dcm", "\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("chrH32.dcm", "ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    [InlineData("chrHbrw.dcm", "ISO_IR 138", "שרון^דבורה")]
    [InlineData("chrI2.dcm", "\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData("chrJapMulti.dcm", "\\ISO 2022 IR 87", "やまだ^たろう")]
    [InlineData("chrJapMultiExplicitIR6.dcm", "ISO 2022 IR 6\\ISO 2022 IR 87", "やまだ^たろう")]
    [InlineData("chrKoreanMulti.dcm", "\\ISO 2022 IR 149", "김희중")]
    [InlineData("chrRuss.dcm", "ISO_IR 144", "Люкceмбypг")]
    [InlineData("chrX1.dcm", "ISO_IR 192", "Wang^XiaoDong=王^小東=")]
    [InlineData("chrX2.dcm", "GB18030", "Wang^XiaoDong=王^小东=")]
    public void PatientNameDecodesAndEncodesBack(string file, string specificCharacterSet, string expected)
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile(file));
        var cs = ds.CharacterSet;
        Assert.Equal(specificCharacterSet, cs.SpecificCharacterSet);
        Assert.False(cs.IsFallback);
        Assert.Empty(cs.Warnings);
        Assert.Equal(expected, ds.GetString(PatientName));

        // Writing the name back in the file's own set gives the file's bytes; chrKoreanMulti adds a redundant
        // ESC ( B (G0 never left ASCII) after each value, which we do not write.
        var raw = CharsetTestFiles.RawValue(ds, PatientName);
        Assert.Equal(StripRedundantG0Return(file, raw), cs.Encode(expected, DicomVR.PN));
        Assert.Equal(expected, cs.Decode(cs.Encode(expected, DicomVR.PN), DicomVR.PN));
    }

    [Theory]
    [InlineData("chrFrenMulti.dcm", "Buc^Jérôme")]
    [InlineData("chrJapMulti.dcm", "やまだ^たろう")]
    [InlineData("chrJapMultiExplicitIR6.dcm", "やまだ^たろう")]
    [InlineData("chrKoreanMulti.dcm", "김희중")]
    public void MultiValuedNamesDecodeEachValue(string file, string expected)
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile(file));
        var values = ds.Get(OtherPatientNames)!.GetStrings(ds.CharacterSet);
        Assert.Equal(new[] { expected, expected }, values);
        var raw = CharsetTestFiles.RawValue(ds, OtherPatientNames);
        Assert.Equal(StripRedundantG0Return(file, raw), ds.CharacterSet.Encode(expected + "\\" + expected, DicomVR.PN));
    }

    private static byte[] StripRedundantG0Return(string file, byte[] raw)
    {
        if (file != "chrKoreanMulti.dcm") return raw;
        var list = raw.ToList();
        for (var i = list.Count - 3; i >= 0; i--)
            if (list[i] == 0x1B && list[i + 1] == 0x28 && list[i + 2] == 0x42) list.RemoveRange(i, 3);
        Assert.NotEqual(raw.Length, list.Count);
        return list.ToArray();
    }

    [Theory]
    [InlineData("chrJapMulti.dcm", "たろう")]
    [InlineData("chrKoreanMulti.dcm", "김희중")]
    public void LongTextDecodes(string file, string expected)
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile(file));
        Assert.Equal(expected, ds.GetString(AdditionalPatientHistory));
        Assert.Equal(string.Empty, ds.GetString(PatientComments));
    }

    [Fact]
    public void KoreanPhysicianDecodes()
    {
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrKoreanMulti.dcm"));
        Assert.Equal("김희중", ds.GetString(PhysiciansOfRecord));
    }

    [Fact]
    public void SequenceItemUsesItsOwnCharacterSet()
    {
        // chrSQEncoding: the dataset is UTF-8, the item declares ISO 2022 IR 13 \ ISO 2022 IR 87.
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrSQEncoding.dcm"));
        Assert.Equal("ISO_IR 192", ds.CharacterSet.SpecificCharacterSet);
        Assert.Equal("Doctor^Who^^MD", ds.GetString(new DicomTag(0x0032, 0x1032)));
        var item = ds.GetSequence(new DicomTag(0x0032, 0x1064))!.Items.Single();
        Assert.Equal("ISO 2022 IR 13\\ISO 2022 IR 87", item.CharacterSet.SpecificCharacterSet);
        Assert.True(item.CharacterSet.UsesCodeExtensions);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(PatientName));
        // The item returns to G0 with ESC ( B where ESC ( J (value 1 is IR 13) is canonical; both read the same.
        var encoded = item.CharacterSet.Encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", DicomVR.PN);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.CharacterSet.Decode(encoded, DicomVR.PN));
        Assert.Equal(CharsetTestFiles.RawValue(item, PatientName).Length, encoded.Length);
    }

    [Fact]
    public void SequenceItemInheritsTheParentCharacterSet()
    {
        // chrSQEncoding1: the same item without (0008,0005); the dataset declares the Japanese sets.
        var ds = CharsetTestFiles.Read(CharsetTestFiles.CharsetFile("chrSQEncoding1.dcm"));
        var item = ds.GetSequence(new DicomTag(0x0032, 0x1064))!.Items.Single();
        Assert.Null(item.Get(new DicomTag(0x0008, 0x0005)));
        Assert.Same(ds.CharacterSet, item.CharacterSet);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.GetString(PatientName));
    }
}
