using System;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

public class DicomCharacterSetTests
{
    private static DicomCharacterSet Cs(string value) => DicomCharacterSet.FromSpecificCharacterSet(value);

    private static byte[] B(params int[] bytes) => bytes.Select(b => (byte)b).ToArray();

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Ascii(string s) => s.Select(c => (byte)c).ToArray();

    // ------------------------------------------------------------ single-byte sets

    // Names and bytes: pydicom tests/test_charset.py ENCODED_NAMES (G1 bytes after the escape sequence).
    public static TheoryData<string, string, byte[]> SingleByteNames => new()
    {
        { "100", "Buc^Jérôme", B(0x42, 0x75, 0x63, 0x5e, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65) },
        { "101", "Wałęsa", B(0x57, 0x61, 0xb3, 0xea, 0x73, 0x61) },
        { "109", "antaŭnomo", B(0x61, 0x6e, 0x74, 0x61, 0xfd, 0x6e, 0x6f, 0x6d, 0x6f) },
        { "110", "vārds", B(0x76, 0xe0, 0x72, 0x64, 0x73) },
        { "127", "قباني^لنزار", B(0xe2, 0xc8, 0xc7, 0xe6, 0xea, 0x5e, 0xe4, 0xe6, 0xd2, 0xc7, 0xd1) },
        { "126", "Διονυσιος", B(0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2) },
        { "138", "שרון^דבורה", B(0xf9, 0xf8, 0xe5, 0xef, 0x5e, 0xe3, 0xe1, 0xe5, 0xf8, 0xe4) },
        { "144", "Люкceмбypг", B(0xbb, 0xee, 0xda, 0x63, 0x65, 0xdc, 0xd1, 0x79, 0x70, 0xd3) },
        { "148", "Çavuşoğlu", B(0xc7, 0x61, 0x76, 0x75, 0xfe, 0x6f, 0xf0, 0x6c, 0x75) },
        { "166", "นามสกุล", B(0xb9, 0xd2, 0xc1, 0xca, 0xa1, 0xd8, 0xc5) },
        { "203", "Œuvre € ŠŽšžŸ", B(0xbc, 0x75, 0x76, 0x72, 0x65, 0x20, 0xa4, 0x20, 0xa6, 0xb4, 0xa8, 0xb8, 0xbe) },
        { "13", "ﾔﾏﾀﾞ^ﾀﾛｳ", B(0xd4, 0xcf, 0xc0, 0xde, 0x5e, 0xc0, 0xdb, 0xb3) },
    };

    [Theory]
    [MemberData(nameof(SingleByteNames))]
    public void SingleByteSetDecodesAndEncodes(string ir, string text, byte[] bytes)
    {
        var cs = Cs("ISO_IR " + ir);
        Assert.False(cs.IsFallback);
        Assert.False(cs.UsesCodeExtensions);
        Assert.Equal(text, cs.Decode(bytes, DicomVR.PN));
        Assert.Equal(bytes, cs.Encode(text, DicomVR.PN));
        Assert.Equal(text, cs.Decode(new ReadOnlySpan<byte>(bytes), DicomVR.PN));
    }

    [Theory]
    [MemberData(nameof(SingleByteNames))]
    public void SingleByteCodeExtensionRoundTrips(string ir, string text, byte[] g1Bytes)
    {
        // As value 2 after the default repertoire: each PN component starts in ASCII, so the escape is needed
        // again after '^' (pydicom's ENCODED_NAMES use the same escape sequences).
        var cs = Cs("\\ISO 2022 IR " + ir);
        Assert.True(cs.UsesCodeExtensions);
        var encoded = cs.Encode("ASCII+" + text, DicomVR.PN);
        Assert.Equal("ASCII+" + text, cs.Decode(encoded, DicomVR.PN));
        var escape = DicomCharacterSet.EscapeSequencesOf("ISO 2022 IR " + ir)[0];
        var at = ("ASCII+" + text).TakeWhile(c => c < 0x80).Count();
        Assert.Equal(escape, encoded.Skip(at).Take(escape.Length).ToArray());
        Assert.Equal(g1Bytes.Count(b => b >= 0x80), encoded.Count(b => b >= 0x80));

        // As value 1 the set is active from the start: no escape sequence at all.
        var first = Cs("ISO 2022 IR " + ir + "\\ISO 2022 IR 87");
        Assert.Equal(g1Bytes, first.Encode(text, DicomVR.PN));
        Assert.Equal(text, first.Decode(g1Bytes, DicomVR.PN));
    }

    [Fact]
    public void PydicomEncodedNamesDecode()
    {
        // pydicom test_single_byte_code_extensions: b"ASCII+" + raw with ['', encoding].
        var cases = new (string Term, string Text, byte[] Raw)[]
        {
            ("ISO 2022 IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", B(0x1b, 0x29, 0x49, 0xd4, 0xcf, 0xc0, 0xde, 0x5e, 0x1b, 0x29, 0x49, 0xc0, 0xdb, 0xb3)),
            ("ISO 2022 IR 100", "Buc^Jérôme", B(0x1b, 0x2d, 0x41, 0x42, 0x75, 0x63, 0x5e, 0x1b, 0x2d, 0x41, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65)),
            ("ISO 2022 IR 101", "Wałęsa", B(0x1b, 0x2d, 0x42, 0x57, 0x61, 0xb3, 0xea, 0x73, 0x61)),
            ("ISO 2022 IR 109", "antaŭnomo", B(0x1b, 0x2d, 0x43, 0x61, 0x6e, 0x74, 0x61, 0xfd, 0x6e, 0x6f, 0x6d, 0x6f)),
            ("ISO 2022 IR 110", "vārds", B(0x1b, 0x2d, 0x44, 0x76, 0xe0, 0x72, 0x64, 0x73)),
            ("ISO 2022 IR 127", "قباني^لنزار", B(0x1b, 0x2d, 0x47, 0xe2, 0xc8, 0xc7, 0xe6, 0xea, 0x5e, 0x1b, 0x2d, 0x47, 0xe4, 0xe6, 0xd2, 0xc7, 0xd1)),
            ("ISO 2022 IR 126", "Διονυσιος", B(0x1b, 0x2d, 0x46, 0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2)),
            ("ISO 2022 IR 138", "שרון^דבורה", B(0x1b, 0x2d, 0x48, 0xf9, 0xf8, 0xe5, 0xef, 0x5e, 0x1b, 0x2d, 0x48, 0xe3, 0xe1, 0xe5, 0xf8, 0xe4)),
            ("ISO 2022 IR 144", "Люкceмбypг", B(0x1b, 0x2d, 0x4c, 0xbb, 0xee, 0xda, 0x63, 0x65, 0xdc, 0xd1, 0x79, 0x70, 0xd3)),
            ("ISO 2022 IR 148", "Çavuşoğlu", B(0x1b, 0x2d, 0x4d, 0xc7, 0x61, 0x76, 0x75, 0xfe, 0x6f, 0xf0, 0x6c, 0x75)),
            ("ISO 2022 IR 166", "นามสกุล", B(0x1b, 0x2d, 0x54, 0xb9, 0xd2, 0xc1, 0xca, 0xa1, 0xd8, 0xc5)),
        };
        foreach (var (term, text, raw) in cases)
        {
            var cs = Cs("\\" + term);
            Assert.Equal("ASCII+" + text, cs.Decode(Concat(Ascii("ASCII+"), raw), DicomVR.PN));
        }
    }

    [Fact]
    public void EscapeIsForgottenAfterComponentDelimiter()
    {
        // pydicom test_missing_escape_for_single_byte_code_extensions: after '^' G1 is back to the initial
        // (none), so the unescaped Katakana bytes read as Latin-1, losing nothing.
        var raw = Concat(Ascii("ASCII+"), B(0x1b, 0x29, 0x49, 0xd4, 0xcf, 0xc0, 0xde, 0x5e, 0xc0, 0xdb, 0xb3));
        Assert.Equal("ASCII+ﾔﾏﾀﾞ^ÀÛ³", Cs("\\ISO 2022 IR 13").Decode(raw, DicomVR.PN));
    }

    [Fact]
    public void FirstValueIsTheInitialSet()
    {
        // pydicom test_multi_charset_default_value.
        var cs = Cs("ISO 2022 IR 100\\ISO 2022 IR 144");
        Assert.Equal("Buc^Jérôme", cs.Decode(B(0x42, 0x75, 0x63, 0x5e, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65), DicomVR.PN));
        Assert.Equal("Röntgenaufnahme", cs.Decode(Concat(Ascii("R"), B(0xf6), Ascii("ntgenaufnahme")), DicomVR.LO));
    }

    [Fact]
    public void SetsSwitchWithinAndBetweenValues()
    {
        var cs = Cs("ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 126");
        var greek = B(0x1b, 0x2d, 0x46, 0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2);
        Assert.Equal("Dionysios is Διονυσιος", cs.Decode(Concat(Ascii("Dionysios is "), greek), DicomVR.LO));

        var multi = Concat(
            B(0x42, 0x75, 0x63, 0x5e, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65), Ascii("\\"), greek, Ascii("\\"),
            B(0x1b, 0x2d, 0x4c, 0xbb, 0xee, 0xda, 0x63, 0x65, 0xdc, 0xd1, 0x79, 0x70, 0xd3));
        Assert.Equal("Buc^Jérôme\\Διονυσιος\\Люкceмбypг", cs.Decode(multi, DicomVR.PN));
        Assert.Equal("Buc^Jérôme\\Διονυσιος\\Люкceмбypг", cs.Decode(multi, DicomVR.LO));
        var again = cs.Encode("Buc^Jérôme\\Διονυσιος\\Люкceмбypг", DicomVR.LO);
        Assert.Equal(multi, again);

        // PN groups in different sets.
        var pn = "Dionysios=Διονυσιος=Люкceмбypг";
        Assert.Equal(pn, cs.Decode(cs.Encode(pn, DicomVR.PN), DicomVR.PN));
    }

    [Fact]
    public void TextResetsAtLineEnds()
    {
        // In LT the backslash is text; CR LF return to the initial set.
        var cs = Cs("\\ISO 2022 IR 126");
        var text = "Δ\\Ω\r\nline 2 α\tβ\fγ";
        var bytes = cs.Encode(text, DicomVR.LT);
        Assert.Equal(text, cs.Decode(bytes, DicomVR.LT));
        // One escape before Δ (the backslash does not reset LT), then one after each of CR LF, TAB and FF.
        Assert.Equal(4, bytes.Count(b => b == 0x1B));
        // In LO the backslash separates values and resets.
        Assert.Equal(5, cs.Encode(text, DicomVR.LO).Count(b => b == 0x1B));

        // A decoder resets at CR/LF even when the writer did not return to the initial set.
        var raw = Concat(B(0x1b, 0x2d, 0x46, 0xc4), Ascii("\r\n"), B(0xc4));
        Assert.Equal("Δ\r\nÄ", cs.Decode(raw, DicomVR.LT));
    }

    // ------------------------------------------------------------ multi-byte code extensions

    [Fact]
    public void JapaneseThreeGroupsWithJisX0212()
    {
        // pydicom test_japanese_multi_byte_personname: the expected bytes for IR 6 / IR 87 / IR 159.
        var expected = B(
            0x4d, 0x6f, 0x72, 0x69, 0x5e, 0x4f, 0x67, 0x61, 0x69, 0x3d, 0x1b, 0x24, 0x42, 0x3f,
            0x39, 0x1b, 0x28, 0x42, 0x5e, 0x1b, 0x24, 0x28, 0x44, 0x6c, 0x3f, 0x1b, 0x24, 0x42,
            0x33, 0x30, 0x1b, 0x28, 0x42, 0x3d, 0x1b, 0x24, 0x42, 0x24, 0x62, 0x24, 0x6a, 0x1b,
            0x28, 0x42, 0x5e, 0x1b, 0x24, 0x42, 0x24, 0x2a, 0x24, 0x26, 0x24, 0x2c, 0x24, 0x24,
            0x1b, 0x28, 0x42);
        var cs = Cs("ISO 2022 IR 6\\ISO 2022 IR 87\\ISO 2022 IR 159");
        const string name = "Mori^Ogai=森^鷗外=もり^おうがい";
        Assert.Equal(name, cs.Decode(expected, DicomVR.PN));
        Assert.Equal(expected, cs.Encode(name, DicomVR.PN));
    }

    [Fact]
    public void JapaneseMixedKatakanaKanjiAndSupplementary()
    {
        // pydicom test_japanese_multi_byte_encoding writes these bytes for "あaｱア齩"; we read them, and our own
        // (shorter: Katakana is already in G1) encoding reads back the same.
        var pydicomBytes = Concat(
            B(0x1b), Ascii("$B$\""), B(0x1b), Ascii("(Ja"), B(0x1b), Ascii(")I"), B(0xb1), B(0x1b), Ascii("$B%\""),
            B(0x1b), Ascii("$(DmN"), B(0x1b), Ascii("(J"));
        var cs = Cs("ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159");
        Assert.Equal("あaｱア齩", cs.Decode(pydicomBytes, DicomVR.PN));
        var ours = cs.Encode("あaｱア齩", DicomVR.PN);
        Assert.Equal("あaｱア齩", cs.Decode(ours, DicomVR.PN));
        Assert.Equal(0x1B, ours[^3]); // returns to the initial G0 (ESC ( J) at the end
        Assert.Equal(new byte[] { 0x28, 0x4A }, ours[^2..]);
    }

    [Fact]
    public void KoreanThreeGroupsRoundTrip()
    {
        var cs = Cs("\\ISO 2022 IR 149");
        const string name = "Hong^Gildong=洪^吉洞=홍^길동\\Kim^Heejung=金^熙中=김^희중";
        var bytes = cs.Encode(name, DicomVR.PN);
        Assert.Equal(name, cs.Decode(bytes, DicomVR.PN));
        Assert.All(bytes, b => Assert.True(b < 0x80 || (b >= 0xA1 && b <= 0xFE)));
        // A Hangul syllable outside KS X 1001 (only in the Windows UHC extension) is refused, not mangled.
        Assert.False(cs.CanEncode("똠"));
    }

    [Fact]
    public void ChineseGb2312ThreeGroupsRoundTrip()
    {
        var cs = Cs("\\ISO 2022 IR 58");
        const string name = "Wang^XiaoDong=王^小东=wang^xiaodong";
        var bytes = cs.Encode(name, DicomVR.PN);
        Assert.Equal(name, cs.Decode(bytes, DicomVR.PN));
        var esc = new byte[] { 0x1B, 0x24, 0x29, 0x41 };
        Assert.Equal(Concat(Ascii("Wang^XiaoDong="), esc, B(0xCD, 0xF5), Ascii("^"), esc, B(0xD0, 0xA1, 0xB6, 0xAB), Ascii("=wang^xiaodong")), bytes);
        // GBK-only ideograph: not in GB 2312.
        Assert.False(cs.CanEncode("丂"));
    }

    [Fact]
    public void JapaneseAndKoreanTogether()
    {
        var cs = Cs("\\ISO 2022 IR 87\\ISO 2022 IR 149\\ISO 2022 IR 100");
        const string text = "山田=홍길동=Jérôme\\やまだ 김 é";
        Assert.Equal(text, cs.Decode(cs.Encode(text, DicomVR.PN), DicomVR.PN));
    }

    [Fact]
    public void DelimiterBytesInsideKanjiAreNotDelimiters()
    {
        // JIS X 0208 pairs may contain 0x5C, 0x5E and 0x3D; inside the 94x94 set they are not delimiters.
        var cs = Cs("\\ISO 2022 IR 87");
        var jis = new[] { (0x3C, 0x5C), (0x3D, 0x5E), (0x3D, 0x3D), (0x5E, 0x3D) };
        foreach (var (b1, b2) in jis)
        {
            var bytes = B(0x1b, 0x24, 0x42, b1, b2, 0x1b, 0x28, 0x42);
            var s = cs.Decode(bytes, DicomVR.PN);
            Assert.Single(s);
            Assert.True(s[0] >= 0x3000);
            var text = "A^" + s + "=" + s + "\\" + s;
            Assert.Equal(text, cs.Decode(cs.Encode(text, DicomVR.PN), DicomVR.PN));
            Assert.Equal(text.Split('\\'), cs.Decode(cs.Encode(text, DicomVR.PN), DicomVR.PN).Split('\\'));
        }
    }

    [Fact]
    public void JisC6226EscapeIsReadAsJisX0208()
    {
        var cs = Cs("\\ISO 2022 IR 87");
        Assert.Equal("山田", cs.Decode(Concat(B(0x1b, 0x24, 0x40), Ascii(";3ED"), B(0x1b, 0x28, 0x42)), DicomVR.PN));
    }

    [Fact]
    public void UnknownEscapeIsKeptAsText()
    {
        var cs = Cs("\\ISO 2022 IR 87");
        Assert.Equal("\u001b%GAB", cs.Decode(Concat(B(0x1b), Ascii("%GAB")), DicomVR.LO));
        // Without code extensions ESC is an ordinary control character (pydicom test_unknown_escape_sequence).
        Assert.Equal("\u001b-FÄéïíõóéïò", Cs("ISO_IR 100").Decode(B(0x1b, 0x2d, 0x46, 0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2), DicomVR.PN));
    }

    // ------------------------------------------------------------ Unicode sets

    [Theory]
    [InlineData("ISO_IR 192", "Wang^XiaoDong=王^小東=Ωμέγα 😀 Jérôme")]
    [InlineData("GB18030", "Wang^XiaoDong=王^小东=Ωμέγα 😀 Jérôme")]
    [InlineData("GBK", "Wang^XiaoDong=王^小东=丂 Ωμεγα")]
    public void UnicodeSetsRoundTrip(string term, string text)
    {
        var cs = Cs(term);
        Assert.False(cs.UsesCodeExtensions);
        var bytes = cs.Encode(text, DicomVR.PN);
        Assert.Equal(text, cs.Decode(bytes, DicomVR.PN));
        Assert.Equal(text, cs.Decode(new ReadOnlySpan<byte>(bytes), DicomVR.PN));
    }

    [Fact]
    public void Utf8IsUtf8()
    {
        Assert.Equal(B(0x42, 0x75, 0x63, 0x5e, 0x4a, 0xc3, 0xa9, 0x72, 0xc3, 0xb4, 0x6d, 0x65), DicomCharacterSet.Utf8.Encode("Buc^Jérôme", DicomVR.PN));
        Assert.Same(DicomCharacterSet.Utf8, Cs("ISO_IR 192"));
    }

    [Fact]
    public void InvalidBytesAreKeptNotReplaced()
    {
        // pydicom would give U+FFFD here; we keep each undecodable byte as the character with the same number.
        Assert.Equal("\u00c4\u00e9\u00ef", Cs("ISO_IR 192").Decode(B(0xc4, 0xe9, 0xef), DicomVR.PN));
        Assert.Equal("a\u00ffb", Cs("GB18030").Decode(B(0x61, 0xff, 0x62), DicomVR.PN));
    }

    // ------------------------------------------------------------ leniency and errors

    [Fact]
    public void UnknownTermFallsBackWithoutLosingBytes()
    {
        var cs = Cs("ISO_IR 999");
        Assert.True(cs.IsFallback);
        Assert.Contains(cs.Warnings, w => w.Contains("ISO_IR 999", StringComparison.Ordinal));
        var bytes = Enumerable.Range(0x20, 0xE0).Select(i => (byte)i).Where(b => b != 0x7F).ToArray();
        var text = cs.Decode(bytes, DicomVR.LO);
        Assert.Equal(new string(bytes.Select(b => (char)b).ToArray()), text);
        Assert.Equal(bytes, cs.Encode(text, DicomVR.LO));

        var ext = Cs("ISO 2022 IR 100\\ISO 2022 IR 146");
        Assert.True(ext.IsFallback);
        Assert.Equal("Jérôme", ext.Decode(B(0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65), DicomVR.PN));
    }

    [Theory]
    [InlineData("ISO IR 192", "ISO_IR 192")]
    [InlineData("ISO-IR 144", "ISO_IR 144")]
    [InlineData("iso_ir 100", "ISO_IR 100")]
    [InlineData("ISO_2022-IR 100", "ISO 2022 IR 100")]
    [InlineData("ISO_2022_IR+126", "ISO 2022 IR 126")]
    public void CommonMisspellingsAreRecognisedWithAWarning(string value, string assumed)
    {
        var cs = Cs(value);
        Assert.False(cs.IsFallback);
        Assert.Equal(assumed, cs.Terms[0]);
        Assert.Contains(cs.Warnings, w => w.Contains(assumed, StringComparison.Ordinal));
    }

    [Fact]
    public void ExtensionsAfterUnicodeAreIgnoredWithAWarning()
    {
        var cs = Cs("ISO_IR 192\\ISO 2022 IR 100\\ISO 2022 IR 144");
        Assert.False(cs.UsesCodeExtensions);
        Assert.NotEmpty(cs.Warnings);
        Assert.Equal("Buc^Jérôme", cs.Decode(B(0x42, 0x75, 0x63, 0x5e, 0x4a, 0xc3, 0xa9, 0x72, 0xc3, 0xb4, 0x6d, 0x65), DicomVR.PN));
    }

    [Fact]
    public void SingleByteTermsAsExtensionsAreAssumedIso2022()
    {
        var cs = Cs("ISO_IR 100\\ISO_IR 126");
        Assert.True(cs.UsesCodeExtensions);
        Assert.Equal("Dionysios=Διονυσιος", cs.Decode(Concat(Ascii("Dionysios="), B(0x1b, 0x2d, 0x46, 0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2)), DicomVR.PN));
    }

    [Theory]
    [InlineData("", "Jérôme 山", 7)]
    [InlineData("ISO_IR 999", "Jérôme Ω", 7)]
    [InlineData("ISO_IR 100", "Buc^山田", 4)]
    [InlineData("\\ISO 2022 IR 87", "Yamada=😀", 7)]
    [InlineData("\\ISO 2022 IR 149", "김희중 Ω é", 6)]
    public void UnrepresentableCharactersThrowASpecificException(string value, string text, int index)
    {
        var cs = Cs(value);
        Assert.False(cs.CanEncode(text));
        Assert.False(cs.TryEncode(text, DicomVR.PN, out var bytes));
        Assert.Null(bytes);
        var ex = Assert.Throws<DicomTextEncodingException>(() => cs.Encode(text, DicomVR.PN));
        Assert.Equal(index, ex.Index);
        var expected = char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text, index) : text[index];
        Assert.Equal(expected, ex.CodePoint);
        Assert.Equal(value, ex.SpecificCharacterSet);
        Assert.DoesNotContain(text, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoneSurrogatesAreNotEncodable()
    {
        // Built in code: attribute strings cannot carry lone surrogates.
        foreach (var value in new[] { "ISO_IR 192", "GB18030", "GBK", "ISO_IR 100", "\\ISO 2022 IR 87" })
        {
            var cs = Cs(value);
            var text = "A" + new string((char)0xD800, 1) + "B";
            var ex = Assert.Throws<DicomTextEncodingException>(() => cs.Encode(text, DicomVR.LO));
            Assert.Equal(1, ex.Index);
            Assert.Equal(0xD800, ex.CodePoint);
            Assert.True(cs.CanEncode("A" + char.ConvertFromUtf32(0x1F600)) == (value is "ISO_IR 192" or "GB18030"));
        }
    }

    [Fact]
    public void EscCharacterIsNotWrittenIntoACodeExtensionValue()
    {
        Assert.False(Cs("\\ISO 2022 IR 87").CanEncode("a\u001bb"));
        Assert.True(Cs("ISO_IR 100").CanEncode("a\u001bb"));
    }

    [Fact]
    public void EmptyAndDefaultValues()
    {
        Assert.Same(DicomCharacterSet.Default, Cs(null!));
        Assert.Same(DicomCharacterSet.Default, Cs(""));
        Assert.Same(DicomCharacterSet.Default, Cs(" "));
        Assert.Same(DicomCharacterSet.Default, Cs("\\"));
        Assert.Equal(string.Empty, DicomCharacterSet.Default.SpecificCharacterSet);
        Assert.Equal("abc\u00e9", DicomCharacterSet.Default.Decode(B(0x61, 0x62, 0x63, 0xe9), DicomVR.LO));
        // Read as Latin-1 without (0008,0005), written back the same way (pydicom does the same).
        Assert.Equal(B(0x61, 0x62, 0x63, 0xe9), DicomCharacterSet.Default.Encode("abc\u00e9", DicomVR.LO));
        Assert.Equal("abc\u00e9", DicomCharacterSet.DecodeAscii(B(0x61, 0x62, 0x63, 0xe9)));
        Assert.Equal("abc\u00e9", DicomCharacterSet.DecodeAscii(new ReadOnlySpan<byte>(B(0x61, 0x62, 0x63, 0xe9))));
        Assert.Equal(string.Empty, DicomCharacterSet.Default.Decode(Array.Empty<byte>(), DicomVR.PN));
        Assert.Empty(DicomCharacterSet.Default.Encode(string.Empty, DicomVR.PN));
        Assert.False(DicomCharacterSet.Default.IsFallback);
    }

    [Fact]
    public void InstancesAreCached()
    {
        Assert.Same(Cs("\\ISO 2022 IR 87"), Cs("\\ISO 2022 IR 87"));
        Assert.Same(Cs("ISO_IR 100"), Cs("ISO_IR 100"));
    }

    [Fact]
    public void AsciiDecodingAllocatesOnlyTheString()
    {
        var bytes = Ascii("Doe^John^^Dr.=MIDDLE^NAME 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGH");
        foreach (var cs in new[] { Cs("ISO_IR 100"), Cs("\\ISO 2022 IR 87"), Cs("ISO_IR 192"), Cs("GB18030"), DicomCharacterSet.Default })
        {
            // Warm up (tables, pools).
            cs.Decode(bytes, DicomVR.PN);
            cs.Decode(new ReadOnlySpan<byte>(bytes), DicomVR.PN);
            var stringSize = 22 + (2 * bytes.Length) + 8;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var s = cs.Decode(bytes, DicomVR.PN);
            var mid = GC.GetAllocatedBytesForCurrentThread();
            var t = cs.Decode(new ReadOnlySpan<byte>(bytes), DicomVR.PN);
            var after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(s, t);
            Assert.InRange(mid - before, 1, stringSize);
            Assert.InRange(after - mid, 1, stringSize);
        }
    }

    // ------------------------------------------------------------ the standard's table

    [Fact]
    public void EveryDefinedTermOfTheStandardIsSupported()
    {
        var lines = File.ReadAllLines(CharsetTestFiles.StandardTable("character-sets.tsv"));
        var header = lines[0].Split('\t');
        var termCol = Array.IndexOf(header, "defined_term");
        var escCol = Array.IndexOf(header, "escape_bytes_hex");
        var extCol = Array.IndexOf(header, "code_extensions");
        Assert.True(termCol >= 0 && escCol >= 0 && extCol >= 0, "Unexpected header: " + lines[0]);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Assert.True(rows.Count >= 35, "Expected at least 35 rows in character-sets.tsv");
        var missing = rows.Select(r => r[termCol]).Where(t => !DicomCharacterSet.IsSupported(t)).Distinct().ToList();
        Assert.True(missing.Count == 0, "Defined terms not supported: " + string.Join(", ", missing));

        foreach (var r in rows)
        {
            var term = r[termCol];
            var cs = Cs(term);
            Assert.False(cs.IsFallback, term);
            Assert.Empty(cs.Warnings);
            Assert.Equal(r[extCol] == "Y", cs.UsesCodeExtensions);
            var hex = r[escCol].Trim();
            if (hex.Length == 0) continue;
            var esc = hex.Split(' ').Select(h => Convert.ToByte(h, 16)).ToArray();
            Assert.Contains(DicomCharacterSet.EscapeSequencesOf(term), e => e.SequenceEqual(esc));
            // The same term as a code extension after the default repertoire is supported too.
            Assert.False(Cs("\\" + term).IsFallback, term);
        }
    }
}
