using System;
using System.Collections.Generic;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;

namespace DicomDeid.Engine.Verification;

/// <summary>
/// What Table E.1-1 expects of each attribute under a set of options, read straight from the generated table.
/// Deliberately independent of the engine's compiled profile: the verifier must not share the engine's mistakes.
/// </summary>
public sealed class ProfileExpectations
{
    /// <summary>The option names the verifier understands (the same vocabulary as the engine's -Option).</summary>
    public static readonly IReadOnlyList<string> KnownOptions = new[]
    {
        "RetainSafePrivate", "RetainUIDs", "RetainDeviceIdentity", "RetainInstitutionIdentity", "RetainPatientCharacteristics",
        "RetainLongitudinalFullDates", "RetainLongitudinalModifiedDates", "CleanDescriptors", "CleanStructuredContent",
        "CleanGraphics", "CleanPixelData", "CleanRecognizableVisualFeatures",
    };

    // CID 7050 code per option (113100 is the basic profile itself).
    private static readonly Dictionary<string, string> OptionCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CleanPixelData"] = "113101", ["CleanRecognizableVisualFeatures"] = "113102", ["CleanGraphics"] = "113103",
        ["CleanStructuredContent"] = "113104", ["CleanDescriptors"] = "113105", ["RetainLongitudinalFullDates"] = "113106",
        ["RetainLongitudinalModifiedDates"] = "113107", ["RetainPatientCharacteristics"] = "113108",
        ["RetainDeviceIdentity"] = "113109", ["RetainUIDs"] = "113110", ["RetainSafePrivate"] = "113111",
        ["RetainInstitutionIdentity"] = "113112",
    };

    private readonly Dictionary<uint, (ConfidentialityProfileRow Row, string Action)> _exact = new();
    private readonly List<(ConfidentialityProfileRow Row, string Action)> _masks = new();
    private readonly HashSet<string> _options;

    /// <summary>Builds the expectations for <paramref name="options"/> (case-insensitive names from <see cref="KnownOptions"/>).</summary>
    /// <exception cref="ArgumentException">An option name is unknown.</exception>
    public ProfileExpectations(IEnumerable<string>? options)
    {
        _options = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var o in options ?? Array.Empty<string>())
        {
            var known = Find(o) ?? throw new ArgumentException($"'{o}' is not a de-identification option. Known options: {string.Join(", ", KnownOptions)}.", nameof(options));
            _options.Add(known);
        }
        foreach (var row in ConfidentialityProfileTable.Rows)
        {
            var action = EffectiveAction(row);
            if (row.IsPrivateGroupRule) { PrivateAction = action; continue; }
            if (row.Mask == 0xFFFFFFFF) _exact[row.Tag] = (row, action);
            else _masks.Add((row, action));
        }
    }

    private static string? Find(string name)
    {
        foreach (var k in KnownOptions) if (string.Equals(k, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return k;
        return null;
    }

    /// <summary>True when the option is in force.</summary>
    public bool Has(string option) => _options.Contains(option);

    /// <summary>The options in force (canonical names).</summary>
    public IReadOnlyCollection<string> Options => _options;

    /// <summary>The effective action of the private-attributes row (X, or C with Retain Safe Private).</summary>
    public string PrivateAction { get; private set; } = "X";

    /// <summary>The CID 7050 codes the output must carry: 113100 and one per option applied.</summary>
    public IReadOnlyCollection<string> ExpectedMethodCodes
    {
        get
        {
            var set = new SortedSet<string>(StringComparer.Ordinal) { "113100" };
            foreach (var o in _options) if (OptionCodes.TryGetValue(o, out var c)) set.Add(c);
            return set;
        }
    }

    /// <summary>The effective action for <paramref name="tag"/> and its table row, or null when the table has no row.</summary>
    public (ConfidentialityProfileRow Row, string Action)? Lookup(DicomTag tag)
    {
        if (_exact.TryGetValue(tag.Value, out var hit)) return hit;
        foreach (var m in _masks) if (m.Row.Matches(tag.Value)) return m;
        return null;
    }

    // Option columns override the basic cell; when several options apply, the most retaining one wins (K > C > others).
    private string EffectiveAction(ConfidentialityProfileRow row)
    {
        var action = row.Basic;
        string? chosen = null;
        void Consider(string option, string cell)
        {
            if (cell.Length == 0 || !_options.Contains(option)) return;
            if (chosen is null || Rank(cell) > Rank(chosen)) chosen = cell;
        }
        Consider("RetainSafePrivate", row.RetainSafePrivate);
        Consider("RetainUIDs", row.RetainUids);
        Consider("RetainDeviceIdentity", row.RetainDeviceIdentity);
        Consider("RetainInstitutionIdentity", row.RetainInstitutionIdentity);
        Consider("RetainPatientCharacteristics", row.RetainPatientCharacteristics);
        Consider("RetainLongitudinalFullDates", row.RetainLongFullDates);
        Consider("RetainLongitudinalModifiedDates", row.RetainLongModifiedDates);
        Consider("CleanDescriptors", row.CleanDescriptors);
        Consider("CleanStructuredContent", row.CleanStructuredContent);
        Consider("CleanGraphics", row.CleanGraphics);
        return chosen ?? action;
    }

    private static int Rank(string cell) => cell == "K" ? 2 : cell == "C" ? 1 : 0;
}
