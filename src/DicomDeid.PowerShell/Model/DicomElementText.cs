using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;

namespace DicomDeid.PowerShell;

/// <summary>Display text of element values for the inspection cmdlets (dcmdump-like, bounded, never loads large values).</summary>
internal static class DicomElementText
{
    /// <summary>Values longer than this many bytes are not loaded for display.</summary>
    internal const long MaxLoadedLength = 64 * 1024;

    /// <summary>
    /// The value of <paramref name="element"/> as text of at most <paramref name="maxChars"/> characters, formatted by
    /// the codec's dcmdump-style formatter; an empty value is an empty string (scripts compare it), a large value
    /// shows its length and is never loaded, and control characters become spaces so table rows stay whole.
    /// </summary>
    public static string Format(DicomElement element, DicomCharacterSet? characterSet, int maxChars)
    {
        if (element is not DicomSequence and not DicomFragmentSequence)
        {
            var length = element.Value.Length;
            if (length == 0) return string.Empty;
            if (element.Value.IsDeferred || element.Tag == DicomTag.PixelData)
                return string.Format(CultureInfo.InvariantCulture, "(not loaded, {0} bytes)", length);
        }
        var text = DicomValueFormatter.Format(element, characterSet, maxChars);
        if (text == "(no value available)") return string.Empty;
        return Clean(text);
    }

    /// <summary>
    /// The reader's warnings for a user, without the note that a header-only read stopped early: the inspection
    /// cmdlets ask for that themselves.
    /// </summary>
    public static List<string> UserWarnings(DicomFile file)
    {
        var list = new List<string>(file.Warnings.Count);
        foreach (var w in file.Warnings)
            if (!w.StartsWith("reading stopped early", StringComparison.Ordinal)) list.Add(w);
        return list;
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

    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsControl(c)) continue;
            var sb = new StringBuilder(text.Length);
            foreach (var d in text) sb.Append(char.IsControl(d) ? ' ' : d);
            return sb.ToString();
        }
        return text;
    }
}
