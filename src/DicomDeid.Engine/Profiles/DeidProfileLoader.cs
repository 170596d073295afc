using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using DicomDeid.Dicom;

namespace DicomDeid.Engine;

public sealed partial class DeidProfile
{
    /// <summary>The schema version this engine reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The $id of the published JSON Schema (docs/schemas/deid-profile.schema.json).</summary>
    public const string SchemaId = "https://dicomdeid.invalid/schemas/deid-profile/v1.json";

    /// <summary>schemaVersion of the document.</summary>
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Description from the document.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The base profile name ("Basic" or another built-in); null for Basic itself.</summary>
    public string? Base { get; set; }

    /// <summary>User rules, the base profile's first (later rules with the same match win).</summary>
    public IList<DeidProfileRule> Rules { get; } = new List<DeidProfileRule>();

    /// <summary>The file the profile was read from, or "builtin:Name".</summary>
    public string Source { get; set; } = "builtin:Basic";

    /// <summary>True for a profile embedded in the engine.</summary>
    public bool IsBuiltIn { get; set; }

    /// <summary>Reads and validates a profile file.</summary>
    /// <exception cref="DeidProfileException">The file cannot be read or is not a valid profile (file, line, problem).</exception>
    public static DeidProfile Load(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DeidProfileException(path, 0, 0, "the profile file cannot be read: " + ex.Message, ex);
        }
        return Parse(bytes, path, 0);
    }

    /// <summary>Parses and validates a profile document held in memory; <paramref name="sourceName"/> names it in errors.</summary>
    public static DeidProfile Parse(string json, string sourceName)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), sourceName ?? "profile", 0);
    }

    internal static DeidProfile Parse(byte[] utf8, string file, int depth)
    {
        var root = JsonNode.Parse(utf8, file);
        if (root.Kind != JsonValueKind.Object) throw Err(file, root, "a profile must be a JSON object.");
        var p = new DeidProfile { Source = file };
        string? baseName = null;
        var ownOptions = new List<string>();
        var ownRules = new List<DeidProfileRule>();
        var seenVersion = false;
        var seenName = false;
        for (var i = 0; i < root.Properties!.Count; i++)
        {
            var prop = root.Properties[i];
            var v = prop.Value;
            switch (prop.Key)
            {
                case "$schema": RequireString(file, v, "$schema"); break;
                case "schemaVersion":
                    if (v.Kind != JsonValueKind.Number || !int.TryParse(v.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var sv))
                        throw Err(file, v, "\"schemaVersion\" must be an integer.");
                    if (sv != CurrentSchemaVersion) throw Err(file, v, $"schemaVersion {sv} is not supported (this engine reads {CurrentSchemaVersion}).");
                    p.SchemaVersion = sv;
                    seenVersion = true;
                    break;
                case "name": p.Name = RequireString(file, v, "name"); seenName = true; break;
                case "version": p.Version = RequireString(file, v, "version"); break;
                case "description": p.Description = RequireString(file, v, "description"); break;
                case "base": baseName = RequireString(file, v, "base"); break;
                case "options":
                    if (v.Kind != JsonValueKind.Array) throw Err(file, v, "\"options\" must be an array of option names.");
                    foreach (var o in v.Items!)
                    {
                        var name = RequireString(file, o, "an option");
                        var canon = DeidOptions.Normalize(name) ?? throw Err(file, o, $"unknown option '{name}'. Known options: {string.Join(", ", DeidOptions.All)}.");
                        ownOptions.Add(canon);
                    }
                    break;
                case "rules":
                    if (v.Kind != JsonValueKind.Array) throw Err(file, v, "\"rules\" must be an array.");
                    foreach (var r in v.Items!) ownRules.Add(ParseRule(file, r));
                    break;
                default:
                    throw new DeidProfileException(file, root.PropertyLines![i], 0, $"unknown field '{prop.Key}' (allowed: $schema, schemaVersion, name, version, description, base, options, rules).");
            }
        }
        if (!seenVersion) throw Err(file, root, "\"schemaVersion\" is required.");
        if (!seenName || p.Name.Trim().Length == 0) throw Err(file, root, "\"name\" is required.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in ownRules)
            if (!ids.Add(r.Id)) throw new DeidProfileException(file, r.Line, 0, $"rule id '{r.Id}' is used twice.");

        if (baseName is not null && !string.Equals(baseName, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (depth > 8) throw Err(file, root, "base profiles nest too deeply.");
            var b = DeidProfiles.GetBuiltIn(baseName, depth + 1)
                ?? throw Err(file, root.Get("base")!, $"unknown base profile '{baseName}' (built-in profiles: {string.Join(", ", DeidProfiles.BuiltInNames)}).");
            foreach (var o in b.Options) if (!p.Options.Contains(o)) p.Options.Add(o);
            foreach (var r in b.Rules) p.Rules.Add(r);
        }
        p.Base = baseName ?? (string.Equals(p.Name, "Basic", StringComparison.Ordinal) ? null : "Basic");
        foreach (var o in ownOptions) if (!p.Options.Contains(o)) p.Options.Add(o);
        foreach (var r in ownRules) { r.Origin = p.Name; p.Rules.Add(r); }
        CheckOptionConflicts(file, p.Options);
        using (var sha = SHA256.Create()) p.Sha256 = DeidKey.ToHex(sha.ComputeHash(JsonNode.Canonical(root)), 32);
        return p;
    }

    internal static void CheckOptionConflicts(string file, IEnumerable<string> options)
    {
        bool full = false, modified = false;
        foreach (var o in options)
        {
            if (o == DeidOptions.RetainLongitudinalFullDates) full = true;
            if (o == DeidOptions.RetainLongitudinalModifiedDates) modified = true;
        }
        if (full && modified)
            throw new DeidProfileException(file, 0, 0, "RetainLongitudinalFullDates and RetainLongitudinalModifiedDates are mutually exclusive (PS3.15 E.3.6); choose one.");
    }

    private static DeidProfileRule ParseRule(string file, JsonNode n)
    {
        if (n.Kind != JsonValueKind.Object) throw Err(file, n, "a rule must be an object.");
        var r = new DeidProfileRule { Line = n.Line };
        JsonNode? matchNode = null, actionNode = null, idNode = null;
        for (var i = 0; i < n.Properties!.Count; i++)
        {
            var prop = n.Properties[i];
            var v = prop.Value;
            switch (prop.Key)
            {
                case "id": idNode = v; r.Id = RequireString(file, v, "id"); break;
                case "match": matchNode = v; break;
                case "action": actionNode = v; r.Action = RequireString(file, v, "action"); break;
                case "value": r.Value = RequireString(file, v, "value"); break;
                case "days":
                    if (v.Kind != JsonValueKind.Number || !int.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) || d < -36500 || d > 36500)
                        throw Err(file, v, "\"days\" must be an integer between -36500 and 36500.");
                    r.Days = d;
                    break;
                case "hipaa":
                    if (v.Kind != JsonValueKind.Number || !int.TryParse(v.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h < 1 || h > 18)
                        throw Err(file, v, "\"hipaa\" must be a Safe Harbor identifier category 1-18.");
                    r.Hipaa = h;
                    break;
                case "comment": r.Comment = RequireString(file, v, "comment"); break;
                default:
                    throw new DeidProfileException(file, n.PropertyLines![i], 0, $"unknown field '{prop.Key}' in a rule (allowed: id, match, action, value, days, hipaa, comment).");
            }
        }
        if (idNode is null || r.Id.Trim().Length == 0) throw Err(file, n, "a rule needs a non-empty \"id\".");
        if (matchNode is null) throw Err(file, n, $"rule '{r.Id}' needs a \"match\".");
        if (actionNode is null) throw Err(file, n, $"rule '{r.Id}' needs an \"action\".");
        if (!DeidProfileRule.IsAction(r.Action))
            throw Err(file, actionNode, $"unknown action '{r.Action}' in rule '{r.Id}' (allowed: {string.Join(", ", DeidProfileRule.Actions)}).");
        if (r.Action == "replace" && r.Value is null) throw Err(file, actionNode, $"rule '{r.Id}': action 'replace' needs a \"value\".");
        if (r.Action != "replace" && r.Value is not null) throw Err(file, n.Get("value")!, $"rule '{r.Id}': \"value\" is only allowed with action 'replace'.");
        if (r.Action != "shift" && r.Days is not null) throw Err(file, n.Get("days")!, $"rule '{r.Id}': \"days\" is only allowed with action 'shift'.");
        r.Match = ParseMatch(file, matchNode, r.Id);
        return r;
    }

    private static DeidRuleMatch ParseMatch(string file, JsonNode n, string id)
    {
        if (n.Kind != JsonValueKind.Object) throw Err(file, n, $"rule '{id}': \"match\" must be an object.");
        var m = new DeidRuleMatch();
        for (var i = 0; i < n.Properties!.Count; i++)
        {
            var prop = n.Properties[i];
            var v = prop.Value;
            switch (prop.Key)
            {
                case "keyword":
                    m.Keyword = RequireString(file, v, "keyword");
                    if (DicomDictionary.LookupKeyword(m.Keyword) is null) throw Err(file, v, $"rule '{id}': '{m.Keyword}' is not a DICOM keyword.");
                    break;
                case "tag":
                case "mask":
                    m.Tag = RequireString(file, v, prop.Key);
                    if (!TagPattern.TryParse(m.Tag, out _, out _)) throw Err(file, v, $"rule '{id}': '{m.Tag}' is not a tag (gggg,eeee) or a mask such as (60xx,3000).");
                    break;
                case "privateCreator":
                    m.PrivateCreator = RequireString(file, v, "privateCreator");
                    if (m.PrivateCreator.Trim().Length == 0) throw Err(file, v, $"rule '{id}': the private creator is empty.");
                    break;
                case "element":
                    m.Element = RequireString(file, v, "element");
                    if (!TagPattern.TryParsePrivate(m.Element, out _, out _)) throw Err(file, v, $"rule '{id}': '{m.Element}' is not a private element (gggg,xxee) with an odd group.");
                    break;
                case "vr":
                    m.VR = RequireString(file, v, "vr");
                    if (m.VR.Length != 2 || !DicomVRInfo.TryParse((byte)m.VR[0], (byte)m.VR[1], out _)) throw Err(file, v, $"rule '{id}': '{m.VR}' is not a VR.");
                    break;
                default:
                    throw new DeidProfileException(file, n.PropertyLines![i], 0, $"rule '{id}': unknown match field '{prop.Key}' (allowed: keyword, tag, mask, privateCreator + element, vr).");
            }
        }
        var kinds = (m.Keyword is null ? 0 : 1) + (m.Tag is null ? 0 : 1) + (m.PrivateCreator is null && m.Element is null ? 0 : 1) + (m.VR is null ? 0 : 1);
        if (kinds != 1) throw Err(file, n, $"rule '{id}': \"match\" needs exactly one of keyword, tag/mask, privateCreator + element, vr.");
        if ((m.PrivateCreator is null) != (m.Element is null)) throw Err(file, n, $"rule '{id}': privateCreator and element go together.");
        return m;
    }

    private static string RequireString(string file, JsonNode v, string what)
    {
        if (v.Kind != JsonValueKind.String) throw Err(file, v, $"{what} must be a string, not {v.KindName}.");
        return v.Text ?? string.Empty;
    }

    private static DeidProfileException Err(string file, JsonNode at, string problem) => new(file, at.Line, at.Column, problem);
}

/// <summary>Tag patterns "(gggg,eeee)" with optional lower/upper-case x nibbles.</summary>
internal static class TagPattern
{
    /// <summary>Parses into (value, mask): mask has F nibbles where the pattern has a digit.</summary>
    public static bool TryParse(string? text, out uint value, out uint mask)
    {
        value = 0; mask = 0;
        if (text is null) return false;
        var s = text.Trim();
        if (s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal)) s = s.Substring(1, s.Length - 2);
        s = s.Replace(",", string.Empty).Replace(" ", string.Empty);
        if (s.Length != 8) return false;
        foreach (var c in s)
        {
            value <<= 4; mask <<= 4;
            if (c == 'x' || c == 'X') continue;
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return false;
            value |= (uint)d;
            mask |= 0xF;
        }
        return true;
    }

    /// <summary>Parses "(gggg,xxee)" with an odd group into the group and element offset.</summary>
    public static bool TryParsePrivate(string? text, out ushort group, out byte offset)
    {
        group = 0; offset = 0;
        if (!TryParse(text, out var v, out var m)) return false;
        if ((m & 0xFFFF00FF) != 0xFFFF00FF || (m & 0x0000FF00) != 0) return false;
        group = (ushort)(v >> 16);
        if ((group & 1) == 0 || group <= 8) return false;
        offset = (byte)(v & 0xFF);
        return true;
    }

    public static string Format(uint value, uint mask)
    {
        var c = new char[8];
        for (var i = 0; i < 8; i++)
        {
            var shift = (7 - i) * 4;
            c[i] = ((mask >> shift) & 0xF) == 0 ? 'x' : "0123456789ABCDEF"[(int)((value >> shift) & 0xF)];
        }
        return "(" + new string(c, 0, 4) + "," + new string(c, 4, 4) + ")";
    }
}
