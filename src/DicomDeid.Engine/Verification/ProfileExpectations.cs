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
    private readonly List<(DeidProfileRule Rule, uint Tag, uint Mask, string? Keyword, DicomVR? VR, ushort PrivateGroup, byte PrivateOffset, string Action)> _userRules = new();

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

    /// <summary>
    /// Builds the expectations for a profile: its options plus <paramref name="extraOptions"/>, and its own rules
    /// (a rule that keeps, replaces, hashes or shifts makes any value acceptable; remove/empty/dummy/uid are checked).
    /// </summary>
    public ProfileExpectations(CompiledProfile compiled, IEnumerable<DeidProfileRule>? rules)
        : this((compiled ?? throw new ArgumentNullException(nameof(compiled))).Options)
    {
        ProfileName = compiled.Profile.Name;
        foreach (var r in rules ?? Array.Empty<DeidProfileRule>())
        {
            var action = r.Action switch
            {
                "remove" => "X",
                "empty" => "Z",
                "dummy" => "D",
                "uid" => "U",
                _ => "K", // keep, replace, hash, shift: the user chose the value
            };
            uint tag = 0, mask = 0;
            ushort pg = 0;
            byte po = 0;
            if (r.Match.Tag is not null) TagPattern.TryParse(r.Match.Tag, out tag, out mask);
            if (r.Match.Keyword is not null)
            {
                var entry = DicomDictionary.LookupKeyword(r.Match.Keyword);
                if (entry is not null) { tag = entry.Tag.Value; mask = entry.Mask; }
            }
            if (r.Match.PrivateCreator is not null && r.Match.Element is not null) TagPattern.TryParsePrivate(r.Match.Element, out pg, out po);
            DicomVR? vr = r.Match.VR is not null && r.Match.VR.Length == 2 ? DicomVRInfo.Parse(r.Match.VR) : null;
            _userRules.Add((r, tag, mask, r.Match.Keyword, vr, pg, po, action));
        }
    }

    /// <summary>The profile name, when built from a profile.</summary>
    public string ProfileName { get; } = "Basic";

    /// <summary>The action of the first user rule matching <paramref name="e"/> (X, Z, D, U or K), or null.</summary>
    public string? UserAction(DicomElement e, string? privateCreator)
    {
        foreach (var u in _userRules)
        {
            if (u.Rule.Match.PrivateCreator is not null)
            {
                if (privateCreator is not null && e.Tag.IsPrivateData && e.Tag.Group == u.PrivateGroup && (byte)(e.Tag.Element & 0xFF) == u.PrivateOffset
                    && string.Equals(privateCreator.Trim(), u.Rule.Match.PrivateCreator.Trim(), StringComparison.OrdinalIgnoreCase)) return u.Action;
                continue;
            }
            if (u.Mask != 0 && (e.Tag.Value & u.Mask) == u.Tag) return u.Action;
            if (u.Mask == 0 && u.VR is DicomVR vr && e.VR == vr) return u.Action;
        }
        return null;
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
