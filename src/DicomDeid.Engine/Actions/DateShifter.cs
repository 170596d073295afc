using System;
using System.Globalization;
using System.Text;

namespace DicomDeid.Engine;

/// <summary>Shifts DA and DT values by whole days, keeping their precision; TM values are never shifted.</summary>
internal static class DateShifter
{
    /// <summary>Shifts every value of a DA (backslash-separated); null when any value is not a date.</summary>
    public static string? ShiftDA(string value, int days) => ShiftEach(value, p => ShiftDatePart(p, days));

    /// <summary>Shifts every value of a DT; the time part and offset suffix are kept. Null when not parseable.</summary>
    public static string? ShiftDT(string value, int days) => ShiftEach(value, p =>
    {
        var n = 0;
        while (n < p.Length && n < 8 && p[n] >= '0' && p[n] <= '9') n++;
        if (n != 4 && n != 6 && n != 8) return null;
        var s = ShiftDatePart(p.Substring(0, n), days);
        return s is null ? null : s + p.Substring(n);
    });

    // Applies a shift to each backslash-separated value, keeping empty values; null when any value cannot be shifted.
    private static string? ShiftEach(string value, Func<string, string?> shiftOne)
    {
        var parts = value.Split('\\');
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) sb.Append('\\');
            var p = parts[i].Trim();
            if (p.Length == 0) continue;
            var s = shiftOne(p);
            if (s is null) return null;
            sb.Append(s);
        }
        return sb.ToString();
    }

    // YYYYMMDD, or reduced precision YYYYMM / YYYY (shifted from the first day, then truncated back).
    // Also accepts the retired "YYYY.MM.DD" form, written back as YYYYMMDD.
    private static string? ShiftDatePart(string p, int days)
    {
        if (p.Length == 10 && p[4] == '.' && p[7] == '.') p = p.Substring(0, 4) + p.Substring(5, 2) + p.Substring(8, 2);
        var len = p.Length;
        string full = len switch { 8 => p, 6 => p + "01", 4 => p + "0101", _ => string.Empty };
        if (full.Length == 0) return null;
        if (!DateTime.TryParseExact(full, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return null;
        DateTime shifted;
        try { shifted = d.AddDays(days); }
        catch (ArgumentOutOfRangeException) { return null; }
        return shifted.ToString("yyyyMMdd", CultureInfo.InvariantCulture).Substring(0, len);
    }
}
