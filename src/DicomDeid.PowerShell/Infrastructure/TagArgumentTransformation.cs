using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace DicomDeid.PowerShell;

/// <summary>
/// Lets users type tags unquoted: PowerShell reads <c>-Tag 0010,0010</c> as the two numbers 10 and 10 (and
/// <c>0008,103E</c> as 8 and "103E"). Two adjacent items of at most four hexadecimal digits are joined back into
/// "gggg,eeee"; numbers are written back with the digits the user typed, zero-padded to four.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TagArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var items = new List<object?>();
        var raw = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (raw is string || raw is not IEnumerable list) items.Add(raw);
        else foreach (var o in list) items.Add(o is PSObject p ? p.BaseObject : o);

        var result = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (i + 1 < items.Count && HexWord(items[i]) is string g && HexWord(items[i + 1]) is string e)
            {
                result.Add(g + "," + e);
                i++;
                continue;
            }
            // A lone number is ggggeeee typed without letters (00100010 arrives as 100010).
            result.Add(items[i] is int or long && Convert.ToInt64(items[i], CultureInfo.InvariantCulture) is >= 0 and <= 99999999 and var n
                ? n.ToString("D8", CultureInfo.InvariantCulture)
                : Convert.ToString(items[i], CultureInfo.InvariantCulture) ?? string.Empty);
        }
        return result.ToArray();
    }

    private static string? HexWord(object? o)
    {
        string s;
        if (o is int or long or short or byte)
        {
            var n = Convert.ToInt64(o, CultureInfo.InvariantCulture);
            if (n < 0 || n > 9999) return null;
            s = n.ToString(CultureInfo.InvariantCulture);
        }
        else if (o is string str) s = str.Trim();
        else return null;
        if (s.Length == 0 || s.Length > 4) return null;
        foreach (var c in s) if (!Uri.IsHexDigit(c)) return null;
        return s.PadLeft(4, '0');
    }
}
