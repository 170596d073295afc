using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;

namespace DicomDeid.Engine;

/// <summary>How dates are treated, from the longitudinal options.</summary>
public enum DeidDateMode
{
    /// <summary>No longitudinal option: dates are removed, emptied or replaced per Table E.1-1.</summary>
    Removed,
    /// <summary>Retain Longitudinal Temporal Information with Full Dates.</summary>
    Full,
    /// <summary>Retain Longitudinal Temporal Information with Modified Dates: a keyed per-patient shift.</summary>
    Modified,
}

public sealed partial class DeidProfile
{
    /// <summary>
    /// Compiles the profile with its own options plus <paramref name="options"/> (canonical names, case-insensitive)
    /// into O(1) decisions.
    /// </summary>
    /// <exception cref="DeidProfileException">An option is unknown, or options conflict (both longitudinal options).</exception>
    public CompiledProfile Compile(IEnumerable<string>? options = null)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in Options)
            set.Add(DeidOptions.Normalize(o) ?? throw new DeidProfileException(Source, 0, 0, $"unknown option '{o}'. Known options: {string.Join(", ", DeidOptions.All)}."));
        if (options is not null)
            foreach (var o in options)
            {
                if (o is null || o.Trim().Length == 0) continue;
                set.Add(DeidOptions.Normalize(o) ?? throw new DeidProfileException("option", 0, 0, $"unknown option '{o}'. Known options: {string.Join(", ", DeidOptions.All)}."));
            }
        CheckOptionConflicts(Source, set);
        var ordered = new List<string>();
        foreach (var o in DeidOptions.All) if (set.Contains(o)) ordered.Add(o);
        return new CompiledProfile(this, ordered.AsReadOnly());
    }
}

public sealed partial class CompiledProfile
{
    // Compound codes never resolve to X: the input carried the attribute and, without IOD tables, we cannot know it is
    // Type 3 there; Z (a sequence: emptied) or D keeps every IOD valid and carries no identity. D is chosen where Z
    // would break a Type 1 attribute: Z/D and X/Z/D give D for the attributes below (Type 1 in common IODs), X/D gives
    // D, X/Z/U* keeps the sequence and remaps the UIDs inside. Documented in docs/about_DicomDeid_Profiles.md.
    internal static readonly HashSet<string> LikelyType1 = new(StringComparer.Ordinal)
    {
        "ContentDate", "ContentTime", "AcquisitionDateTime", "DeviceSerialNumber", "ContentCreatorName",
    };

    private readonly Dictionary<uint, DeidDecision> _exact = new();
    private readonly HashSet<uint> _userExact = new();
    private readonly List<uint> _maskValues = new();
    private readonly List<uint> _maskMasks = new();
    private readonly List<DeidDecision> _maskDecisions = new();
    private int _userMaskCount;
    private readonly Dictionary<(uint GroupOffset, string Creator), DeidDecision> _private = new();
    private readonly DeidDecision[] _vrDefaults = new DeidDecision[64];
    private readonly List<DeidDecision> _effective = new();
    private DeidDecision _privateDefault = null!;
    private DeidDecision _privateCreator = null!;
    private DeidDecision _groupLength = null!;
    private DeidDecision _group0004 = null!;
    private uint[] _maskValueArray = Array.Empty<uint>();
    private uint[] _maskMaskArray = Array.Empty<uint>();
    private DeidDecision[] _maskDecisionArray = Array.Empty<DeidDecision>();

    /// <summary>Creates the compiled profile and fills its rule tables.</summary>
    internal CompiledProfile(DeidProfile profile, IReadOnlyList<string> options)
    {
        Profile = profile;
        Options = options;
        foreach (var o in options)
        {
            switch (o)
            {
                case DeidOptions.RetainSafePrivate: RetainSafePrivate = true; break;
                case DeidOptions.RetainUIDs: RetainUids = true; break;
                case DeidOptions.RetainLongitudinalFullDates: DateMode = DeidDateMode.Full; break;
                case DeidOptions.RetainLongitudinalModifiedDates: DateMode = DeidDateMode.Modified; break;
                case DeidOptions.CleanGraphics: CleanGraphics = true; break;
                case DeidOptions.CleanPixelData:
                case DeidOptions.CleanRecognizableVisualFeatures: PixelCleaningRequested = true; break;
            }
        }
        Build();
    }

    /// <summary>Retain Safe Private is in force.</summary>
    public bool RetainSafePrivate { get; }

    /// <summary>Retain UIDs is in force.</summary>
    public bool RetainUids { get; }

    /// <summary>Clean Graphics is in force.</summary>
    public bool CleanGraphics { get; }

    /// <summary>How dates are treated.</summary>
    public DeidDateMode DateMode { get; }

    /// <summary>True when some rule cleans (action C): the engine then collects the file's identifying values first.</summary>
    public bool MayClean { get; private set; }

    /// <summary>True when CleanPixelData or CleanRecognizableVisualFeatures was requested: the pixel work must run.</summary>
    public bool PixelCleaningRequested { get; }

    /// <summary>Every rule in force (user, table rows as resolved with the options, engine, private, VR defaults).</summary>
    public IReadOnlyList<DeidDecision> EffectiveRules => _effective;

    /// <summary>The edition of PS3.15 Table E.1-1 compiled in.</summary>
    public static string TableEdition => ConfidentialityProfileTable.Edition;

    /// <summary>
    /// The decision for an element: user rules, then Table E.1-1 (options applied), then engine rules, then for private
    /// elements the safe-private list (by creator), then the VR default. O(1) apart from a short list of masks.
    /// </summary>
    /// <param name="tag">The element's tag.</param>
    /// <param name="vr">The element's VR (for UN, pass the dictionary VR when known).</param>
    /// <param name="normalizedCreator">For private data elements, the creator normalized by <see cref="NormalizeCreator"/>.</param>
    public DeidDecision Decide(DicomTag tag, DicomVR vr, string? normalizedCreator = null)
    {
        var t = tag.Value;
        if (tag.Group == 0x0004 && !_userExact.Contains(t)) return _group0004;
        if (_exact.TryGetValue(t, out var d))
        {
            if (_userMaskCount == 0 || _userExact.Contains(t)) return d;
            var um = MatchMask(t, 0, _userMaskCount);
            return um ?? d;
        }
        if (tag.Element == 0x0000) return _groupLength;
        if (tag.IsPrivate)
        {
            var um = MatchMask(t, 0, _userMaskCount);
            if (um is not null) return um;
            if (tag.IsPrivateCreator) return _privateCreator;
            if (normalizedCreator is not null && tag.IsPrivateData &&
                _private.TryGetValue((((uint)tag.Group) << 8 | (uint)(tag.Element & 0xFF), normalizedCreator), out var p)) return p;
            return _privateDefault;
        }
        var m = MatchMask(t, 0, _maskValueArray.Length);
        if (m is not null) return m;
        var i = (int)vr;
        return i < _vrDefaults.Length && _vrDefaults[i] is not null ? _vrDefaults[i] : _vrDefaults[(int)DicomVR.None];
    }

    /// <summary>The decision for private elements of no listed block (Table E.1-1 "(gggg,eeee) where gggg is odd").</summary>
    internal DeidDecision PrivateDefault => _privateDefault;

    /// <summary>True when a user rule (not the table) decides <paramref name="tag"/>.</summary>
    internal bool IsUserDecision(DeidDecision d) => string.Equals(d.Source, "user", StringComparison.Ordinal);

    private DeidDecision? MatchMask(uint t, int from, int to)
    {
        var values = _maskValueArray;
        var masks = _maskMaskArray;
        for (var i = from; i < to; i++)
            if ((t & masks[i]) == values[i]) return _maskDecisionArray[i];
        return null;
    }

    /// <summary>Private creator normalization: outer spaces trimmed, inner runs of white space as one space, upper case (invariant).</summary>
    public static string NormalizeCreator(string creator)
    {
        if (creator is null) throw new ArgumentNullException(nameof(creator));
        var sb = new StringBuilder(creator.Length);
        var space = false;
        foreach (var ch in creator.Trim(' ', '\0', '\t'))
        {
            if (ch == ' ' || ch == '\t' || ch == '\0') { space = true; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }

    private void Build()
    {
        // 1. User rules (document order; a later rule with the same match replaces an earlier one).
        var userMasks = new List<(uint V, uint M, DeidDecision D)>();
        foreach (var r in Profile.Rules) AddUserRule(r, userMasks);
        _userMaskCount = userMasks.Count;
        foreach (var (v, m, d) in userMasks) { _maskValues.Add(v); _maskMasks.Add(m); _maskDecisions.Add(d); }

        // 2. Table E.1-1, every row, options applied.
        foreach (var row in ConfidentialityProfileTable.Rows)
        {
            var d = ResolveRow(row);
            if (row.IsPrivateGroupRule)
            {
                _privateDefault = d;
                _effective.Add(d);
                continue;
            }
            if (row.Mask == 0xFFFFFFFF)
            {
                if (!_exact.ContainsKey(row.Tag)) _exact[row.Tag] = d;
            }
            else
            {
                _maskValues.Add(row.Tag); _maskMasks.Add(row.Mask); _maskDecisions.Add(d);
            }
            _effective.Add(d);
        }
        if (_privateDefault is null) throw new InvalidOperationException("Table E.1-1 has no private-group row.");

        // 3. Engine rules for what the table leaves implicit (documented in about_DicomDeid_Profiles).
        AddEngineMask(0x60000022, 0xFF00FFFF, "(60xx,0022)", "OverlayDescription", CleanGraphics ? DeidAction.Clean : DeidAction.Remove,
            "Overlay Description may carry text; removed, or cleaned under Clean Graphics.");
        AddEngineMask(0x60001500, 0xFF00FFFF, "(60xx,1500)", "OverlayLabel", CleanGraphics ? DeidAction.Clean : DeidAction.Remove,
            "Overlay Label may carry text; removed, or cleaned under Clean Graphics.");
        // Group 0004 belongs to DICOMDIRs (refused whole); in an ordinary file it is removed, before the table's
        // (0004,1511) row, which only concerns directory records.
        _group0004 = Engine(DeidAction.Remove, "engine:group-0004", "(0004,xxxx)", "", "Directory records (group 0004) must not remain in ordinary files.");
        _effective.Add(_group0004);
        _groupLength = Engine(DeidAction.Remove, "engine:group-length", "(gggg,0000)", "", "Group lengths are retired; the writer computes what it needs.");
        _privateCreator = Engine(DeidAction.Keep, "engine:private-creator", "(gggg,00xx)", "",
            "A private creator is kept only while an element of its block is kept.");
        _effective.Add(_groupLength);
        _effective.Add(_privateCreator);

        // 4. Safe private attributes (Table E.3.10-1) under Retain Safe Private; user private rules win.
        if (RetainSafePrivate)
        {
            foreach (var s in SafePrivateAttributeTable.Rows)
            {
                var key = (((uint)s.Group) << 8 | s.ElementOffset, NormalizeCreator(s.PrivateCreator));
                if (_private.ContainsKey(key)) continue;
                var pattern = "(" + s.Group.ToString("X4", CultureInfo.InvariantCulture) + ",xx" + s.ElementOffset.ToString("X2", CultureInfo.InvariantCulture) + ") " + s.PrivateCreator;
                var d = new DeidDecision(DeidAction.Keep, "option:RetainSafePrivate", "option", pattern, string.Empty, "C",
                    comment: "Table E.3.10-1: " + s.Meaning);
                _private[key] = d;
                _effective.Add(d);
            }
        }

        // 5. VR defaults for attributes not in Table E.1-1 (user VR rules replace them).
        BuildVrDefaults();

        foreach (var d in _effective) if (d.Action == DeidAction.Clean) MayClean = true;
        _maskValueArray = _maskValues.ToArray();
        _maskMaskArray = _maskMasks.ToArray();
        _maskDecisionArray = _maskDecisions.ToArray();
    }

    private void AddEngineMask(uint value, uint mask, string pattern, string keyword, DeidAction action, string comment)
    {
        var d = Engine(action, "engine:" + pattern, pattern, keyword, comment);
        _maskValues.Add(value); _maskMasks.Add(mask); _maskDecisions.Add(d);
        _effective.Add(d);
    }

    private static DeidDecision Engine(DeidAction a, string id, string pattern, string keyword, string comment) =>
        new(a, id, "engine", pattern, keyword, comment: comment);

    private void BuildVrDefaults()
    {
        var user = new DeidDecision?[_vrDefaults.Length];
        foreach (var r in Profile.Rules)
        {
            if (r.Match.VR is null) continue;
            var vr = DicomVRInfo.Parse(r.Match.VR);
            user[(int)vr] = UserDecision(r, "vr:" + vr.Code(), string.Empty);
        }
        foreach (DicomVR vr in Enum.GetValues(typeof(DicomVR)))
        {
            var i = (int)vr;
            DeidDecision d;
            if (user[i] is DeidDecision u) d = u;
            else
            {
                var (action, why) = VrDefault(vr);
                d = new DeidDecision(action, "vr-default:" + (vr == DicomVR.None ? "other" : vr.Code()), "vr-default", "vr:" + vr.Code(), string.Empty, comment: why);
            }
            _vrDefaults[i] = d;
            _effective.Add(d);
        }
    }

    private (DeidAction, string) VrDefault(DicomVR vr)
    {
        switch (vr)
        {
            case DicomVR.PN: return (DeidAction.Empty, "A person name not listed in Table E.1-1: emptied.");
            case DicomVR.DA:
            case DicomVR.DT:
                return DateMode switch
                {
                    DeidDateMode.Full => (DeidAction.Keep, "Dates kept (Retain Longitudinal Full Dates)."),
                    DeidDateMode.Modified => (DeidAction.Clean, "Dates shifted by the keyed per-patient offset (Retain Longitudinal Modified Dates)."),
                    _ => (DeidAction.Empty, "A date not listed in Table E.1-1: emptied."),
                };
            case DicomVR.TM:
                return DateMode == DeidDateMode.Removed
                    ? (DeidAction.Empty, "A time not listed in Table E.1-1: emptied.")
                    : (DeidAction.Keep, "Times kept (longitudinal option; times are not shifted).");
            case DicomVR.UI:
                return RetainUids ? (DeidAction.Keep, "UIDs kept (Retain UIDs).") : (DeidAction.Uid, "UIDs remapped with the key; well-known UIDs unchanged.");
            case DicomVR.LT:
            case DicomVR.ST:
            case DicomVR.UT:
                return (DeidAction.Dummy, "Free text not listed in Table E.1-1 may hold anything: replaced by a dummy (cleaned inside structured content under Clean Structured Content).");
            case DicomVR.UN:
                return (DeidAction.Remove, "A value of unknown VR and meaning cannot be checked: removed.");
            case DicomVR.SQ:
                return (DeidAction.Keep, "Sequences not listed in Table E.1-1 are kept and every item processed with the same rules.");
            default:
                return (DeidAction.Keep, "Coded, numeric and short string values not listed in Table E.1-1 are kept (the table lists the identifying ones).");
        }
    }

    private static readonly (string Option, Func<ConfidentialityProfileRow, string> Cell)[] Columns =
    {
        (DeidOptions.RetainSafePrivate, r => r.RetainSafePrivate),
        (DeidOptions.RetainUIDs, r => r.RetainUids),
        (DeidOptions.RetainDeviceIdentity, r => r.RetainDeviceIdentity),
        (DeidOptions.RetainInstitutionIdentity, r => r.RetainInstitutionIdentity),
        (DeidOptions.RetainPatientCharacteristics, r => r.RetainPatientCharacteristics),
        (DeidOptions.RetainLongitudinalFullDates, r => r.RetainLongFullDates),
        (DeidOptions.RetainLongitudinalModifiedDates, r => r.RetainLongModifiedDates),
        (DeidOptions.CleanDescriptors, r => r.CleanDescriptors),
        (DeidOptions.CleanStructuredContent, r => r.CleanStructuredContent),
        (DeidOptions.CleanGraphics, r => r.CleanGraphics),
    };

    private DeidDecision ResolveRow(ConfidentialityProfileRow row)
    {
        var pattern = row.IsPrivateGroupRule ? "(gggg,eeee) odd gggg" : row.TagPattern;
        if (row.IsPrivateGroupRule)
            return new DeidDecision(DeidAction.Remove, "E.1-1:private", "table", pattern, string.Empty, row.Basic,
                comment: RetainSafePrivate ? "Private attributes removed unless listed in Table E.3.10-1 or declared safe in (0008,0300)." : "Private attributes removed.");
        string code = row.Basic;
        string? option = null;
        var best = -1;
        DeidAction action = ResolveCode(row.Basic, row.Keyword);
        foreach (var (opt, cell) in Columns)
        {
            var c = cell(row);
            if (c.Length == 0 || !HasOption(opt)) continue;
            var a = ResolveCode(c, row.Keyword);
            var rank = Rank(a);
            if (rank > best) { best = rank; action = a; code = c; option = opt; }
        }
        return option is null
            ? new DeidDecision(action, "E.1-1:" + row.TagPattern, "table", pattern, row.Keyword, code)
            : new DeidDecision(action, "option:" + option, "option", pattern, row.Keyword, code);
    }

    private bool HasOption(string o)
    {
        foreach (var x in Options) if (string.Equals(x, o, StringComparison.Ordinal)) return true;
        return false;
    }

    // Among several option cells of one row, the most conservative wins (e.g. Retain Device Identity K and
    // Retain Longitudinal Modified Dates C on a calibration date: the date is shifted).
    private static int Rank(DeidAction a) => a switch
    {
        DeidAction.Remove => 5, DeidAction.Empty => 4, DeidAction.Dummy => 3, DeidAction.Clean => 2, DeidAction.Uid => 1, _ => 0,
    };

    /// <summary>Resolves a published cell (incl. compound codes) for an attribute, per the documented Type lists.</summary>
    internal static DeidAction ResolveCode(string code, string keyword)
    {
        var t1 = LikelyType1.Contains(keyword);
        return code switch
        {
            "K" => DeidAction.Keep,
            "X" => DeidAction.Remove,
            "Z" => DeidAction.Empty,
            "D" => DeidAction.Dummy,
            "C" => DeidAction.Clean,
            "U" => DeidAction.Uid,
            "Z/D" => t1 ? DeidAction.Dummy : DeidAction.Empty,
            "X/Z" => DeidAction.Empty,
            "X/D" => DeidAction.Dummy,
            "X/Z/D" => t1 ? DeidAction.Dummy : DeidAction.Empty,
            "X/Z/U*" => DeidAction.Uid,
            _ => throw new InvalidOperationException("Unknown Table E.1-1 action code '" + code + "'."),
        };
    }

    private void AddUserRule(DeidProfileRule r, List<(uint V, uint M, DeidDecision D)> userMasks)
    {
        var m = r.Match;
        if (m.VR is not null) return; // VR rules go into the VR defaults
        if (m.PrivateCreator is not null && m.Element is not null)
        {
            TagPattern.TryParsePrivate(m.Element, out var g, out var off);
            var key = (((uint)g) << 8 | off, NormalizeCreator(m.PrivateCreator));
            var d = UserDecision(r, m.Element + " " + m.PrivateCreator, string.Empty);
            _private[key] = d;
            _effective.Add(d);
            return;
        }
        uint value, mask;
        string keyword = string.Empty;
        if (m.Keyword is not null)
        {
            var e = DicomDictionary.LookupKeyword(m.Keyword) ?? throw new DeidProfileException(Profile.Source, r.Line, 0, $"'{m.Keyword}' is not a DICOM keyword.");
            value = e.Tag.Value; mask = e.Mask; keyword = e.Keyword;
        }
        else if (!TagPattern.TryParse(m.Tag, out value, out mask))
        {
            throw new DeidProfileException(Profile.Source, r.Line, 0, $"'{m.Tag}' is not a tag or mask.");
        }
        var dec = UserDecision(r, TagPattern.Format(value, mask), keyword);
        _effective.Add(dec);
        if (mask == 0xFFFFFFFF)
        {
            _exact[value] = dec;
            _userExact.Add(value);
        }
        else
        {
            userMasks.RemoveAll(x => x.V == value && x.M == mask);
            userMasks.Add((value, mask, dec));
        }
    }

    private static DeidDecision UserDecision(DeidProfileRule r, string pattern, string keyword)
    {
        var a = r.Action switch
        {
            "keep" => DeidAction.Keep,
            "remove" => DeidAction.Remove,
            "empty" => DeidAction.Empty,
            "dummy" => DeidAction.Dummy,
            "replace" => DeidAction.Replace,
            "hash" => DeidAction.Hash,
            "shift" => DeidAction.Shift,
            "uid" => DeidAction.Uid,
            "clean" => DeidAction.Clean,
            _ => DeidAction.AgeCap,
        };
        return new DeidDecision(a, "user:" + r.Id, "user", pattern, keyword, null, r.Hipaa, r.Value, r.Days, r.Comment);
    }
}
