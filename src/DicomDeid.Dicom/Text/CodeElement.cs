using System;
using System.Collections.Generic;
using System.Text;

namespace DicomDeid.Dicom;

/// <summary>How a code element is invoked and how many bytes one of its characters takes.</summary>
internal enum CodeElementKind
{
    /// <summary>ISO-IR 6 (ASCII) in G0.</summary>
    Ascii,
    /// <summary>ISO-IR 14 (JIS X 0201 Romaji) in G0; read as ASCII so 0x5C stays the value delimiter.</summary>
    Romaji,
    /// <summary>A 96-character set in G1 (ISO 8859 parts, TIS 620).</summary>
    SingleByteG1,
    /// <summary>ISO-IR 13 (JIS X 0201 Katakana) in G1.</summary>
    Katakana,
    /// <summary>A 94x94 set in G0 (JIS X 0208, JIS X 0212): two 7-bit bytes per character.</summary>
    DoubleByteG0,
    /// <summary>A 94x94 set in G1 (KS X 1001, GB 2312): two bytes with the high bit set.</summary>
    DoubleByteG1,
}

/// <summary>
/// One code element of PS3.3 C.12.1.1.2 with its ISO 2022 escape sequence and lazily built look-up tables.
/// Tables come from the platform code pages once (ISO 8859 parts, 874, 20932 EUC-JP with JIS X 0212 as
/// lead byte | 0x80, 51949 EUC-KR, 20936 GB 2312); after that decoding and encoding are plain array/dictionary
/// look-ups without exceptions or fallbacks.
/// </summary>
internal sealed class CodeElement
{
    private readonly int _codePage;
    private readonly Lazy<char[]> _decode;
    private readonly Lazy<Dictionary<char, ushort>> _encode;

    private CodeElement(string isoRegistration, CodeElementKind kind, int codePage)
    {
        IsoRegistration = isoRegistration;
        Kind = kind;
        Escape = EscapeOf(isoRegistration);
        _codePage = codePage;
        _decode = new Lazy<char[]>(BuildDecodeTable);
        _encode = new Lazy<Dictionary<char, ushort>>(BuildEncodeMap);
    }

    /// <summary>Registration such as "ISO-IR 87", as in PS3.3 Tables C.12-2..C.12-4.</summary>
    public string IsoRegistration { get; }

    public CodeElementKind Kind { get; }

    /// <summary>The escape sequence that designates this element (ESC included), from the generated standard table.</summary>
    public byte[] Escape { get; }

    public bool IsG1 => Kind is CodeElementKind.SingleByteG1 or CodeElementKind.Katakana or CodeElementKind.DoubleByteG1;

    public bool IsDoubleByte => Kind is CodeElementKind.DoubleByteG0 or CodeElementKind.DoubleByteG1;

    /// <summary>True for the 7-bit G0 sets that hold ASCII (IR 6, IR 14).</summary>
    public bool IsAsciiG0 => Kind is CodeElementKind.Ascii or CodeElementKind.Romaji;

    // How each registered set is implemented (kind and the platform code page its table is read from); which terms
    // name them and their escape sequences come from DicomCharacterSetData (generated from PS3.3 C.12-2..C.12-5).
    public static readonly CodeElement Ascii = new("ISO-IR 6", CodeElementKind.Ascii, 0);
    public static readonly CodeElement Romaji = new("ISO-IR 14", CodeElementKind.Romaji, 0);
    public static readonly CodeElement Katakana = new("ISO-IR 13", CodeElementKind.Katakana, 0);
    public static readonly CodeElement Latin1 = new("ISO-IR 100", CodeElementKind.SingleByteG1, 28591);
    public static readonly CodeElement Latin2 = new("ISO-IR 101", CodeElementKind.SingleByteG1, 28592);
    public static readonly CodeElement Latin3 = new("ISO-IR 109", CodeElementKind.SingleByteG1, 28593);
    public static readonly CodeElement Latin4 = new("ISO-IR 110", CodeElementKind.SingleByteG1, 28594);
    public static readonly CodeElement Cyrillic = new("ISO-IR 144", CodeElementKind.SingleByteG1, 28595);
    public static readonly CodeElement Arabic = new("ISO-IR 127", CodeElementKind.SingleByteG1, 28596);
    public static readonly CodeElement Greek = new("ISO-IR 126", CodeElementKind.SingleByteG1, 28597);
    public static readonly CodeElement Hebrew = new("ISO-IR 138", CodeElementKind.SingleByteG1, 28598);
    public static readonly CodeElement Latin5 = new("ISO-IR 148", CodeElementKind.SingleByteG1, 28599);
    public static readonly CodeElement Latin9 = new("ISO-IR 203", CodeElementKind.SingleByteG1, 28605);
    public static readonly CodeElement Thai = new("ISO-IR 166", CodeElementKind.SingleByteG1, 874);
    // 20932 (not 51932): JIS mappings as in Python/iconv (U+301C, U+2016, U+2212) and JIS X 0212 as (lead | 0x80, trail).
    public static readonly CodeElement JisX0208 = new("ISO-IR 87", CodeElementKind.DoubleByteG0, 20932);
    public static readonly CodeElement JisX0212 = new("ISO-IR 159", CodeElementKind.DoubleByteG0, 20932);
    // 51949/20936 (not 949/936): exactly KS X 1001 and GB 2312, without the Windows UHC/GBK extensions.
    public static readonly CodeElement KsX1001 = new("ISO-IR 149", CodeElementKind.DoubleByteG1, 51949);
    public static readonly CodeElement Gb2312 = new("ISO-IR 58", CodeElementKind.DoubleByteG1, 20936);

    /// <summary>Every element whose escape sequence a decoder recognises.</summary>
    public static readonly CodeElement[] All =
    {
        Ascii, Romaji, Katakana, Latin1, Latin2, Latin3, Latin4, Cyrillic, Arabic, Greek, Hebrew, Latin5, Latin9, Thai,
        JisX0208, JisX0212, KsX1001, Gb2312,
    };

    /// <summary>The implemented element for an ISO registration ("ISO-IR 100"), or null.</summary>
    public static CodeElement? ForRegistration(string isoRegistration)
    {
        foreach (var e in All)
            if (string.Equals(e.IsoRegistration, isoRegistration, StringComparison.Ordinal)) return e;
        return null;
    }

    private static byte[] EscapeOf(string isoRegistration)
    {
        foreach (var row in DicomCharacterSetData.Rows)
        {
            if (row.CodeExtensions && row.EscapeBytes.Length > 0 &&
                string.Equals(row.IsoRegistration, isoRegistration, StringComparison.Ordinal))
                return row.EscapeBytes;
        }
        return Array.Empty<byte>(); // never designated; the standard-table test reports it
    }

    /// <summary>Decodes a byte 0x80..0xFF of a single-byte G1 set; 0 when unmapped.</summary>
    public char DecodeSingle(byte b)
    {
        if (Kind == CodeElementKind.Katakana) return b >= 0xA1 && b <= 0xDF ? (char)(0xFF61 + (b - 0xA1)) : '\0';
        return _decode.Value[b - 0x80];
    }

    /// <summary>Decodes a 94x94 pair given as 7-bit bytes 0x21..0x7E; 0 when unmapped.</summary>
    public char DecodePair(byte b1, byte b2) => _decode.Value[((b1 - 0x21) * 94) + (b2 - 0x21)];

    /// <summary>
    /// Encodes one character: for single-byte G1 sets the byte (0x80..0xFF); for 94x94 sets the 7-bit pair as
    /// (first &lt;&lt; 8) | second.
    /// </summary>
    public bool TryEncode(char c, out ushort code)
    {
        code = 0;
        switch (Kind)
        {
            case CodeElementKind.Ascii:
            case CodeElementKind.Romaji:
                if (c >= 0x80) return false;
                code = c;
                return true;
            case CodeElementKind.Katakana:
                if (c < 0xFF61 || c > 0xFF9F) return false;
                code = (ushort)(0xA1 + (c - 0xFF61));
                return true;
            default:
                return _encode.Value.TryGetValue(c, out code);
        }
    }

    private char[] BuildDecodeTable()
    {
        var enc = TextEncodings.GetCodePage(_codePage);
        var bytes = new byte[2];
        var chars = new char[4];
        if (!IsDoubleByte)
        {
            var table = new char[128];
            for (var b = 0x80; b <= 0x9F; b++) table[b - 0x80] = (char)b; // C1 controls are the same in every part
            for (var b = 0xA0; b <= 0xFF; b++)
            {
                bytes[0] = (byte)b;
                var n = enc.GetChars(bytes, 0, 1, chars, 0);
                if (n == 1 && IsRealMapping(chars[0])) table[b - 0x80] = chars[0];
            }
            ApplyOverrides(table);
            return table;
        }

        var t = new char[94 * 94];
        for (var b1 = 0x21; b1 <= 0x7E; b1++)
        {
            for (var b2 = 0x21; b2 <= 0x7E; b2++)
            {
                bytes[0] = (byte)(b1 | 0x80);
                // Code page 20932 places JIS X 0212 at (lead | 0x80, trail) and JIS X 0208 at (lead | 0x80, trail | 0x80).
                bytes[1] = ReferenceEquals(this, JisX0212) ? (byte)b2 : (byte)(b2 | 0x80);
                var n = enc.GetChars(bytes, 0, 2, chars, 0);
                if (n == 1 && IsRealMapping(chars[0]) && chars[0] >= 0x80) t[((b1 - 0x21) * 94) + (b2 - 0x21)] = chars[0];
            }
        }
        ApplyOverrides(t);
        return t;
    }

    /// <summary>Windows tables map unassigned positions to the Private Use Area ("best fit"); those are not characters of the set.</summary>
    private static bool IsRealMapping(char c) => c != '\uFFFD' && (c < '\uE000' || c > '\uF8FF');

    private static int Pair(int b1, int b2) => ((b1 - 0x21) * 94) + (b2 - 0x21);

    /// <summary>
    /// Where the Windows code page differs from the Unicode mapping tables that pydicom (Python codecs) and dcmtk
    /// (iconv) use, follow those: a value we write must read the same in their hands. Checked position by position
    /// against Python's iso8859_x, tis_620, iso2022_jp, iso2022_jp_2, euc_kr and gb2312 codecs.
    /// </summary>
    private void ApplyOverrides(char[] t)
    {
        if (ReferenceEquals(this, Greek))
        {
            // ISO 8859-7: quotation marks as in Unicode's table; 2003 additions (euro, drachma, ypogegrammeni).
            t[0xA1 - 0x80] = '\u2018'; t[0xA2 - 0x80] = '\u2019';
            t[0xA4 - 0x80] = '\u20AC'; t[0xA5 - 0x80] = '\u20AF'; t[0xAA - 0x80] = '\u037A';
        }
        else if (ReferenceEquals(this, Hebrew))
        {
            t[0xAF - 0x80] = '\u00AF'; t[0xFD - 0x80] = '\u200E'; t[0xFE - 0x80] = '\u200F';
        }
        else if (ReferenceEquals(this, JisX0212))
        {
            t[Pair(0x22, 0x37)] = '~'; // ASCII: read only (ASCII is always written in G0)
            t[Pair(0x22, 0x71)] = '\u2116';
        }
        else if (ReferenceEquals(this, KsX1001))
        {
            t[Pair(0x34, 0x53)] = '\uB2D2';
            // KS X 1001:1998/2002 additions (euro, registered, postal mark).
            t[Pair(0x22, 0x66)] = '\u20AC'; t[Pair(0x22, 0x67)] = '\u00AE'; t[Pair(0x22, 0x68)] = '\u327E';
        }
        else if (ReferenceEquals(this, Gb2312))
        {
            t[Pair(0x21, 0x2C)] = '\u2016';
        }
    }

    /// <summary>Positions we read but never write: vendor extensions outside the standard set.</summary>
    private bool IsDecodeOnly(int index)
    {
        var row = (index / 94) + 0x21;
        if (ReferenceEquals(this, JisX0208)) return (row >= 0x29 && row <= 0x2F) || row >= 0x75; // NEC row 13, IBM rows
        if (ReferenceEquals(this, JisX0212)) return row >= 0x73 || index == Pair(0x22, 0x37);      // IBM rows; ASCII tilde
        // Python's euc_kr lacks the 2002 postal mark and the Hangul filler of the composition sequences.
        if (ReferenceEquals(this, KsX1001)) return index == Pair(0x22, 0x68) || index == Pair(0x24, 0x54);
        return false;
    }

    private Dictionary<char, ushort> BuildEncodeMap()
    {
        var table = _decode.Value;
        var map = new Dictionary<char, ushort>(table.Length);
        for (var i = 0; i < table.Length; i++)
        {
            var c = table[i];
            if (c == '\0' || IsDecodeOnly(i) || map.ContainsKey(c)) continue;
            map[c] = IsDoubleByte
                ? (ushort)((((i / 94) + 0x21) << 8) | ((i % 94) + 0x21))
                : (ushort)(i + 0x80);
        }
        return map;
    }
}

/// <summary>Platform code pages, with CodePagesEncodingProvider registered once.</summary>
internal static class TextEncodings
{
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>A code page whose decoder substitutes U+FFFD and whose encoder throws.</summary>
    public static Encoding GetCodePage(int codePage)
    {
        EnsureProvider();
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));
    }

    /// <summary>A code page whose decoder keeps undecodable bytes as U+0000..U+00FF and whose encoder throws.</summary>
    public static Encoding GetLossless(int codePage)
    {
        EnsureProvider();
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, ByteAsCharDecoderFallback.Instance);
    }

    /// <summary>ISO 8859-1: every byte maps to the character of the same number (a lossless view of any bytes).</summary>
    public static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

    private static void EnsureProvider()
    {
        if (_registered) return;
        lock (Gate)
        {
            if (_registered) return;
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            _registered = true;
        }
    }
}

/// <summary>Decoder fallback that turns each undecodable byte into the character with the same number, so no byte is lost.</summary>
internal sealed class ByteAsCharDecoderFallback : DecoderFallback
{
    public static readonly ByteAsCharDecoderFallback Instance = new();

    public override int MaxCharCount => 8;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

    private sealed class Buffer : DecoderFallbackBuffer
    {
        private byte[]? _bytes;
        private int _pos;

        public override int Remaining => _bytes is null ? 0 : _bytes.Length - _pos;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            _bytes = bytesUnknown;
            _pos = 0;
            return bytesUnknown is not null && bytesUnknown.Length > 0;
        }

        public override char GetNextChar() => _bytes is not null && _pos < _bytes.Length ? (char)_bytes[_pos++] : '\0';

        public override bool MovePrevious()
        {
            if (_pos <= 0) return false;
            _pos--;
            return true;
        }

        public override void Reset()
        {
            _bytes = null;
            _pos = 0;
        }
    }
}
