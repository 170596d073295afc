using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using DicomDeid.Dicom;

namespace DicomDeid.PowerShell.Completers;

/// <summary>
/// Completes DICOM keywords from the data dictionary, also after the last dot of a tag path
/// (<c>ReferencedSeriesSequence[0].Ser</c> → <c>ReferencedSeriesSequence[0].SeriesInstanceUID</c>).
/// Use with <c>[ArgumentCompleter(typeof(DicomTagCompleter))]</c>.
/// </summary>
public sealed class DicomTagCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var dot = word.LastIndexOf('.');
        var prefix = dot >= 0 ? word.Substring(0, dot + 1) : string.Empty;
        var last = dot >= 0 ? word.Substring(dot + 1) : word;
        var pattern = WildcardPattern.ContainsWildcardCharacters(last) ? new WildcardPattern(last, WildcardOptions.IgnoreCase) : null;
        var matches = new List<DicomDictionaryEntry>();
        foreach (var keyword in DicomDictionary.Keywords)
        {
            if (pattern is not null ? !pattern.IsMatch(keyword) : !keyword.StartsWith(last, StringComparison.OrdinalIgnoreCase)) continue;
            var entry = DicomDictionary.LookupKeyword(keyword);
            if (entry is not null) matches.Add(entry);
        }
        matches.Sort((a, b) => string.CompareOrdinal(a.Keyword, b.Keyword));
        foreach (var e in matches)
        {
            var text = prefix + e.Keyword;
            var quoted = text.IndexOf('[') >= 0 ? "'" + text + "'" : text;
            yield return new CompletionResult(quoted, e.Keyword, CompletionResultType.ParameterValue, MaskedTag(e) + " " + e.Name);
        }
    }

    private static string MaskedTag(DicomDictionaryEntry e)
    {
        var s = e.Tag.ToString();
        if (!e.IsMask) return s;
        // Show repeating-group nibbles as x, e.g. (60xx,3000).
        var hex = e.Tag.Value.ToString("X8", System.Globalization.CultureInfo.InvariantCulture).ToCharArray();
        for (var i = 0; i < 8; i++)
            if (((e.Mask >> (28 - (4 * i))) & 0xF) == 0) hex[i] = 'x';
        var h = new string(hex);
        return "(" + h.Substring(0, 4) + "," + h.Substring(4) + ")";
    }
}
