using System.Collections;
using System.Collections.Generic;
using DicomDeid.Engine;

namespace DicomDeid.PowerShell.Completers;

/// <summary>Completes -Profile with the built-in profile names (a path to a profile file completes as a path would).</summary>
public sealed class DeidProfileNameCompleter : ValueListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> GetValues(string commandName, string parameterName, IDictionary fakeBoundParameters) => DeidProfiles.BuiltInNames;

    /// <inheritdoc />
    protected override string GetToolTip(string value) => "Built-in profile " + value;
}

/// <summary>Completes -Option with the PS3.15 option names, leaving out those already on the command line.</summary>
public sealed class DeidOptionNameCompleter : ValueListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> GetValues(string commandName, string parameterName, IDictionary fakeBoundParameters)
    {
        var given = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        if (fakeBoundParameters is not null && fakeBoundParameters.Contains(parameterName))
        {
            switch (fakeBoundParameters[parameterName])
            {
                case string s: given.Add(s); break;
                case IEnumerable e: foreach (var o in e) if (o is not null) given.Add(o.ToString() ?? string.Empty); break;
            }
        }
        foreach (var o in DeidOptions.All)
            if (!given.Contains(o)) yield return o;
    }

    /// <inheritdoc />
    protected override string GetToolTip(string value) => "PS3.15 option " + value;
}
