using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>How serious a lint finding is.</summary>
public enum PixelLintSeverity
{
    /// <summary>Worth knowing.</summary>
    Information = 0,
    /// <summary>Probably a mistake.</summary>
    Warning = 1,
    /// <summary>The rule cannot work as written.</summary>
    Error = 2,
}

/// <summary>One finding of <see cref="PixelRuleLinter"/>.</summary>
public sealed class PixelLintFinding
{
    internal PixelLintFinding(string ruleId, PixelLintSeverity severity, string code, string message, string? relatedRuleId = null)
    {
        RuleId = ruleId; Severity = severity; Code = code; Message = message; RelatedRuleId = relatedRuleId;
    }

    /// <summary>For duplicate and shadowed: the rule that makes this one redundant.</summary>
    public string? RelatedRuleId { get; }

    /// <summary>The rule.</summary>
    public string RuleId { get; }
    /// <summary>Severity.</summary>
    public PixelLintSeverity Severity { get; }
    /// <summary>Stable code: invalid-condition, unknown-attribute, unreachable, impossible-modality, duplicate, shadowed, box-outside-image, no-size-condition, no-regions.</summary>
    public string Code { get; }
    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Code + " [" + RuleId + "]: " + Message;
}

/// <summary>
/// Checks a rule library: invalid or unknown attributes and operators, conditions that can never hold together
/// (unreachable rules), Modality values that do not exist, duplicate and shadowed rules (another rule always fires
/// with it and already blanks its boxes), and boxes that leave the image for the rule's own Rows/Columns or the
/// dimensions given.
/// </summary>
public static class PixelRuleLinter
{
    // Modality defined terms (PS3.3 C.7.3.1.1.1, current and retired) that a rule may reasonably test.
    private static readonly HashSet<string> Modalities = new(StringComparer.Ordinal)
    {
        "ANN", "AR", "ASMT", "AU", "BDUS", "BI", "BMD", "CFM", "CR", "CT", "CTPROTOCOL", "DG", "DMS", "DOC", "DX", "ECG", "EEG", "EMG", "EOG",
        "EPS", "ES", "FID", "GM", "HC", "HD", "IO", "IOL", "IVOCT", "IVUS", "KER", "KO", "LEN", "LS", "MG", "MR", "M3D", "NM", "OAM", "OCT",
        "OP", "OPM", "OPT", "OPTBSV", "OPTENF", "OPV", "OSS", "OT", "PA", "PLAN", "POS", "PR", "PT", "PX", "REG", "RESP", "RF", "RG", "RTDOSE",
        "RTIMAGE", "RTINTENT", "RTPLAN", "RTRAD", "RTRECORD", "RTSEGANN", "RTSTRUCT", "RWV", "SEG", "SM", "SMR", "SR", "SRF", "STAIN",
        "TEXTUREMAP", "TG", "US", "VA", "XA", "XAPROTOCOL", "XC", "AS", "CD", "CF", "CP", "CS", "DD", "DF", "DM", "DS", "EC", "FA", "FS", "LP",
        "MA", "MS", "OPR", "ST", "VF",
    };

    /// <summary>Lints <paramref name="rules"/>; with <paramref name="columns"/>/<paramref name="rows"/> also checks boxes against that image size.</summary>
    public static IReadOnlyList<PixelLintFinding> Lint(PixelRuleSet rules, int? columns = null, int? rows = null)
    {
        if (rules is null) throw new ArgumentNullException(nameof(rules));
        var findings = new List<PixelLintFinding>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rules.Rules)
        {
            if (!ids.Add(r.Id)) findings.Add(new(r.Id, PixelLintSeverity.Error, "duplicate-id", "rule id used more than once"));
            var valid = true;
            foreach (var c in r.Conditions)
            {
                var problem = c.Compile();
                if (problem is null) continue;
                valid = false;
                findings.Add(new(r.Id, PixelLintSeverity.Error, problem.StartsWith("unknown attribute", StringComparison.Ordinal) ? "unknown-attribute" : "invalid-condition", problem));
            }
            foreach (var b in r.Regions)
                if (b.Validate() is { } p) { valid = false; findings.Add(new(r.Id, PixelLintSeverity.Error, "invalid-box", p)); }
            if (r.Regions.Count == 0) findings.Add(new(r.Id, PixelLintSeverity.Warning, "no-regions", "the rule has no regions: it blanks nothing"));
            if (!valid) continue;
            Contradictions(r, findings);
            Boxes(r, columns, rows, findings);
        }
        Shadowing(rules, findings);
        return findings;
    }

    internal static string Key(PixelRuleCondition c)
    {
        var v = c.AnyOf is { Count: > 0 } ? string.Join("\u0001", c.AnyOf) : c.Value;
        return (c.Path?.ToString() ?? c.Attribute.ToUpperInvariant()) + "|" + c.Op + "|" + (c.CaseSensitive == true ? v : v?.Trim().ToUpperInvariant());
    }

    private static void Contradictions(PixelRule r, List<PixelLintFinding> findings)
    {
        foreach (var group in r.Conditions.GroupBy(c => c.Path!.ToString()))
        {
            var cs = group.ToList();
            var attr = cs[0].Attribute;
            var vm = PixelKeywords.Vm(cs[0].Path!.Tag);
            var single = vm == "1";
            void Unreachable(string why) => findings.Add(new(r.Id, PixelLintSeverity.Error, "unreachable", attr + ": " + why + " — the rule can never match"));
            if (cs.Any(c => c.Op == "absent") && cs.Any(c => c.Op != "absent" && c.Op != "notEquals" && c.Op != "notContains" && c.Op != "ne"))
                Unreachable("required absent and present");
            var equals = cs.Where(c => c.Op == "equals" && c.AnyOf is not { Count: > 0 }).ToList();
            if (single && equals.Select(c => c.CaseSensitive == true ? c.Value!.Trim() : c.Value!.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Count() > 1)
                Unreachable("equals two different values");
            foreach (var e in single ? equals : new List<PixelRuleCondition>())
            {
                var v = e.Value!.Trim();
                foreach (var o in cs)
                {
                    if (o == e) continue;
                    var probe = new DicomDataset();
                    probe.SetString(o.Path!.Tag, DicomVR.LO, v);
                    if (o.Path.Depth == 0 && o.Op != "exists" && !o.Holds(probe)) Unreachable($"equals '{v}' but also requires {o.Op} '{o.Value}'");
                }
            }
            var nums = cs.Where(c => c.IsNumeric && c.Op != "ne" && c.AnyOf is not { Count: > 0 }).ToList();
            if (single && nums.Count > 0)
            {
                double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
                bool loOpen = false, hiOpen = false;
                foreach (var n in nums)
                {
                    switch (n.Op)
                    {
                        case "eq": if (n.Number > lo || (n.Number == lo && !loOpen)) { lo = n.Number; loOpen = false; } if (n.Number < hi || (n.Number == hi && !hiOpen)) { hi = n.Number; hiOpen = false; } if (n.Number < lo || n.Number > hi) lo = double.PositiveInfinity; break;
                        case "gt": if (n.Number >= lo) { lo = n.Number; loOpen = true; } break;
                        case "ge": if (n.Number > lo) { lo = n.Number; loOpen = false; } break;
                        case "lt": if (n.Number <= hi) { hi = n.Number; hiOpen = true; } break;
                        case "le": if (n.Number < hi) { hi = n.Number; hiOpen = false; } break;
                    }
                }
                var eqs = nums.Where(n => n.Op == "eq").Select(n => n.Number).Distinct().Count();
                if (eqs > 1 || lo > hi || (lo == hi && (loOpen || hiOpen))) Unreachable("numeric conditions exclude every value");
            }
            if (cs[0].Path!.Tag == PixelTags.Modality)
                foreach (var c in cs.Where(c => c.Op == "equals"))
                    foreach (var m in c.AnyOf is { Count: > 0 } ? c.AnyOf : new List<string> { c.Value! })
                        if (!Modalities.Contains(m.Trim().ToUpperInvariant()))
                            findings.Add(new(r.Id, PixelLintSeverity.Error, "impossible-modality", $"Modality '{m}' is not a defined term" + (c.AnyOf is { Count: > 1 } ? " (that alternative can never match)" : " — the rule can never match")));
        }
    }

    private static int? EqualsNumber(PixelRule r, DicomTag tag)
    {
        foreach (var c in r.Conditions)
            if (c.Path is { Depth: 0 } p && p.Tag == tag && (c.Op == "eq" || c.Op == "equals")
                && int.TryParse(c.Value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        return null;
    }

    private static void Boxes(PixelRule r, int? columns, int? rows, List<PixelLintFinding> findings)
    {
        var ruleCols = EqualsNumber(r, PixelTags.Columns);
        var ruleRows = EqualsNumber(r, PixelTags.Rows);
        var pixelBoxes = r.Regions.Any(b => !b.IsFraction && b.Left is not null && b.Width is not null);
        if (pixelBoxes && ruleCols is null && ruleRows is null && columns is null)
            findings.Add(new(r.Id, PixelLintSeverity.Information, "no-size-condition", "pixel boxes without a Rows/Columns condition apply to images of any size"));
        var cols = columns ?? ruleCols;
        var rws = rows ?? ruleRows;
        if (cols is null && rws is null) return;
        foreach (var b in r.Regions)
            foreach (var reg in b.Resolve(cols ?? int.MaxValue / 4, rws ?? int.MaxValue / 4))
            {
                var outX = cols is not null && (reg.X1 > cols || reg.X0 < 0);
                var outY = rws is not null && (reg.Y1 > rws || reg.Y0 < 0);
                if (!outX && !outY) continue;
                var entirely = (cols is not null && reg.X0 >= cols) || (rws is not null && reg.Y0 >= rws);
                findings.Add(new(r.Id, entirely ? PixelLintSeverity.Error : PixelLintSeverity.Warning, "box-outside-image",
                    string.Format(CultureInfo.InvariantCulture, "box {0} {1} a {2}x{3} image{4}", reg, entirely ? "lies outside" : "extends beyond", cols?.ToString(CultureInfo.InvariantCulture) ?? "?", rws?.ToString(CultureInfo.InvariantCulture) ?? "?", entirely ? "" : " (clipped when applied)")));
            }
    }

    // Rule B adds nothing when another rule A fires whenever B does (A's conditions are a subset of B's) and A already
    // blanks every box of B. Identical conditions and boxes are duplicates.
    private static void Shadowing(PixelRuleSet set, List<PixelLintFinding> findings)
    {
        var rules = set.Rules.Where(r => r.Conditions.All(c => c.Path is not null)).ToList();
        var condKeys = rules.Select(r => new HashSet<string>(r.Conditions.Select(Key), StringComparer.Ordinal)).ToList();
        var boxKeys = rules.Select(r => new HashSet<string>(r.Regions.Select(b => b.ToString() + "|" + b.Frames + "|" + b.Target), StringComparer.Ordinal)).ToList();
        for (var b = 0; b < rules.Count; b++)
            for (var a = 0; a < rules.Count; a++)
            {
                if (a == b || rules[b].Regions.Count == 0) continue;
                if (!condKeys[a].IsSubsetOf(condKeys[b]) || !boxKeys[b].IsSubsetOf(boxKeys[a])) continue;
                var same = condKeys[a].SetEquals(condKeys[b]) && boxKeys[a].SetEquals(boxKeys[b]);
                if (same && a > b) continue; // report a duplicate pair once, on the later rule
                findings.Add(new(rules[b].Id, PixelLintSeverity.Warning, same ? "duplicate" : "shadowed",
                    same ? "same conditions and boxes as rule " + rules[a].Id : "rule " + rules[a].Id + " fires whenever this one does and already blanks all its boxes", rules[a].Id));
                break;
            }
    }
}
