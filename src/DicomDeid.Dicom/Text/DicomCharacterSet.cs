using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace DicomDeid.Dicom;

/// <summary>
/// Decodes and encodes text values with a dataset's Specific Character Set (0008,0005): the default repertoire,
/// every single-byte set of PS3.3 Table C.12-2, UTF-8, GB18030, GBK, and the ISO 2022 code extensions of Tables
/// C.12-3/C.12-4 (ISO 2022 IR 6/100/101/109/110/144/127/126/138/148/203/13/166, IR 87 and IR 159 Japanese,
/// IR 149 Korean, IR 58 Chinese) with G0/G1 switching by escape sequences (PS3.5 6.1.2.5).
/// </summary>
/// <remarks>
/// <para>Instances are immutable, thread-safe and cached per (0008,0005) value.</para>
/// <para>Reading is lenient and never loses a byte: an unknown defined term decodes as the default repertoire
/// (<see cref="IsFallback"/>, <see cref="Warnings"/>), and any byte that the set cannot decode becomes the character
/// U+0000..U+00FF with the same number. Nothing throws on decode.</para>
/// <para>Code extensions: the state returns to the initial set (value 1 of (0008,0005)) at every control character
/// other than ESC (CR, LF, TAB, FF), at the value delimiter '\' (except for LT, ST, UT, UR), and for PN at the
/// component group delimiter '=' and the component delimiter '^'. Each PN component group may use its own sets.
/// JIS X 0201 Romaji (ISO-IR 14) is read as ASCII, as pydicom does, so 0x5C stays the value delimiter.</para>
/// <para>Writing is strict: <see cref="Encode"/> throws <see cref="DicomTextEncodingException"/> for a character the
/// set cannot represent (never a silent '?'); <see cref="TryEncode"/> and <see cref="CanEncode"/> test first. One
/// exception, for round-trips: the default repertoire (and an unknown term) writes U+0080..U+00FF as the single byte
/// it was read from, as pydicom does; such a value is not conformant, so new non-ASCII text belongs in a dataset
/// with a declared set (e.g. <see cref="Utf8"/>). With
/// code extensions each non-ASCII character uses the active G0/G1 set when that holds it, else the first declared
/// set that does, with its escape sequence; the initial G0 set is restored before every delimiter and at the end.</para>
/// </remarks>
public sealed class DicomCharacterSet
{
    private const int CacheLimit = 512;
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);

    private static Dictionary<string, CodeElement> SingleByteTerms => TermTable.SingleByte;

    private static Dictionary<string, CodeElement> ExtensionTerms => TermTable.Extension;

    private static Dictionary<string, int> CodePageTerms => TermTable.CodePage;

    private readonly bool _extensions;
    private readonly CodeElement _initialG0;
    private readonly CodeElement? _initialG1;
    private readonly CodeElement[] _declared;
    private readonly Encoding? _codePage;
    private readonly bool _latin1Encode;

    private DicomCharacterSet(
        string specificCharacterSet,
        string[] terms,
        bool extensions,
        CodeElement initialG0,
        CodeElement? initialG1,
        CodeElement[] declared,
        Encoding? codePage,
        bool fallback,
        string[] warnings)
    {
        SpecificCharacterSet = specificCharacterSet;
        Terms = terms;
        _extensions = extensions;
        _initialG0 = initialG0;
        _initialG1 = initialG1;
        _declared = declared;
        _codePage = codePage;
        IsFallback = fallback;
        // Default repertoire and unknown terms: read as Latin-1, so written back the same way (as pydicom does);
        // values read from files without (0008,0005) then round-trip byte for byte.
        _latin1Encode = !extensions && initialG1 is null && codePage is null;
        Warnings = warnings;
    }

    /// <summary>The default repertoire (ISO IR 6, ASCII).</summary>
    public static DicomCharacterSet Default { get; } = new(
        string.Empty, new[] { string.Empty }, false, CodeElement.Ascii, null, Array.Empty<CodeElement>(), null, false,
        Array.Empty<string>());

    /// <summary>Unicode in UTF-8 ("ISO_IR 192"): the set that can hold any text.</summary>
    public static DicomCharacterSet Utf8 { get; } = FromSpecificCharacterSet("ISO_IR 192");

    /// <summary>The value of (0008,0005) this set was made from (empty for the default repertoire).</summary>
    public string SpecificCharacterSet { get; }

    /// <summary>The defined terms in force, corrected where a misspelling was recognised (value 1 empty = default repertoire).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>True when ISO 2022 escape sequences are interpreted (any "ISO 2022 IR ..." term).</summary>
    public bool UsesCodeExtensions => _extensions;

    /// <summary>True when a defined term was not recognised and the default repertoire stands in for it.</summary>
    public bool IsFallback { get; }

    /// <summary>Problems found in the (0008,0005) value: unknown or misspelled terms, ignored extensions. Empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The character set for a (0008,0005) value (backslash-separated defined terms, value 1 may be empty). Cached; never throws.</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string? value)
    {
        if (value is null || value.Length == 0) return Default;
        if (Cache.TryGetValue(value, out var cs)) return cs;
        cs = Create(value);
        if (Cache.Count < CacheLimit) Cache.TryAdd(value, cs);
        return cs;
    }

    /// <summary>True when <paramref name="definedTerm"/> is a defined term of PS3.3 C.12.1.1.2 that this class supports (empty = default repertoire).</summary>
    public static bool IsSupported(string definedTerm)
    {
        if (definedTerm is null) throw new ArgumentNullException(nameof(definedTerm));
        return definedTerm.Length == 0 || SingleByteTerms.ContainsKey(definedTerm) ||
               ExtensionTerms.ContainsKey(definedTerm) || CodePageTerms.ContainsKey(definedTerm);
    }

    /// <summary>The escape sequences of the code elements a defined term designates (empty for terms without code extensions).</summary>
    internal static byte[][] EscapeSequencesOf(string definedTerm)
    {
        if (!ExtensionTerms.TryGetValue(definedTerm, out var e)) return Array.Empty<byte[]>();
        return e == CodeElement.Katakana ? new[] { e.Escape, CodeElement.Romaji.Escape } : new[] { e.Escape };
    }

    /// <summary>Decodes text bytes of <paramref name="vr"/> (trailing padding is kept; callers trim).</summary>
    public string Decode(byte[] bytes, DicomVR vr)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        if (bytes.Length == 0) return string.Empty;
        if (IsPlainAscii(bytes, _extensions)) return TextEncodings.Latin1.GetString(bytes);
        return _codePage is not null ? _codePage.GetString(bytes) : DecodeIso(bytes, vr);
    }

    /// <summary>Decodes text bytes of <paramref name="vr"/> (trailing padding is kept; callers trim).</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (bytes.IsEmpty) return string.Empty;
        if (IsPlainAscii(bytes, _extensions)) return Widen(bytes);
        if (_codePage is null) return DecodeIso(bytes, vr);
        var tmp = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            bytes.CopyTo(tmp);
            return _codePage.GetString(tmp, 0, bytes.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tmp);
        }
    }

    /// <summary>
    /// Encodes text for <paramref name="vr"/> in this character set (no padding added).
    /// </summary>
    /// <exception cref="DicomTextEncodingException">A character cannot be represented in this set.</exception>
    public byte[] Encode(string text, DicomVR vr)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (TryEncodeCore(text, vr, out var bytes, out var failIndex)) return bytes!;
        throw new DicomTextEncodingException(SpecificCharacterSet, failIndex, CodePointAt(text, failIndex));
    }

    /// <summary>Encodes text for <paramref name="vr"/>; false (and null bytes) when a character cannot be represented.</summary>
    public bool TryEncode(string text, DicomVR vr, out byte[]? bytes)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        return TryEncodeCore(text, vr, out bytes, out _);
    }

    /// <summary>True when every character of <paramref name="text"/> can be represented in this set.</summary>
    public bool CanEncode(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        return TryEncodeCore(text, DicomVR.LO, out _, out _);
    }

    /// <summary>Decodes bytes in the default repertoire (bytes above 0x7F are kept as Latin-1 so nothing is lost).</summary>
    public static string DecodeAscii(byte[] bytes)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        return bytes.Length == 0 ? string.Empty : TextEncodings.Latin1.GetString(bytes);
    }

    /// <summary>Decodes bytes in the default repertoire (bytes above 0x7F are kept as Latin-1 so nothing is lost).</summary>
    public static string DecodeAscii(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : Widen(bytes);

    /// <inheritdoc />
    public override string ToString() => SpecificCharacterSet.Length == 0 ? "(default repertoire)" : SpecificCharacterSet;

    // ---------------------------------------------------------------- parsing (0008,0005)

    private static DicomCharacterSet Create(string stored)
    {
        var parts = stored.Split('\\');
        for (var i = 0; i < parts.Length; i++) parts[i] = parts[i].Trim(' ', '\0');
        var last = parts.Length - 1;
        while (last > 0 && parts[last].Length == 0) last--;
        if (last == 0 && parts[0].Length == 0) return Default;

        var warnings = new List<string>();
        var fallback = false;
        var terms = new List<string>();
        for (var i = 0; i <= last; i++)
        {
            var raw = parts[i];
            if (raw.Length == 0)
            {
                if (i == 0) terms.Add(string.Empty);
                else warnings.Add($"Empty value {i + 1} of Specific Character Set ignored.");
                continue;
            }
            var canonical = Canonicalize(raw);
            if (canonical is null)
            {
                warnings.Add($"Unknown Specific Character Set term '{raw}': the default repertoire is used instead.");
                fallback = true;
                terms.Add(raw);
                continue;
            }
            if (!string.Equals(canonical, raw, StringComparison.Ordinal))
                warnings.Add($"Incorrect Specific Character Set term '{raw}': assuming '{canonical}'.");
            terms.Add(canonical);
        }

        var first = terms[0];
        if (last == 0)
        {
            // One value: the set is used without code extensions unless it is an ISO 2022 term.
            if (CodePageTerms.TryGetValue(first, out var cp))
                return new DicomCharacterSet(stored, terms.ToArray(), false, CodeElement.Ascii, null, Array.Empty<CodeElement>(),
                    TextEncodings.GetLossless(cp), fallback, warnings.ToArray());
            if (SingleByteTerms.TryGetValue(first, out var g1))
            {
                var g0 = g1 == CodeElement.Katakana ? CodeElement.Romaji : CodeElement.Ascii;
                return new DicomCharacterSet(stored, terms.ToArray(), false, g0, g1, new[] { g1 }, null, fallback, warnings.ToArray());
            }
            if (!ExtensionTerms.ContainsKey(first))
            {
                if (string.Equals(first, "ISO_IR 6", StringComparison.Ordinal))
                    warnings.Add("'ISO_IR 6' is not a defined term: the default repertoire is used.");
                return new DicomCharacterSet(stored, terms.ToArray(), false, CodeElement.Ascii, null, Array.Empty<CodeElement>(),
                    null, fallback || !string.Equals(first, "ISO_IR 6", StringComparison.Ordinal), warnings.ToArray());
            }
        }
        else if (CodePageTerms.TryGetValue(first, out var cp))
        {
            warnings.Add($"'{first}' does not allow code extensions; ignoring: {string.Join(", ", terms.GetRange(1, terms.Count - 1))}.");
            return new DicomCharacterSet(stored, new[] { first }, false, CodeElement.Ascii, null, Array.Empty<CodeElement>(),
                TextEncodings.GetLossless(cp), fallback, warnings.ToArray());
        }

        // Code extensions.
        var declared = new List<CodeElement>();
        var kept = new List<string>();
        CodeElement initialG0 = CodeElement.Ascii;
        CodeElement? initialG1 = null;
        for (var i = 0; i < terms.Count; i++)
        {
            var t = (i == 0 && terms[i].Length == 0) || string.Equals(terms[i], "ISO_IR 6", StringComparison.Ordinal)
                ? "ISO 2022 IR 6"
                : terms[i];
            if (SingleByteTerms.ContainsKey(t))
            {
                var ext = "ISO 2022 IR " + t.Substring("ISO_IR ".Length);
                warnings.Add($"'{t}' used with code extensions: assuming '{ext}'.");
                t = ext;
            }
            if (!ExtensionTerms.TryGetValue(t, out var e))
            {
                if (CodePageTerms.ContainsKey(t)) warnings.Add($"'{t}' cannot be used as a code extension; ignored.");
                if (i == 0) { kept.Add(terms[i]); fallback = true; }
                continue;
            }
            kept.Add(i == 0 && terms[i].Length == 0 ? string.Empty : t);
            if (!declared.Contains(e)) declared.Add(e);
            if (i != 0) continue;
            if (e == CodeElement.Katakana)
            {
                initialG0 = CodeElement.Romaji;
                initialG1 = e;
            }
            else if (e.IsG1)
            {
                initialG1 = e;
            }
        }
        return new DicomCharacterSet(stored, kept.ToArray(), true, initialG0, initialG1, declared.ToArray(), null, fallback,
            warnings.ToArray());
    }

    /// <summary>The defined term a value means, tolerating common misspellings ("ISO IR 100", "ISO-IR 144", "iso_2022_ir+6"); null when unknown.</summary>
    private static string? Canonicalize(string raw)
    {
        if (IsSupported(raw)) return raw;
        var tokens = raw.ToUpperInvariant().Split(new[] { ' ', '_', '-', '+' }, StringSplitOptions.RemoveEmptyEntries);
        string? candidate = null;
        if (tokens.Length == 1) candidate = tokens[0];
        else if (tokens.Length == 3 && tokens[0] == "ISO" && tokens[1] == "IR") candidate = "ISO_IR " + tokens[2];
        else if (tokens.Length == 4 && tokens[0] == "ISO" && tokens[1] == "2022" && tokens[2] == "IR") candidate = "ISO 2022 IR " + tokens[3];
        if (candidate is null) return null;
        if (string.Equals(candidate, "ISO_IR 6", StringComparison.Ordinal)) return candidate;
        return candidate.Length > 0 && IsSupported(candidate) ? candidate : null;
    }

    // ---------------------------------------------------------------- decoding

    /// <summary>True when every byte is below 0x80 (and, with code extensions, none is ESC): the common fast path.</summary>
    private static bool IsPlainAscii(ReadOnlySpan<byte> s, bool rejectEsc)
    {
        const ulong high = 0x8080808080808080UL;
        const ulong ones = 0x0101010101010101UL;
        const ulong esc = 0x1B1B1B1B1B1B1B1BUL;
        var i = 0;
        if (s.Length >= 8)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(s);
            foreach (var w in words)
            {
                if ((w & high) != 0) return false;
                if (rejectEsc)
                {
                    var x = w ^ esc;
                    if (((x - ones) & ~x & high) != 0) return false;
                }
            }
            i = words.Length * 8;
        }
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b >= 0x80 || (rejectEsc && b == 0x1B)) return false;
        }
        return true;
    }

    private static string Widen(ReadOnlySpan<byte> bytes)
    {
        var buf = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            for (var i = 0; i < bytes.Length; i++) buf[i] = (char)bytes[i];
            return new string(buf, 0, bytes.Length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buf);
        }
    }

    /// <summary>True at the positions where PS3.5 6.1.2.5.3 returns to the initial set.</summary>
    private static bool IsResetPoint(int c, DicomVR vr)
    {
        if (c < 0x20) return c != 0x1B;
        if (c == '\\') return !vr.IsSingleValuedText();
        return vr == DicomVR.PN && (c == '^' || c == '=');
    }

    private static CodeElement? MatchEscape(ReadOnlySpan<byte> s, int at)
    {
        foreach (var e in CodeElement.All)
        {
            var esc = e.Escape;
            if (at + esc.Length > s.Length) continue;
            var ok = true;
            for (var k = 1; k < esc.Length && ok; k++) ok = s[at + k] == esc[k];
            if (ok) return e;
        }
        // ESC $ @ (JIS C 6226-1978) is written by some old Japanese systems for the same 94x94 set.
        if (at + 2 < s.Length && s[at + 1] == 0x24 && s[at + 2] == 0x40) return CodeElement.JisX0208;
        return null;
    }

    private static int EscapeLength(ReadOnlySpan<byte> s, int at, CodeElement e) =>
        e == CodeElement.JisX0208 && at + 2 < s.Length && s[at + 2] == 0x40 ? 3 : e.Escape.Length;

    private string DecodeIso(ReadOnlySpan<byte> s, DicomVR vr)
    {
        var buf = ArrayPool<char>.Shared.Rent(s.Length);
        try
        {
            var n = 0;
            var g0 = _initialG0;
            var g1 = _initialG1;
            var i = 0;
            while (i < s.Length)
            {
                var b = s[i];
                if (b == 0x1B && _extensions)
                {
                    var e = MatchEscape(s, i);
                    if (e is not null)
                    {
                        i += EscapeLength(s, i, e);
                        if (e.IsG1) g1 = e; else g0 = e;
                        continue;
                    }
                    buf[n++] = (char)b; // unknown escape: kept as text
                    i++;
                    continue;
                }
                if (g0.IsDoubleByte && b >= 0x21 && b <= 0x7E)
                {
                    if (i + 1 < s.Length && s[i + 1] >= 0x21 && s[i + 1] <= 0x7E)
                    {
                        var c = g0.DecodePair(b, s[i + 1]);
                        if (c != '\0') buf[n++] = c;
                        else { buf[n++] = (char)b; buf[n++] = (char)s[i + 1]; }
                        i += 2;
                    }
                    else
                    {
                        buf[n++] = (char)b;
                        i++;
                    }
                    continue;
                }
                if (b < 0x80)
                {
                    buf[n++] = (char)b;
                    i++;
                    if (IsResetPoint(b, vr)) { g0 = _initialG0; g1 = _initialG1; }
                    continue;
                }
                if (g1 is null || b < 0xA0)
                {
                    buf[n++] = (char)b;
                    i++;
                    continue;
                }
                if (g1.Kind == CodeElementKind.DoubleByteG1)
                {
                    if (b >= 0xA1 && b <= 0xFE && i + 1 < s.Length && s[i + 1] >= 0xA1 && s[i + 1] <= 0xFE)
                    {
                        var c = g1.DecodePair((byte)(b & 0x7F), (byte)(s[i + 1] & 0x7F));
                        if (c != '\0') buf[n++] = c;
                        else { buf[n++] = (char)b; buf[n++] = (char)s[i + 1]; }
                        i += 2;
                    }
                    else
                    {
                        buf[n++] = (char)b;
                        i++;
                    }
                    continue;
                }
                var d = g1.DecodeSingle(b);
                buf[n++] = d != '\0' ? d : (char)b;
                i++;
            }
            return new string(buf, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buf);
        }
    }

    // ---------------------------------------------------------------- encoding

    private static int CodePointAt(string text, int index)
    {
        if (index < 0 || index >= text.Length) return 0;
        return char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? char.ConvertToUtf32(text[index], text[index + 1])
            : text[index];
    }

    private bool TryEncodeCore(string text, DicomVR vr, out byte[]? bytes, out int failIndex)
    {
        failIndex = -1;
        bytes = null;
        if (text.Length == 0)
        {
            bytes = Array.Empty<byte>();
            return true;
        }

        var ascii = true;
        foreach (var c in text)
        {
            if (c >= 0x80 || (c == 0x1B && _extensions)) { ascii = false; break; }
        }
        if (ascii)
        {
            bytes = new byte[text.Length];
            for (var i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return true;
        }

        if (_codePage is not null) return TryEncodeCodePage(text, out bytes, out failIndex);
        return TryEncodeIso(text, vr, out bytes, out failIndex);
    }

    private bool TryEncodeCodePage(string text, out byte[]? bytes, out int failIndex)
    {
        bytes = null;
        failIndex = -1;
        // Lone surrogates have no encoding in any of these sets; find them without an exception.
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) { failIndex = i; return false; }
        }
        try
        {
            bytes = _codePage!.GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException ex)
        {
            failIndex = ex.Index;
            return false;
        }
    }

    private bool TryEncodeIso(string text, DicomVR vr, out byte[]? bytes, out int failIndex)
    {
        bytes = null;
        failIndex = -1;
        // Worst case per character: a 4-byte escape and 2 bytes; plus the final return to the initial G0.
        var buf = ArrayPool<byte>.Shared.Rent((text.Length * 6) + 8);
        try
        {
            var n = 0;
            var g0 = _initialG0;
            var g1 = _initialG1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c < 0x80)
                {
                    if (c == 0x1B && _extensions) { failIndex = i; return false; }
                    if (g0.IsDoubleByte)
                    {
                        n = Put(buf, n, _initialG0.Escape);
                        g0 = _initialG0;
                    }
                    buf[n++] = (byte)c;
                    if (IsResetPoint(c, vr)) g1 = _initialG1;
                    continue;
                }
                if (c <= 0x9F)
                {
                    buf[n++] = (byte)c; // C1 control: the same byte in every set, read back 1:1
                    continue;
                }
                ushort code;
                if (g0.IsDoubleByte && g0.TryEncode(c, out code))
                {
                    buf[n++] = (byte)(code >> 8);
                    buf[n++] = (byte)code;
                    continue;
                }
                if (g1 is not null && g1.TryEncode(c, out code))
                {
                    n = PutG1(buf, n, g1, code);
                    continue;
                }
                var done = false;
                if (_extensions)
                {
                    foreach (var e in _declared)
                    {
                        if (e.IsAsciiG0 || !e.TryEncode(c, out code)) continue;
                        n = Put(buf, n, e.Escape);
                        if (e.IsG1)
                        {
                            g1 = e;
                            n = PutG1(buf, n, e, code);
                        }
                        else
                        {
                            g0 = e;
                            buf[n++] = (byte)(code >> 8);
                            buf[n++] = (byte)code;
                        }
                        done = true;
                        break;
                    }
                }
                if (done) continue;
                if (_latin1Encode && c <= 0xFF)
                {
                    buf[n++] = (byte)c; // unknown set read as Latin-1: write the same byte back
                    continue;
                }
                failIndex = i;
                return false;
            }
            if (g0.IsDoubleByte) n = Put(buf, n, _initialG0.Escape);
            bytes = new byte[n];
            Buffer.BlockCopy(buf, 0, bytes, 0, n);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static int Put(byte[] buf, int n, byte[] bytes)
    {
        Buffer.BlockCopy(bytes, 0, buf, n, bytes.Length);
        return n + bytes.Length;
    }

    private static int PutG1(byte[] buf, int n, CodeElement g1, ushort code)
    {
        if (g1.Kind == CodeElementKind.DoubleByteG1)
        {
            buf[n++] = (byte)((code >> 8) | 0x80);
            buf[n++] = (byte)(code | 0x80);
        }
        else
        {
            buf[n++] = (byte)code;
        }
        return n;
    }

    /// <summary>
    /// Defined terms from the generated PS3.3 C.12-2..C.12-5 table: without code extensions (one G1 set, or a
    /// Unicode/GB code page of C.12-5) and with code extensions (the set each "ISO 2022 IR" term designates).
    /// A nested type so the tables exist before any static member of the outer type uses them.
    /// </summary>
    private static class TermTable
    {
        public static readonly Dictionary<string, CodeElement> SingleByte = new(StringComparer.Ordinal);
        public static readonly Dictionary<string, CodeElement> Extension = new(StringComparer.Ordinal);
        public static readonly Dictionary<string, int> CodePage = new(StringComparer.Ordinal);

        static TermTable()
        {
            foreach (var row in DicomCharacterSetData.Rows)
            {
                var term = row.DefinedTerm;
                if (term.Length == 0) continue;
                if (string.Equals(row.Table, "C.12-5", StringComparison.Ordinal))
                {
                    // UTF-8, GB 18030 and GBK: complete Unicode mappings on every .NET (hint column: 65001, 54936, 936).
                    if (row.CodePageHint > 0 && !CodePage.ContainsKey(term)) CodePage[term] = row.CodePageHint;
                    continue;
                }
                var element = CodeElement.ForRegistration(row.IsoRegistration);
                if (element is null) continue; // not implemented: IsSupported says so
                var map = row.CodeExtensions ? Extension : SingleByte;
                // ISO_IR 13 has two rows (G1 Katakana, then G0 Romaji): the term names the G1 set; G0 comes with it.
                if (!map.ContainsKey(term) && (row.CodeExtensions || element.IsG1)) map[term] = element;
            }
        }
    }
}
