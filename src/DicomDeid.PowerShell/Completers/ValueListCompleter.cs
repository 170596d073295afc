using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DicomDeid.PowerShell.Completers;

/// <summary>
/// Base for argument completers over a list of names. Derive, return the names from <see cref="GetValues"/> and put
/// <c>[ArgumentCompleter(typeof(YourCompleter))]</c> on the parameter; matching is a case-insensitive prefix
/// (or a wildcard when the word has one), results sorted and quoted when needed.
/// </summary>
public abstract class ValueListCompleter : IArgumentCompleter
{
    /// <summary>The candidate values; <paramref name="fakeBoundParameters"/> holds what is already on the command line.</summary>
    protected abstract IEnumerable<string> GetValues(string commandName, string parameterName, IDictionary fakeBoundParameters);

    /// <summary>Tooltip for one value (the value itself by default).</summary>
    protected virtual string GetToolTip(string value) => value;

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var matches = new List<string>();
        var pattern = WildcardPattern.ContainsWildcardCharacters(word) ? new WildcardPattern(word, WildcardOptions.IgnoreCase) : null;
        foreach (var v in GetValues(commandName, parameterName, fakeBoundParameters))
        {
            if (pattern is not null ? pattern.IsMatch(v) : v.StartsWith(word, StringComparison.OrdinalIgnoreCase)) matches.Add(v);
        }
        matches.Sort(StringComparer.OrdinalIgnoreCase);
        foreach (var m in matches)
            yield return new CompletionResult(Quote(m), m, CompletionResultType.ParameterValue, GetToolTip(m));
    }

    /// <summary>Quotes a completion when it holds characters PowerShell would split or expand.</summary>
    protected static string Quote(string value)
    {
        if (value is null) return string.Empty;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '$' or '`' or '\'' or '"' or '(' or ')' or '{' or '}' or ';' or ',' or '&' or '@' or '#' or '[' or ']' or '|')
                return "'" + value.Replace("'", "''") + "'";
        }
        return value;
    }
}
