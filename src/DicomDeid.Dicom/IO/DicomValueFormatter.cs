using System;
using System.Globalization;
using System.Text;

namespace DicomDeid.Dicom.IO;

/// <summary>
/// Display values in the style of dcmtk's <c>dcmdump</c>: text as text, numbers joined by backslashes, OB/UN as
/// two-digit hex bytes, OW as four-digit hex words, OL/OV as unsigned numbers, sequences as "(Sequence with N items)", encapsulated pixel data as
/// "(PixelSequence #=N)", empty values as "(no value available)", deferred values as "(not loaded)".
/// </summary>
public static class DicomValueFormatter
{
    /// <summary>
    /// Formats the value of <paramref name="element"/>; text VRs are decoded with <paramref name="characterSet"/>
    /// (default repertoire when null). The result is cut to <paramref name="maxChars"/> characters, ending in "...".
    /// Unlike dcmdump, text is not put in brackets.
    /// </summary>
    public static string Format(DicomElement element, DicomCharacterSet? characterSet, int maxChars)
    {
        if (element is null) throw new ArgumentNullException(nameof(element));
        if (maxChars < 4) maxChars = 4;
        return FormatCore(element, characterSet, maxChars, quoteRaw: false);
    }

    /// <summary>
    /// dcmdump's rendering with <c>+L +Qo -Un</c>: text bytes as stored (trailing padding removed), bytes outside
    /// printable ASCII as <c>\ooo</c> octal, text values in brackets. Used to compare with dcmdump byte for byte.
    /// </summary>
    internal static string FormatDcmdump(DicomElement element) => FormatCore(element, null, int.MaxValue, quoteRaw: true);

    private static string FormatCore(DicomElement e, DicomCharacterSet? cs, int maxChars, bool quoteRaw)
    {
        switch (e)
        {
            case DicomSequence seq:
                return quoteRaw
                    ? "(Sequence with " + (seq.UndefinedLength ? "undefined" : "explicit") + " length #=" + seq.Items.Count.ToString(CultureInfo.InvariantCulture) + ")"
                    : "(Sequence with " + seq.Items.Count.ToString(CultureInfo.InvariantCulture) + (seq.Items.Count == 1 ? " item)" : " items)");
            case DicomFragmentSequence frags:
                return "(PixelSequence #=" + (frags.Fragments.Count + 1).ToString(CultureInfo.InvariantCulture) + ")";
        }
        var value = e.Value;
        if (value.IsDeferred) return "(not loaded)";
        if (value.Length == 0) return "(no value available)";
        var b = value.Span;
        var vr = e.VR;
        var sb = new StringBuilder();
        if (vr.IsString())
        {
            var end = b.Length;
            // dcmtk removes trailing padding: spaces for text, NULs for UI (and stray NULs elsewhere).
            while (end > 0 && (b[end - 1] == 0 || (b[end - 1] == ' ' && vr != DicomVR.UI))) end--;
            if (end == 0) return "(no value available)";
            if (quoteRaw)
            {
                sb.Append('[');
                for (var i = 0; i < end; i++)
                {
                    var c = b[i];
                    if (c < 0x20 || c > 0x7E) sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                    else sb.Append((char)c);
                }
                sb.Append(']');
                return sb.ToString();
            }
            var bytes = b.Slice(0, end).ToArray();
            var text = vr.UsesSpecificCharacterSet() && cs is not null ? cs.Decode(bytes, vr) : DicomCharacterSet.DecodeAscii(bytes);
            return Cut(text, maxChars);
        }
        var hexSep = false;
        switch (vr)
        {
            case DicomVR.US:
                for (var i = 0; i + 2 <= b.Length && sb.Length <= maxChars; i += 2) Sep(sb, ref hexSep).Append(BitConverterLE.UInt16(b.Slice(i)).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.SS:
                for (var i = 0; i + 2 <= b.Length && sb.Length <= maxChars; i += 2) Sep(sb, ref hexSep).Append(((short)BitConverterLE.UInt16(b.Slice(i))).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.UL:
                for (var i = 0; i + 4 <= b.Length && sb.Length <= maxChars; i += 4) Sep(sb, ref hexSep).Append(BitConverterLE.UInt32(b.Slice(i)).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.SL:
                for (var i = 0; i + 4 <= b.Length && sb.Length <= maxChars; i += 4) Sep(sb, ref hexSep).Append(((int)BitConverterLE.UInt32(b.Slice(i))).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.SV:
                for (var i = 0; i + 8 <= b.Length && sb.Length <= maxChars; i += 8) Sep(sb, ref hexSep).Append(((long)BitConverterLE.UInt64(b.Slice(i))).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.UV:
                for (var i = 0; i + 8 <= b.Length && sb.Length <= maxChars; i += 8) Sep(sb, ref hexSep).Append(BitConverterLE.UInt64(b.Slice(i)).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.FL:
            case DicomVR.OF:
                for (var i = 0; i + 4 <= b.Length && sb.Length <= maxChars; i += 4) Sep(sb, ref hexSep).Append(FormatG(BitConverterLE.Single(b.Slice(i)), 8));
                break;
            case DicomVR.FD:
            case DicomVR.OD:
                for (var i = 0; i + 8 <= b.Length && sb.Length <= maxChars; i += 8) Sep(sb, ref hexSep).Append(FormatG(BitConverterLE.Double(b.Slice(i)), 17));
                break;
            case DicomVR.AT:
                for (var i = 0; i + 4 <= b.Length && sb.Length <= maxChars; i += 4)
                {
                    Sep(sb, ref hexSep).Append('(').Append(BitConverterLE.UInt16(b.Slice(i)).ToString("x4", CultureInfo.InvariantCulture)).Append(',')
                        .Append(BitConverterLE.UInt16(b.Slice(i + 2)).ToString("x4", CultureInfo.InvariantCulture)).Append(')');
                }
                break;
            case DicomVR.OW:
                for (var i = 0; i + 2 <= b.Length && sb.Length <= maxChars; i += 2) Sep(sb, ref hexSep).Append(BitConverterLE.UInt16(b.Slice(i)).ToString("x4", CultureInfo.InvariantCulture));
                break;
            case DicomVR.OL: // dcmtk prints OL and OV as unsigned decimal numbers
                for (var i = 0; i + 4 <= b.Length && sb.Length <= maxChars; i += 4) Sep(sb, ref hexSep).Append(BitConverterLE.UInt32(b.Slice(i)).ToString(CultureInfo.InvariantCulture));
                break;
            case DicomVR.OV:
                for (var i = 0; i + 8 <= b.Length && sb.Length <= maxChars; i += 8) Sep(sb, ref hexSep).Append(BitConverterLE.UInt64(b.Slice(i)).ToString(CultureInfo.InvariantCulture));
                break;
            default: // OB, UN and anything unknown: bytes
                for (var i = 0; i < b.Length && sb.Length <= maxChars; i++) Sep(sb, ref hexSep).Append(b[i].ToString("x2", CultureInfo.InvariantCulture));
                break;
        }
        return Cut(sb.ToString(), maxChars);
    }

    private static StringBuilder Sep(StringBuilder sb, ref bool any)
    {
        if (any) sb.Append('\\');
        any = true;
        return sb;
    }

    private static string Cut(string s, int maxChars) => s.Length <= maxChars ? s : s.Substring(0, maxChars - 3) + "...";

    /// <summary>printf("%.{digits}g") as dcmtk prints floating-point values.</summary>
    internal static string FormatG(double v, int digits)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (v == 0) return 1 / v < 0 ? "-0" : "0";
        var e = v.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var ePos = e.IndexOf('E');
        var exp = int.Parse(e.Substring(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string r;
        if (exp < -4 || exp >= digits)
        {
            var mant = TrimZeros(e.Substring(0, ePos));
            r = mant + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        else
        {
            r = TrimZeros(v.ToString("F" + Math.Max(0, digits - 1 - exp).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        return r;
    }

    private static string TrimZeros(string s)
    {
        if (s.IndexOf('.') < 0) return s;
        s = s.TrimEnd('0');
        return s.EndsWith(".", StringComparison.Ordinal) ? s.Substring(0, s.Length - 1) : s;
    }
}
