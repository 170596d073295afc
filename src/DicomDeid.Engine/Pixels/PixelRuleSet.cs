using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>
/// A library of pixel region rules (JSON, schema <c>DicomDeid.PixelRules/1</c>; see about_DicomDeid_PixelRules).
/// Every rule whose conditions all hold applies: the regions of all matching rules are united.
/// </summary>
public sealed class PixelRuleSet
{
    /// <summary>The schema identifier this version reads and writes.</summary>
    public const string SchemaId = "DicomDeid.PixelRules/1";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Schema identifier; must be <see cref="SchemaId"/>.</summary>
    public string Schema { get; set; } = SchemaId;

    /// <summary>Library name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Library version.</summary>
    public string Version { get; set; } = "1";

    /// <summary>Free text: purpose, attribution, licences.</summary>
    public string? Description { get; set; }

    /// <summary>The rules.</summary>
    public List<PixelRule> Rules { get; set; } = new();

    /// <summary>Parses a rule library from JSON text.</summary>
    /// <exception cref="FormatException">The text is not a valid library (names the problem and the rule).</exception>
    public static PixelRuleSet Parse(string json)
    {
        PixelRuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<PixelRuleSet>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException("pixel rule library is not valid JSON: " + ex.Message, ex);
        }
        if (set is null) throw new FormatException("pixel rule library is empty");
        if (!string.Equals(set.Schema, SchemaId, StringComparison.Ordinal)) throw new FormatException($"pixel rule library schema '{set.Schema}' is not '{SchemaId}'");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in set.Rules)
        {
            if (string.IsNullOrWhiteSpace(r.Id)) throw new FormatException("a pixel rule has no id");
            if (!ids.Add(r.Id)) throw new FormatException($"pixel rule id '{r.Id}' is used twice");
            foreach (var c in r.Conditions)
            {
                var problem = c.Compile();
                if (problem is not null) throw new FormatException($"pixel rule '{r.Id}': {problem}");
            }
            foreach (var b in r.Regions)
            {
                var problem = b.Validate();
                if (problem is not null) throw new FormatException($"pixel rule '{r.Id}': {problem}");
            }
        }
        return set;
    }

    /// <summary>Reads a rule library file.</summary>
    public static PixelRuleSet Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Serializes the library to JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static PixelRuleSet? _starter;

    /// <summary>
    /// The starter library shipped with the module: the public region facts of RSNA CTP, the Stanford scrubber and
    /// pydicom/deid restated in this format with attribution (a starting point, not a guarantee).
    /// </summary>
    public static PixelRuleSet Starter
    {
        get
        {
            if (_starter is not null) return _starter;
            using var s = typeof(PixelRuleSet).Assembly.GetManifestResourceStream("DicomDeid.Engine.Pixels.Rules.starter-pixel-rules.json")
                ?? throw new InvalidOperationException("the starter pixel rule library is not embedded in the engine assembly");
            using var reader = new StreamReader(s);
            _starter = Parse(reader.ReadToEnd());
            return _starter;
        }
    }

    /// <summary>The rules whose conditions all hold for <paramref name="dataset"/> (<paramref name="fileMeta"/> answers group 0002 attributes).</summary>
    public IReadOnlyList<PixelRule> Match(DicomDataset dataset, DicomDataset? fileMeta = null)
    {
        if (dataset is null) throw new ArgumentNullException(nameof(dataset));
        var list = new List<PixelRule>();
        foreach (var r in Rules) if (r.Matches(dataset, fileMeta)) list.Add(r);
        return list;
    }

    /// <summary>The concrete regions of every matching rule for this image (union; boxes clipped to the image).</summary>
    public IReadOnlyList<PixelRegion> Resolve(DicomDataset dataset, DicomDataset? fileMeta = null)
    {
        var columns = PixelLayout.Int(dataset, PixelTags.Columns, 0);
        var rows = PixelLayout.Int(dataset, PixelTags.Rows, 0);
        var list = new List<PixelRegion>();
        foreach (var r in Match(dataset, fileMeta))
            foreach (var b in r.Regions)
                foreach (var region in b.Resolve(columns, rows, r.Id))
                {
                    var c = region.ClipTo(columns, rows);
                    if (!c.IsEmpty) list.Add(c);
                }
        return list;
    }
}

/// <summary>One rule: conditions (all must hold) and the regions to blank when they do.</summary>
public sealed class PixelRule
{
    /// <summary>Unique id, e.g. <c>us.ge.logiq-e9.720x1280</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>What the rule is for.</summary>
    public string? Description { get; set; }

    /// <summary>Conditions; all must hold (an empty list always holds).</summary>
    public List<PixelRuleCondition> Conditions { get; set; } = new();

    /// <summary>Regions blanked when the rule matches.</summary>
    public List<PixelRuleBox> Regions { get; set; } = new();

    /// <summary>Where the facts come from (attribution).</summary>
    public List<PixelRuleSource>? Sources { get; set; }

    /// <summary>Corrections made to the source facts.</summary>
    public List<string>? Fixes { get; set; }

    /// <summary>True when every condition holds.</summary>
    public bool Matches(DicomDataset dataset, DicomDataset? fileMeta = null)
    {
        foreach (var c in Conditions) if (!c.Holds(dataset, fileMeta)) return false;
        return true;
    }
}

/// <summary>Where a rule's facts come from.</summary>
public sealed class PixelRuleSource
{
    /// <summary>Source library, e.g. <c>ctp-scripts</c>, <c>stanford-scrubber</c>, <c>deid-dicom</c>.</summary>
    public string Library { get; set; } = string.Empty;
    /// <summary>Rule id in the source list.</summary>
    public string? RuleId { get; set; }
    /// <summary>Line in the source file.</summary>
    public int? Line { get; set; }
    /// <summary>The source's licence.</summary>
    public string? Licence { get; set; }
}

/// <summary>
/// A typed condition on one attribute. String operators compare ordinally, ignoring case unless
/// <see cref="CaseSensitive"/>, after trimming padding spaces; for a multi-valued attribute the condition holds when
/// any value (or, for contains and regex, the whole backslash-joined text) satisfies it. Numeric operators parse the
/// value as a number. Negative operators hold when the positive one does not (also when the attribute is absent).
/// </summary>
public sealed class PixelRuleCondition
{
    private DicomTagPath? _path;
    private Regex? _regex;
    private double _number;

    /// <summary>Keyword, <c>(gggg,eeee)</c>, or a tag path such as <c>ReferencedImageSequence[*].ReferencedSOPClassUID</c>.</summary>
    public string Attribute { get; set; } = string.Empty;

    /// <summary>
    /// equals, notEquals, contains, notContains, startsWith, endsWith, regex, exists, absent (strings);
    /// eq, ne, lt, le, gt, ge (numbers).
    /// </summary>
    public string Op { get; set; } = "equals";

    /// <summary>The value compared against (text; a number for the numeric operators; unused for exists/absent).</summary>
    public string? Value { get; set; }

    /// <summary>Alternatives: the condition holds when the operator holds for any of them (instead of <see cref="Value"/>).</summary>
    public List<string>? AnyOf { get; set; }

    /// <summary>True to compare case-sensitively (default: ignore case).</summary>
    public bool? CaseSensitive { get; set; }

    internal static readonly string[] StringOps = { "equals", "notEquals", "contains", "notContains", "startsWith", "endsWith", "regex", "exists", "absent" };
    internal static readonly string[] NumericOps = { "eq", "ne", "lt", "le", "gt", "ge" };

    internal DicomTagPath? Path => _path;
    internal double Number => _number;
    internal bool IsNumeric => Array.IndexOf(NumericOps, Op) >= 0;
    internal StringComparison Comparison => CaseSensitive == true ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Parses the attribute and value; returns a problem or null.</summary>
    internal string? Compile()
    {
        try
        {
            _path = PixelKeywords.ParsePath(Attribute);
        }
        catch (FormatException)
        {
            return $"unknown attribute '{Attribute}' (not a DICOM keyword, tag or tag path)";
        }
        if (Array.IndexOf(StringOps, Op) < 0 && Array.IndexOf(NumericOps, Op) < 0) return $"unknown operator '{Op}' on {Attribute}";
        if (AnyOf is { Count: > 0 })
        {
            if (Op == "regex") return "anyOf is not allowed with 'regex' (use alternation in the expression)";
            if (IsNumeric)
                foreach (var a in AnyOf)
                    if (!double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return $"'{a}' is not a number ({Attribute} {Op})";
            if (Value is not null) return $"give either value or anyOf on {Attribute}, not both";
        }
        else if (Op != "exists" && Op != "absent" && Value is null) return $"operator '{Op}' on {Attribute} needs a value";
        if (IsNumeric && AnyOf is not { Count: > 0 } && !double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _number)) return $"'{Value}' is not a number ({Attribute} {Op})";
        if (Op == "regex")
        {
            try
            {
                _regex = new Regex(Value!, RegexOptions.CultureInvariant | (CaseSensitive == true ? RegexOptions.None : RegexOptions.IgnoreCase), TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException ex)
            {
                return $"invalid regular expression '{Value}' on {Attribute}: {ex.Message}";
            }
        }
        return null;
    }

    /// <summary>True when the condition holds for the dataset.</summary>
    public bool Holds(DicomDataset dataset, DicomDataset? fileMeta = null)
    {
        if (_path is null && Compile() is { } problem) throw new InvalidOperationException(problem);
        var values = Values(dataset, fileMeta);
        switch (Op)
        {
            case "exists": return values is not null;
            case "absent": return values is null;
            case "notEquals": return values is null || !Any(values, "equals");
            case "notContains": return values is null || !Any(values, "contains");
            case "ne": return values is null || !Any(values, "eq");
            default: return values is not null && Any(values, Op);
        }
    }

    private bool Any(List<string> values, string op)
    {
        foreach (var v in values) if (Test(v, op)) return true;
        if (values.Count > 1 && (op == "contains" || op == "regex")) return Test(string.Join("\\", values), op);
        return false;
    }

    private bool Test(string v, string op)
    {
        if (AnyOf is { Count: > 0 })
        {
            foreach (var alt in AnyOf) if (Test(v, op, alt)) return true;
            return false;
        }
        return Test(v, op, Value ?? string.Empty);
    }

    private bool Test(string v, string op, string want)
    {
        switch (op)
        {
            case "equals": return string.Equals(v, want.Trim(), Comparison);
            case "contains": return v.IndexOf(want, Comparison) >= 0;
            case "startsWith": return v.StartsWith(want, Comparison);
            case "endsWith": return v.EndsWith(want, Comparison);
            case "regex": return _regex!.IsMatch(v);
        }
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return false;
        var n = AnyOf is { Count: > 0 } ? double.Parse(want, NumberStyles.Float, CultureInfo.InvariantCulture) : _number;
        return op switch
        {
            "eq" => d == n,
            "lt" => d < n,
            "le" => d <= n,
            "gt" => d > n,
            "ge" => d >= n,
            _ => false,
        };
    }

    // The values of the attribute (trimmed, split at backslashes), or null when absent.
    private List<string>? Values(DicomDataset dataset, DicomDataset? fileMeta)
    {
        var steps = _path!.Steps;
        var start = steps[0].Tag.Group == 0x0002 && fileMeta is not null ? fileMeta : dataset;
        var found = new List<string>();
        var present = false;
        Collect(start, steps, 0, found, ref present);
        return present ? found : null;
    }

    private static void Collect(DicomDataset ds, IReadOnlyList<DicomTagPathStep> steps, int i, List<string> found, ref bool present)
    {
        var e = ds.Get(steps[i].Tag);
        if (e is null) return;
        if (i == steps.Count - 1)
        {
            present = true;
            if (e is DicomSequence || e is DicomFragmentSequence) return;
            var text = e.VR.IsString() ? e.GetString(ds.CharacterSet) : string.Join("\\", e.GetNumbersAsStrings(64));
            foreach (var part in text.Split('\\')) found.Add(part.Trim(' ', '\0'));
            return;
        }
        if (e is not DicomSequence seq) return;
        var idx = steps[i].ItemIndex ?? -1;
        for (var k = 0; k < seq.Items.Count; k++)
            if (idx < 0 || idx == k) Collect(seq.Items[k], steps, i + 1, found, ref present);
    }

    /// <inheritdoc />
    public override string ToString() => Attribute + " " + Op + (AnyOf is { Count: > 0 } ? " any of '" + string.Join("', '", AnyOf) + "'" : Value is null ? string.Empty : " '" + Value + "'") + (CaseSensitive == true ? " (case-sensitive)" : string.Empty);
}

/// <summary>
/// A rectangle in the rule's coordinate convention: origin top-left, x right, y down, half-open. Horizontally give two
/// of <see cref="Left"/>, <see cref="Right"/> (distance from the right edge), <see cref="Width"/> (or one: Left alone
/// runs to the right edge, Width alone starts at 0); vertically the same with Top, Bottom, Height.
/// <see cref="Units"/> is <c>pixels</c> or <c>fraction</c> (of Columns/Rows; rounded outwards).
/// </summary>
public sealed class PixelRuleBox
{
    /// <summary>Distance of the left edge from the left of the image.</summary>
    public double? Left { get; set; }
    /// <summary>Distance of the top edge from the top of the image.</summary>
    public double? Top { get; set; }
    /// <summary>Distance of the right edge from the right of the image (edge-anchored).</summary>
    public double? Right { get; set; }
    /// <summary>Distance of the bottom edge from the bottom of the image (edge-anchored).</summary>
    public double? Bottom { get; set; }
    /// <summary>Width.</summary>
    public double? Width { get; set; }
    /// <summary>Height.</summary>
    public double? Height { get; set; }
    /// <summary><c>pixels</c> (default) or <c>fraction</c>.</summary>
    public string? Units { get; set; }
    /// <summary>Frame numbers (1-based): e.g. <c>1</c>, <c>1-10,15</c>, <c>2-</c>; null = every frame.</summary>
    public string? Frames { get; set; }
    /// <summary><c>pixelData</c> (default), <c>overlays</c> or <c>iconImage</c>.</summary>
    public string? Target { get; set; }

    internal bool IsFraction => string.Equals(Units, "fraction", StringComparison.OrdinalIgnoreCase);

    internal string? Validate()
    {
        if (Units is not null && !IsFraction && !string.Equals(Units, "pixels", StringComparison.OrdinalIgnoreCase)) return $"units '{Units}' is neither 'pixels' nor 'fraction'";
        if (Left is not null && Right is not null && Width is not null) return "give at most two of left, right, width";
        if (Top is not null && Bottom is not null && Height is not null) return "give at most two of top, bottom, height";
        if (Left is null && Right is null && Width is null) return "a box needs left, right or width";
        if (Top is null && Bottom is null && Height is null) return "a box needs top, bottom or height";
        foreach (var v in new[] { Left, Top, Right, Bottom, Width, Height })
            if (v is < 0) return "box values must not be negative (use right/bottom to anchor to the far edge)";
        if (ParseTarget(Target) is null) return $"target '{Target}' is not pixelData, overlays or iconImage";
        if (Frames is not null && ParseFrames(Frames) is null) return $"frames '{Frames}' is not a list of frame numbers or ranges (e.g. 1-10,15,20-)";
        return null;
    }

    internal static PixelTarget? ParseTarget(string? t) => t is null || string.Equals(t, "pixelData", StringComparison.OrdinalIgnoreCase) ? PixelTarget.PixelData
        : string.Equals(t, "overlays", StringComparison.OrdinalIgnoreCase) ? PixelTarget.Overlays
        : string.Equals(t, "iconImage", StringComparison.OrdinalIgnoreCase) ? PixelTarget.IconImage : null;

    internal static List<(int First, int Last)>? ParseFrames(string text)
    {
        var list = new List<(int, int)>();
        foreach (var raw in text.Split(','))
        {
            var p = raw.Trim();
            var dash = p.IndexOf('-');
            int a, b;
            if (dash < 0)
            {
                if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out a) || a < 1) return null;
                b = a;
            }
            else
            {
                if (!int.TryParse(p.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out a) || a < 1) return null;
                var rest = p.Substring(dash + 1).Trim();
                if (rest.Length == 0) b = int.MaxValue;
                else if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out b) || b < a) return null;
            }
            list.Add((a, b));
        }
        return list;
    }

    /// <summary>The concrete regions for an image of <paramref name="columns"/> × <paramref name="rows"/> (not clipped).</summary>
    public IEnumerable<PixelRegion> Resolve(int columns, int rows, string? ruleId = null)
    {
        var (x0, x1) = Axis(Left, Right, Width, columns);
        var (y0, y1) = Axis(Top, Bottom, Height, rows);
        var target = ParseTarget(Target) ?? PixelTarget.PixelData;
        var frames = Frames is null ? new List<(int, int)> { (1, int.MaxValue) } : ParseFrames(Frames) ?? new List<(int, int)>();
        foreach (var (first, last) in frames)
            yield return new PixelRegion(x0, y0, Math.Max(x0, x1), Math.Max(y0, y1), first, last, target, ruleId);
    }

    private (int, int) Axis(double? near, double? far, double? size, int extent)
    {
        double scale = IsFraction ? extent : 1;
        double a, b;
        if (near is not null && size is not null) { a = near.Value * scale; b = a + (size.Value * scale); }
        else if (far is not null && size is not null) { b = extent - (far.Value * scale); a = b - (size.Value * scale); }
        else if (near is not null && far is not null) { a = near.Value * scale; b = extent - (far.Value * scale); }
        else if (near is not null) { a = near.Value * scale; b = extent; }
        else if (far is not null) { a = 0; b = extent - (far.Value * scale); }
        else { a = 0; b = size!.Value * scale; }
        return ((int)Math.Floor(a + 1e-9), (int)Math.Ceiling(b - 1e-9));
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "left={0} top={1} right={2} bottom={3} width={4} height={5} {6}", Left, Top, Right, Bottom, Width, Height, Units ?? "pixels");
}
