// Converts the public burned-in text region facts (regions.tsv: CTP, Stanford scrubber, pydicom/deid) into the
// DicomDeid pixel rule format: OR expanded into separate rules, known copying errors fixed, identical conditions
// merged (boxes united, sources kept), ultrasound first.
// Usage: dotnet run --project tools/DicomDeid.PixelRules -- <regions.tsv> <output.json>
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DicomDeid.Engine.Pixels;

var input = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "pixel-rules", "regions.tsv");
var output = args.Length > 1 ? args[1] : Path.Combine("src", "DicomDeid.Engine", "Pixels", "Rules", "starter-pixel-rules.json");
var lines = File.ReadAllLines(input);
var header = lines[0].Split('\t');
int Col(string name) => Array.IndexOf(header, name);
var licences = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["ctp-scripts"] = "RSNA CTP scripts/DicomPixelAnonymizer.script (RSNA Public License per its Java sources)",
    ["ctp-example"] = "RSNA CTP example DicomPixelAnonymizer.script (RSNA Public License per its Java sources)",
    ["stanford-scrubber"] = "susom/mirc-ctp stanford-scrubber.script (Apache-2.0)",
    ["deid-dicom"] = "pydicom/deid deid/data/deid.dicom (MIT)",
    ["deid-ultrasound"] = "pydicom/deid deid.dicom.ultrasound (MIT)",
};

var rows = lines.Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= header.Length).ToList();
var fixesApplied = new List<string>();
var skipped = 0;
var groups = new Dictionary<string, Candidate>(StringComparer.Ordinal);
var order = new List<string>();
foreach (var ruleRows in rows.GroupBy(f => f[Col("rule_id")]))
{
    var first = ruleRows.First();
    var source = first[Col("source")];
    var flags = string.Join(";", ruleRows.Select(f => f[Col("flags")]));
    if (!licences.ContainsKey(source) || ruleRows.All(f => f[Col("x")].Length == 0))
    {
        skipped++;
        continue; // whitelists, filters, content-dependent code: no rectangles to restate
    }
    var fixes = new List<string>();
    var conds = source.StartsWith("deid", StringComparison.Ordinal)
        ? DeidParser.Parse(first[Col("conditions")], fixes)
        : new CtpParser(first[Col("conditions")], fixes).Parse();
    var boxes = new List<PixelRuleBox>();
    foreach (var f in ruleRows)
    {
        if (f[Col("x")].Length == 0 || !int.TryParse(f[Col("x")], NumberStyles.Integer, CultureInfo.InvariantCulture, out _) || !int.TryParse(f[Col("w")], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) continue;
        int x = Int(f[Col("x")]), y = Int(f[Col("y")]), w = Int(f[Col("w")]), h = Int(f[Col("h")]);
        var fl = f[Col("flags")];
        if (fl.Contains("maybe-x0y0x1y1", StringComparison.Ordinal) && w > x && h > y)
        {
            fixes.Add($"box ({x},{y},{w},{h}) read as x0,y0,x1,y1 (the source wrote corners as x,y,w,h)");
            w -= x; h -= y;
        }
        if (fl.Contains("oversize-sentinel", StringComparison.Ordinal) || w >= 10000)
        {
            fixes.Add("width 10000 (the source's 'full width') restated as right=0");
            boxes.Add(new PixelRuleBox { Left = x, Right = 0, Top = y, Height = h });
            continue;
        }
        if (source == "deid-dicom" && w == 640 && h == 30 && f[Col("model")].Contains("LOGIQ9", StringComparison.OrdinalIgnoreCase))
        {
            fixes.Add("LOGIQ9 banner 640x30 corrected to CTP's 640x40 (transcription error in deid)");
            h = 40;
        }
        boxes.Add(new PixelRuleBox { Left = x, Top = y, Width = w, Height = h });
    }
    var shared = fixes;
    foreach (var conj in conds)
    {
        fixes = new List<string>(shared);
        FixConjunction(conj, fixes);
        // Clip boxes to the rule's own image size (the sources relied on clipping).
        var rws = conj.FirstOrDefault(c => c.Attribute == "Rows" && c.Op == "eq")?.Value;
        var cls = conj.FirstOrDefault(c => c.Attribute == "Columns" && c.Op == "eq")?.Value;
        var myBoxes = new List<PixelRuleBox>();
        foreach (var b in boxes)
        {
            var nb = new PixelRuleBox { Left = b.Left, Top = b.Top, Width = b.Width, Height = b.Height, Right = b.Right };
            if (cls is not null && nb.Left is not null && nb.Width is not null && nb.Left + nb.Width > Int(cls)) { nb.Width = Math.Max(0, Int(cls) - nb.Left.Value); fixes.Add("box clipped to Columns " + cls); }
            if (rws is not null && nb.Top is not null && nb.Height is not null && nb.Top + nb.Height > Int(rws)) { nb.Height = Math.Max(0, Int(rws) - nb.Top.Value); fixes.Add("box clipped to Rows " + rws); }
            if (nb.Width == 0 || nb.Height == 0) continue;
            myBoxes.Add(nb);
        }
        var key = string.Join("&", conj.Select(c => c.Attribute + "|" + c.Op + "|" + (c.CaseSensitive == true ? c.Value ?? string.Join("|", c.AnyOf ?? new List<string>()) : (c.Value ?? string.Join("|", c.AnyOf ?? new List<string>())).ToUpperInvariant())).OrderBy(s => s, StringComparer.Ordinal));
        if (!groups.TryGetValue(key, out var cand))
        {
            cand = new Candidate { Conditions = conj, Modality = first[Col("modality_eff")].TrimEnd('*'), Vendor = first[Col("vendor")].TrimEnd('*'), Label = first[Col("label")] };
            groups[key] = cand;
            order.Add(key);
        }
        foreach (var b in myBoxes)
            if (!cand.Boxes.Any(o => o.ToString() == b.ToString())) cand.Boxes.Add(b);
        cand.Sources.Add(new PixelRuleSource { Library = source, RuleId = first[Col("rule_id")], Line = int.TryParse(first[Col("line")], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ln) ? ln : null, Licence = licences[source] });
        foreach (var fx in fixes.Distinct()) if (!cand.Fixes.Contains(fx)) cand.Fixes.Add(fx);
        if (flags.Contains("unreachable-shadowed-by", StringComparison.Ordinal) && !cand.Fixes.Contains("shadowed under the source's first-match order; applies here because every matching rule applies"))
            cand.Fixes.Add("shadowed under the source's first-match order; applies here because every matching rule applies");
    }
}

// Ultrasound first, then by modality, vendor.
var set = new PixelRuleSet
{
    Name = "DicomDeid starter pixel rules",
    Version = DateTime.UtcNow.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
    Description = "Burned-in text regions restated from public rule libraries: RSNA CTP DicomPixelAnonymizer.script (and its example), "
        + "the Stanford scrubber (susom/mirc-ctp, Apache-2.0) and pydicom/deid deid.dicom (MIT), via ../shared/pixel-rules/regions.tsv. "
        + "Alternatives (OR) are separate rules; rules with identical conditions are merged with their boxes united; known copying errors are fixed "
        + "and listed per rule under 'fixes'. A starting point, not a guarantee: check a sample of your own images with Export-DicomImage. "
        + "Generated by tools/DicomDeid.PixelRules; do not edit by hand.",
};
var used = new HashSet<string>(StringComparer.Ordinal);
foreach (var key in order.OrderBy(k => groups[k].Modality == "US" ? 0 : 1).ThenBy(k => groups[k].Modality, StringComparer.Ordinal).ThenBy(k => groups[k].Vendor, StringComparer.Ordinal))
{
    var c = groups[key];
    if (c.Boxes.Count == 0) continue;
    var model = c.Conditions.FirstOrDefault(x => x.Attribute == "ManufacturerModelName") is { } mc ? mc.Value ?? mc.AnyOf?[0] : null;
    var size = c.Conditions.FirstOrDefault(x => x.Attribute == "Rows" && x.Op == "eq")?.Value + "x" + c.Conditions.FirstOrDefault(x => x.Attribute == "Columns" && x.Op == "eq")?.Value;
    var id = Slug((c.Modality.Length == 0 ? "any" : c.Modality) + "." + (c.Vendor.Length == 0 ? "any" : c.Vendor) + (model is null ? "" : "." + model) + (size == "x" ? "" : "." + size.Trim('x')));
    var unique = id;
    for (var n = 2; !used.Add(unique); n++) unique = id + "." + n.ToString(CultureInfo.InvariantCulture);
    set.Rules.Add(new PixelRule { Id = unique, Description = c.Label, Conditions = c.Conditions, Regions = c.Boxes, Sources = c.Sources, Fixes = c.Fixes.Count == 0 ? null : c.Fixes });
}
// Deduplicate: a rule another rule makes redundant (same or weaker conditions, already blanking its boxes) is dropped
// and its sources credited to the rule that covers it.
for (var pass = 0; pass < 5; pass++)
{
    var redundant = PixelRuleLinter.Lint(PixelRuleSet.Parse(set.ToJson())).Where(f => f.Code is "duplicate" or "shadowed").ToList();
    if (redundant.Count == 0) break;
    var removed = new HashSet<string>(StringComparer.Ordinal);
    foreach (var f in redundant)
    {
        if (removed.Contains(f.RelatedRuleId!) || removed.Contains(f.RuleId)) continue;
        var gone = set.Rules.First(r => r.Id == f.RuleId);
        var keeper = set.Rules.First(r => r.Id == f.RelatedRuleId);
        keeper.Sources!.AddRange(gone.Sources!);
        (keeper.Fixes ??= new List<string>()).Add("merged " + gone.Id + " (" + f.Code + ": its conditions imply this rule's and its boxes are blanked here)");
        removed.Add(gone.Id);
    }
    set.Rules.RemoveAll(r => removed.Contains(r.Id));
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, set.ToJson().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", new UTF8Encoding(false));
var reparsed = PixelRuleSet.Load(output);
var lint = PixelRuleLinter.Lint(reparsed);
Console.WriteLine($"{rows.Count} source rows, {skipped} source rules without rectangles skipped, {reparsed.Rules.Count} rules written to {output}");
foreach (var g in lint.GroupBy(f => f.Severity + " " + f.Code)) Console.WriteLine($"lint {g.Key}: {g.Count()}");
foreach (var f in lint.Where(f => f.Severity == PixelLintSeverity.Error)) Console.WriteLine("  " + f);
return 0;

static int Int(string s) => int.Parse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

static string Slug(string s)
{
    var sb = new StringBuilder();
    foreach (var ch in s.ToLowerInvariant())
        sb.Append(char.IsLetterOrDigit(ch) || ch == '.' ? ch : '-');
    var r = sb.ToString();
    while (r.Contains("--", StringComparison.Ordinal)) r = r.Replace("--", "-", StringComparison.Ordinal);
    return r.Trim('-');
}

static void FixConjunction(List<PixelRuleCondition> conj, List<string> fixes)
{
    foreach (var c in conj)
    {
        switch (c.Attribute)
        {
            case "Manufacture":
            case "Manfacturer":
                fixes.Add($"attribute '{c.Attribute}' (misspelt; never matched) corrected to Manufacturer");
                c.Attribute = "Manufacturer";
                break;
            case "SoftwareVersion":
                fixes.Add("attribute 'SoftwareVersion' (not a keyword; never matched) corrected to SoftwareVersions");
                c.Attribute = "SoftwareVersions";
                break;
            case "OverlayDescription":
                fixes.Add("OverlayDescription (a repeating-group keyword deid cannot resolve) restated as (6000,0022)");
                c.Attribute = "(6000,0022)";
                break;
            case "[1018,1018]":
                c.Attribute = "(0018,1018)";
                fixes.Add("tag [1018,1018] (typo) corrected to (0018,1018) SecondaryCaptureDeviceManufacturerModelName");
                break;
        }
        if (c.Attribute.StartsWith("[", StringComparison.Ordinal)) c.Attribute = "(" + c.Attribute.Substring(1, c.Attribute.Length - 2) + ")";
        if (c.Attribute == "(0008,0070)") c.Attribute = "Manufacturer";
        if (c.Attribute == "(0008,1090)") c.Attribute = "ManufacturerModelName";
        if (c.Attribute == "(0008,0060)") c.Attribute = "Modality";
        if (c.Attribute == "(0008,0008)") c.Attribute = "ImageType";
        if (c.Attribute == "(0028,0010)") c.Attribute = "Rows";
        if (c.Attribute == "(0028,0011)") c.Attribute = "Columns";
        if (c.Attribute == "(0018,1020)") c.Attribute = "SoftwareVersions";
        if ((c.Attribute == "Rows" || c.Attribute == "Columns") && c.Op != "eq")
        {
            if (c.Op == "contains") fixes.Add($"{c.Attribute} compared with contains (text) restated as a numeric eq");
            c.Op = "eq";
            c.CaseSensitive = null;
        }
        if (c.Attribute == "Modality" && c.Value is not null)
        {
            var fixedModality = c.Value.Trim().ToUpperInvariant() switch { "MRI" => "DX", "OTHER" => "OT", "PET/CT" => "PT", var v => v };
            if (!string.Equals(fixedModality, c.Value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                fixes.Add($"impossible Modality '{c.Value}' corrected to {fixedModality}");
                c.Value = fixedModality;
            }
            if (c.Op == "contains") { c.Op = "equals"; }
        }
        if (c.Attribute == "ManufacturerModelName" && c.Value == "CXD1") { c.Value = "CXDI"; fixes.Add("model 'CXD1' (digit one) corrected to CXDI"); }
        if (c.Attribute == "Rows" && c.Value == "786" && conj.Any(o => o.Value?.Contains("iU22", StringComparison.OrdinalIgnoreCase) == true))
        {
            c.Value = "768";
            fixes.Add("iU22 Rows 786 (typo) corrected to 768");
        }
        if (c.Attribute == "Manufacturer" && string.Equals(c.Value, "EPIQ", StringComparison.OrdinalIgnoreCase))
        {
            c.Attribute = "ManufacturerModelName";
            fixes.Add("EPIQ is a model, not a Manufacturer: condition moved to ManufacturerModelName");
        }
    }
}

static class Merge
{
    /// <summary>Alternatives that are each one condition on the same attribute and operator become one anyOf condition.</summary>
    public static List<List<PixelRuleCondition>> Alternatives(List<List<PixelRuleCondition>> alts)
    {
        if (alts.Count < 2 || alts.Any(a => a.Count != 1)) return alts;
        var f = alts[0][0];
        if (f.Op is "regex" or "exists" or "absent" || alts.Any(a => a[0].Attribute != f.Attribute || a[0].Op != f.Op || a[0].CaseSensitive != f.CaseSensitive)) return alts;
        var values = alts.SelectMany(a => a[0].AnyOf ?? new List<string> { a[0].Value! }).Distinct(StringComparer.Ordinal).ToList();
        return new List<List<PixelRuleCondition>> { new() { new PixelRuleCondition { Attribute = f.Attribute, Op = f.Op, AnyOf = values, CaseSensitive = f.CaseSensitive } } };
    }
}

sealed class Candidate
{
    public List<PixelRuleCondition> Conditions = new();
    public List<PixelRuleBox> Boxes = new();
    public List<PixelRuleSource> Sources = new();
    public List<string> Fixes = new();
    public string Modality = string.Empty;
    public string Vendor = string.Empty;
    public string Label = string.Empty;
}

/// <summary>CTP signature syntax: a.method("v") joined by * (and), + (or), ! (not), parentheses; returns DNF.</summary>
sealed class CtpParser
{
    private readonly string _s;
    private readonly List<string> _fixes;
    private int _p;

    public CtpParser(string s, List<string> fixes) { _s = s; _fixes = fixes; }

    public List<List<PixelRuleCondition>> Parse()
    {
        var r = Expr();
        return r;
    }

    private void Ws() { while (_p < _s.Length && char.IsWhiteSpace(_s[_p])) _p++; }

    private List<List<PixelRuleCondition>> Expr()
    {
        var result = Term();
        Ws();
        while (_p < _s.Length && _s[_p] == '+')
        {
            _p++;
            result.AddRange(Term());
            Ws();
        }
        return Merge.Alternatives(result);
    }

    private List<List<PixelRuleCondition>> Term()
    {
        var result = Factor();
        Ws();
        while (_p < _s.Length && _s[_p] == '*')
        {
            _p++;
            var right = Factor();
            result = result.SelectMany(a => right.Select(b => a.Concat(b).Select(Clone).ToList())).ToList();
            Ws();
        }
        return result;
    }

    private static PixelRuleCondition Clone(PixelRuleCondition c) => new() { Attribute = c.Attribute, Op = c.Op, Value = c.Value, AnyOf = c.AnyOf is null ? null : new List<string>(c.AnyOf), CaseSensitive = c.CaseSensitive };

    private List<List<PixelRuleCondition>> Factor()
    {
        Ws();
        if (_s[_p] == '(')
        {
            _p++;
            var e = Expr();
            Ws();
            _p++; // ')'
            return e;
        }
        var negate = false;
        if (_s[_p] == '!') { negate = true; _p++; }
        var start = _p;
        if (_s[_p] == '[') { while (_s[_p] != ']') _p++; _p++; }
        else while (char.IsLetterOrDigit(_s[_p])) _p++;
        var attr = _s.Substring(start, _p - start);
        _p++; // '.'
        start = _p;
        while (char.IsLetter(_s[_p])) _p++;
        var method = _s.Substring(start, _p - start);
        _p++; // '('
        Ws();
        _p++; // '"'
        start = _p;
        while (_s[_p] != '"') _p++;
        var value = _s.Substring(start, _p - start);
        _p++;
        Ws();
        _p++; // ')'
        var ignore = method.EndsWith("IgnoreCase", StringComparison.Ordinal);
        var op = method.Replace("IgnoreCase", "", StringComparison.Ordinal) switch { "equals" => "equals", "contains" => "contains", "startsWith" => "startsWith", "endsWith" => "endsWith", "matches" => "regex", var m => throw new FormatException("unknown CTP method " + m) };
        if (negate) op = op == "equals" ? "notEquals" : op == "contains" ? "notContains" : throw new FormatException("cannot negate " + op);
        var c = new PixelRuleCondition { Attribute = attr, Op = op, Value = value, CaseSensitive = ignore ? null : true };
        if (attr is "Rows" or "Columns" or "[0028,0010]" or "[0028,0011]") { c.Op = "eq"; c.CaseSensitive = null; }
        return new List<List<PixelRuleCondition>> { new() { c } };
    }
}

/// <summary>deid filter syntax: lines 'op Attr value' joined by '; +' (and) and '||' (or); contains is a case-insensitive regex search.</summary>
static class DeidParser
{
    public static List<List<PixelRuleCondition>> Parse(string text, List<string> fixes)
    {
        var result = new List<List<PixelRuleCondition>> { new() };
        foreach (var rawLine in text.Split(';'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("+", StringComparison.Ordinal)) line = line.Substring(1).Trim();
            if (line.StartsWith("||", StringComparison.Ordinal)) line = line.Substring(2).Trim();
            if (line.Length == 0) continue;
            var alternatives = new List<List<PixelRuleCondition>>();
            foreach (var part in line.Split("||", StringSplitOptions.TrimEntries))
                alternatives.AddRange(One(part, fixes));
            alternatives = Merge.Alternatives(alternatives);
            result = result.SelectMany(a => alternatives.Select(b => a.Concat(b).ToList())).ToList();
        }
        return result;
    }

    private static List<List<PixelRuleCondition>> One(string part, List<string> fixes)
    {
        var words = part.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var op = words[0];
        var attr = words[1];
        var value = words.Length > 2 ? words[2].Trim() : null;
        var list = new List<List<PixelRuleCondition>>();
        switch (op)
        {
            case "contains" when value is not null && attr == "ImageType" && value.Contains('+', StringComparison.Ordinal):
                fixes.Add($"ImageType regex '{value}' (cannot match its own text) restated as every value required");
                list.Add(value.Split('+').Select(v => new PixelRuleCondition { Attribute = attr, Op = "contains", Value = v.Trim() }).ToList());
                break;
            case "contains" when value is not null && value.Contains('|', StringComparison.Ordinal):
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "contains", AnyOf = value.Split('|').Select(a => a.Trim()).ToList() } });
                break;
            case "contains":
                if (value!.EndsWith("+", StringComparison.Ordinal)) fixes.Add($"'{value}' was a regular expression by accident ('+'); compared literally");
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "contains", Value = value } });
                break;
            case "equals" when value is not null && value.Contains('|', StringComparison.Ordinal):
                fixes.Add($"equals '{value}' (a literal compare that never matched) restated as alternatives");
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = attr is "Rows" or "Columns" ? "eq" : "equals", AnyOf = value.Split('|').Select(a => a.Trim()).ToList() } });
                break;
            case "equals":
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "equals", Value = value } });
                break;
            case "notequals":
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "notEquals", Value = value } });
                break;
            case "missing":
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "absent" } });
                break;
            case "present":
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "exists" } });
                break;
            case "empty":
                list.Add(new() { new PixelRuleCondition { Attribute = attr, Op = "equals", Value = "" } });
                break;
            default:
                throw new FormatException("unknown deid operator " + op);
        }
        return list;
    }
}
