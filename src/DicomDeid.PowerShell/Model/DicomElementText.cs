using System;
using System.Globalization;
using System.Text;
using DicomDeid.Dicom;

namespace DicomDeid.PowerShell;

/// <summary>Display text of element values for the inspection cmdlets (dcmdump-like, bounded, never loads large values).</summary>
internal static class DicomElementText
{
    /// <summary>Values longer than this many bytes are not loaded for display.</summary>
    internal const long MaxLoadedLength = 64 * 1024;

    /// <summary>The value of <paramref name="element"/> as text of at most <paramref name="maxChars"/> characters.</summary>
    public static string Format(DicomElement element, DicomCharacterSet? characterSet, int maxChars)
    {
        switch (element)
        {
            case DicomSequence s:
                return string.Format(CultureInfo.InvariantCulture, "(Sequence with {0} item{1})", s.Items.Count, s.Items.Count == 1 ? string.Empty : "s");
            case DicomFragmentSequence f:
                return string.Format(CultureInfo.InvariantCulture, "(PixelSequence with {0} fragment{1})", f.Fragments.Count, f.Fragments.Count == 1 ? string.Empty : "s");
        }
        var length = element.Value.Length;
        if (length == 0) return string.Empty;
        if ((element.Value.IsDeferred && length > MaxLoadedLength) || element.Tag == DicomTag.PixelData)
            return string.Format(CultureInfo.InvariantCulture, "(not loaded, {0} bytes)", length);
        var vr = element.VR;
        string text;
        if (vr.IsString())
        {
            text = element.GetString(characterSet);
        }
        else if (vr is DicomVR.OB or DicomVR.UN or DicomVR.OW or DicomVR.None)
        {
            text = Hex(element, maxChars);
        }
        else
        {
            var perValue = vr == DicomVR.AT ? 11 : 2;
            text = string.Join("\\", element.GetNumbersAsStrings(Math.Max(1, (maxChars / perValue) + 1)));
        }
        return Cut(text, maxChars);
    }

    /// <summary>Number of values, as dcmdump counts them.</summary>
    public static int Multiplicity(DicomElement element)
    {
        if (element is DicomSequence or DicomFragmentSequence) return 1;
        var length = element.Value.Length;
        if (length == 0) return 0;
        var vr = element.VR;
        if (vr is DicomVR.OB or DicomVR.OW or DicomVR.OF or DicomVR.OD or DicomVR.OL or DicomVR.OV or DicomVR.UN or DicomVR.None) return 1;
        if (vr.IsString())
        {
            if (vr.IsSingleValuedText() || length > MaxLoadedLength) return 1;
            var bytes = element.Value.GetBytes();
            var n = 1;
            foreach (var b in bytes) if (b == (byte)'\\') n++;
            return n;
        }
        var unit = vr == DicomVR.AT ? 4 : vr.UnitSize();
        return unit > 0 ? (int)Math.Min(int.MaxValue, length / unit) : 1;
    }

    private static string Hex(DicomElement element, int maxChars)
    {
        var bytes = element.Value.GetBytes();
        var wide = element.VR == DicomVR.OW;
        var unit = wide ? 2 : 1;
        var sb = new StringBuilder();
        for (var i = 0; i + unit <= bytes.Length && sb.Length <= maxChars; i += unit)
        {
            if (sb.Length > 0) sb.Append('\\');
            if (wide) sb.Append(((ushort)(bytes[i] | (bytes[i + 1] << 8))).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Cut(string text, int maxChars)
    {
        // Control characters (CR/LF in LT/ST/UT) would break table rows.
        var sb = new StringBuilder(Math.Min(text.Length, maxChars + 3));
        foreach (var c in text)
        {
            if (sb.Length >= maxChars) return sb.Append("...").ToString();
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
    }
}
