using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DicomDeid.Dicom;

namespace DicomDeid.Engine;

/// <summary>
/// The documented dummy values per VR (action D) and the text cleaning of action C. Every dummy is ASCII, so it
/// is valid in any Specific Character Set.
/// </summary>
public static class DeidValuePolicy
{
    /// <summary>Dummy text for PN, LO, SH, LT, ST, UT, UC, AE and CS.</summary>
    public const string DummyText = "ANONYMOUS";
    /// <summary>Dummy date (DA).</summary>
    public const string DummyDate = "19000101";
    /// <summary>Dummy date-time (DT).</summary>
    public const string DummyDateTime = "19000101000000";
    /// <summary>Dummy time (TM).</summary>
    public const string DummyTime = "000000";
    /// <summary>Dummy age (AS).</summary>
    public const string DummyAge = "000Y";
    /// <summary>Dummy number (DS, IS); binary numbers are zero.</summary>
    public const string DummyNumber = "0";
    /// <summary>Dummy URI (UR).</summary>
    public const string DummyUri = "urn:oid:2.25.0";
    /// <summary>The age that replaces every age of 90 years or more (AS form of "90 or older").</summary>
    public const string AgeCap = "090Y";

    /// <summary>The dummy text value for a string VR (UI is remapped instead); null for binary VRs.</summary>
    public static string? DummyString(DicomVR vr) => vr switch
    {
        DicomVR.DA => DummyDate,
        DicomVR.DT => DummyDateTime,
        DicomVR.TM => DummyTime,
        DicomVR.AS => DummyAge,
        DicomVR.DS or DicomVR.IS => DummyNumber,
        DicomVR.UR => DummyUri,
        DicomVR.PN or DicomVR.LO or DicomVR.SH or DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UC or DicomVR.AE or DicomVR.CS => DummyText,
        _ => null,
    };

    /// <summary>Zero bytes for a binary VR: one value of the VR's unit (at least 2 bytes, even length).</summary>
    internal static byte[] DummyBinary(DicomVR vr)
    {
        var n = vr switch
        {
            DicomVR.AT or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL => 4,
            DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
            _ => 2,
        };
        return new byte[n];
    }

    /// <summary>An AS value with ages of 90 years or more replaced by 090Y; other values unchanged.</summary>
    public static string CapAge(string age)
    {
        if (age is null) throw new ArgumentNullException(nameof(age));
        var a = age.Trim();
        if (a.Length != 4 || !int.TryParse(a.Substring(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return a;
        var years = a[3] switch { 'Y' => n, 'M' => n / 12, 'W' => n / 52, 'D' => n / 365, _ => 0 };
        return years >= 90 ? AgeCap : a;
    }

    private static readonly Regex DigitRun = new(@"\d{5,}", RegexOptions.CultureInvariant);
    private static readonly Regex DateLike = new(@"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// Action C on text: every occurrence of an identifying value of this dataset (name parts, IDs, accession,
    /// institution, physicians; tokens of 3+ characters, case-insensitive), every date-like token and every run of
    /// 5+ digits is replaced by "*". What remains (e.g. "CT CHEST W CONTRAST") is kept.
    /// </summary>
    public static string CleanText(string text, IReadOnlyList<string> identifyingTokens)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (identifyingTokens is null) throw new ArgumentNullException(nameof(identifyingTokens));
        var s = text;
        foreach (var t in identifyingTokens)
        {
            var i = s.IndexOf(t, StringComparison.OrdinalIgnoreCase);
            while (i >= 0)
            {
                s = s.Substring(0, i) + "*" + s.Substring(i + t.Length);
                i = s.IndexOf(t, i + 1, StringComparison.OrdinalIgnoreCase);
            }
        }
        s = DateLike.Replace(s, "*");
        s = DigitRun.Replace(s, "*");
        return s;
    }

    /// <summary>
    /// Replaces every whole-word occurrence (case-insensitive; a word is bounded by anything but a letter or digit) of
    /// each of <paramref name="words"/> in <paramref name="text"/> by "*".
    /// </summary>
    public static string ReplaceWords(string text, IReadOnlyList<string> words)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (words is null) throw new ArgumentNullException(nameof(words));
        var s = text;
        foreach (var w in words)
        {
            var i = s.IndexOf(w, StringComparison.OrdinalIgnoreCase);
            while (i >= 0)
            {
                var end = i + w.Length;
                var bounded = (i == 0 || !char.IsLetterOrDigit(s[i - 1])) && (end == s.Length || !char.IsLetterOrDigit(s[end]));
                if (bounded)
                {
                    s = s.Substring(0, i) + "*" + s.Substring(end);
                    end = i + 1;
                }
                i = end < s.Length ? s.IndexOf(w, end, StringComparison.OrdinalIgnoreCase) : -1;
            }
        }
        return s;
    }

    /// <summary>Splits identifying values into tokens of 3+ characters (longest first), for <see cref="CleanText"/>.</summary>
    internal static List<string> Tokens(IEnumerable<string> values)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in values)
        {
            if (string.IsNullOrEmpty(v)) continue;
            var whole = v.Trim();
            if (whole.Length >= 3) set.Add(whole);
            var sb = new StringBuilder();
            foreach (var ch in whole + " ")
            {
                if (char.IsLetterOrDigit(ch) || ch == '-' || ch == '\'') { sb.Append(ch); continue; }
                if (sb.Length >= 3) set.Add(sb.ToString());
                sb.Clear();
            }
        }
        var list = new List<string>(set);
        list.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        return list;
    }
}
