using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DicomDeid.HelpBuilder;

/// <summary>
/// Parses platyPS-style cmdlet pages (docs/TEMPLATE.md describes the format) and about_ topics. Strict: an unknown
/// section, a missing synopsis/description/example, an example without code, a parameter without a description or
/// without its yaml block, or an unknown yaml key is a diagnostic naming file and line.
/// </summary>
internal sealed partial class MarkdownHelpParser
{
    private static readonly string[] KnownSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };
    private static readonly string[] RequiredSections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS" };

    private readonly string _file;
    private readonly string[] _lines;
    private readonly List<Diagnostic> _diagnostics;

    public MarkdownHelpParser(string file, string text, List<Diagnostic> diagnostics)
    {
        _file = file;
        _lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        _diagnostics = diagnostics;
    }

    private void Error(int index, string message) => _diagnostics.Add(new Diagnostic(_file, index + 1, message));

    /// <summary>Parses a cmdlet page; null when the page is too broken to use.</summary>
    public CommandHelp? ParseCommand(string expectedName)
    {
        var help = new CommandHelp { File = _file };
        var i = ParseFrontMatter(help);
        // Title.
        while (i < _lines.Length && _lines[i].Trim().Length == 0) i++;
        if (i >= _lines.Length || !_lines[i].StartsWith("# ", StringComparison.Ordinal))
        {
            Error(Math.Min(i, _lines.Length - 1), "expected '# <Cmdlet-Name>' as the first heading");
            return null;
        }
        help.Name = _lines[i].Substring(2).Trim();
        if (!help.Name.Equals(expectedName, StringComparison.OrdinalIgnoreCase))
            Error(i, $"the title '{help.Name}' does not match the file name '{expectedName}'");
        var titleLine = i;
        i++;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (i < _lines.Length)
        {
            var line = _lines[i];
            if (IsFenceStart(line)) { i = SkipFence(i); continue; }
            if (!line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (line.Trim().Length > 0) Error(i, "text outside a '## SECTION'");
                i++;
                continue;
            }
            var section = line.Substring(3).Trim();
            var start = i + 1;
            var end = NextHeading(start, 2);
            if (Array.IndexOf(KnownSections, section) < 0)
                Error(i, $"unknown section '## {section}' (known: {string.Join(", ", KnownSections)})");
            else if (!seen.Add(section))
                Error(i, $"section '## {section}' appears twice");
            else
            {
                switch (section)
                {
                    case "SYNOPSIS": help.Synopsis.AddRange(Paragraphs(start, end)); if (help.Synopsis.Count == 0) Error(i, "SYNOPSIS is empty"); break;
                    case "DESCRIPTION": help.Description.AddRange(Paragraphs(start, end)); if (help.Description.Count == 0) Error(i, "DESCRIPTION is empty"); break;
                    case "SYNTAX": break; // generated from the parameter metadata
                    case "EXAMPLES": ParseExamples(help, i, start, end); break;
                    case "PARAMETERS": ParseParameters(help, start, end); break;
                    case "INPUTS": ParseTypes(help.Inputs, i, start, end, "INPUTS"); break;
                    case "OUTPUTS": ParseTypes(help.Outputs, i, start, end, "OUTPUTS"); break;
                    case "NOTES": help.Notes.AddRange(Paragraphs(start, end)); break;
                    case "RELATED LINKS": ParseLinks(help, start, end); break;
                }
            }
            i = end;
        }
        foreach (var r in RequiredSections)
            if (!seen.Contains(r)) Error(titleLine, $"missing section '## {r}'");
        return help;
    }

    private int ParseFrontMatter(CommandHelp help)
    {
        if (_lines.Length == 0 || _lines[0].Trim() != "---") return 0;
        for (var i = 1; i < _lines.Length; i++)
        {
            var l = _lines[i].Trim();
            if (l == "---") return i + 1;
            if (l.Length == 0) continue;
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) { Error(i, $"front matter line '{l}' is not 'key: value'"); continue; }
            var key = l.Substring(0, colon).Trim();
            var value = l.Substring(colon + 1).Trim();
            if (key.Equals("online version", StringComparison.OrdinalIgnoreCase) && value.Length > 0) help.OnlineVersion = value;
        }
        Error(0, "front matter opened with '---' is never closed");
        return _lines.Length;
    }

    private void ParseExamples(CommandHelp help, int sectionLine, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            if (IsFenceStart(_lines[i])) { Error(i, "code before the first '### Example N: title'"); i = SkipFence(i); continue; }
            if (!_lines[i].StartsWith("### ", StringComparison.Ordinal))
            {
                if (_lines[i].Trim().Length > 0) Error(i, "text before the first '### Example N: title'");
                i++;
                continue;
            }
            var ex = new ExampleHelp { Title = _lines[i].Substring(4).Trim() };
            var headLine = i;
            if (!ExampleTitle().IsMatch(ex.Title)) Error(i, $"example title '{ex.Title}' should read 'Example N: what it shows'");
            var exEnd = NextHeading(i + 1, 3, end);
            var j = i + 1;
            var code = new StringBuilder();
            var remarkStart = -1;
            while (j < exEnd)
            {
                if (IsFenceStart(_lines[j]) && code.Length == 0 && remarkStart < 0)
                {
                    var close = SkipFence(j);
                    for (var k = j + 1; k < close - 1; k++) code.Append(_lines[k]).Append('\n');
                    j = close;
                    remarkStart = j;
                    continue;
                }
                if (_lines[j].Trim().Length > 0 && remarkStart < 0) { Error(j, "an example starts with its ```powershell code block, then the explanation"); remarkStart = j; }
                j++;
            }
            ex.Code = code.ToString().TrimEnd('\n');
            if (ex.Code.Trim().Length == 0) Error(headLine, $"example '{ex.Title}' has no code");
            if (remarkStart >= 0) ex.Remarks.AddRange(Paragraphs(remarkStart, exEnd));
            help.Examples.Add(ex);
            i = exEnd;
        }
        if (help.Examples.Count == 0) Error(sectionLine, "EXAMPLES has no '### Example N: title'");
    }

    private void ParseParameters(CommandHelp help, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            if (!_lines[i].StartsWith("### ", StringComparison.Ordinal))
            {
                if (IsFenceStart(_lines[i])) { Error(i, "yaml block outside a '### -Parameter'"); i = SkipFence(i); continue; }
                if (_lines[i].Trim().Length > 0) Error(i, "text outside a '### -Parameter'");
                i++;
                continue;
            }
            var head = _lines[i].Substring(4).Trim();
            var pEnd = NextHeading(i + 1, 3, end);
            if (head.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)) { i = pEnd; continue; }
            if (!head.StartsWith('-') || head.Length < 2 || head.Contains(' ', StringComparison.Ordinal))
            {
                Error(i, $"parameter heading '### {head}' must be '### -Name'");
                i = pEnd;
                continue;
            }
            var p = new ParameterHelp { Name = head.Substring(1), Line = i + 1 };
            if (help.Parameters.Exists(x => x.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase))) Error(i, $"parameter -{p.Name} is documented twice");
            var j = i + 1;
            var textStart = j;
            while (j < pEnd)
            {
                if (IsFenceStart(_lines[j]))
                {
                    var lang = _lines[j].Trim().Substring(3).Trim();
                    var close = SkipFence(j);
                    if (lang.Equals("yaml", StringComparison.OrdinalIgnoreCase))
                    {
                        if (p.Metadata.Count == 0) p.Description.AddRange(Paragraphs(textStart, j));
                        p.Metadata.Add(ParseYaml(j + 1, close - 1, p.Name));
                    }
                    j = close;
                    continue;
                }
                if (p.Metadata.Count > 0 && _lines[j].Trim().Length > 0) Error(j, $"text after the yaml block of -{p.Name}; put the description above it");
                j++;
            }
            if (p.Metadata.Count == 0) { Error(i, $"parameter -{p.Name} has no ```yaml metadata block"); p.Description.AddRange(Paragraphs(textStart, pEnd)); }
            if (p.Description.Count == 0) Error(i, $"parameter -{p.Name} has no description");
            help.Parameters.Add(p);
            i = pEnd;
        }
    }

    private ParameterMetadata ParseYaml(int start, int end, string parameter)
    {
        var m = new ParameterMetadata();
        var hasType = false;
        for (var i = start; i < end; i++)
        {
            var l = _lines[i].Trim();
            if (l.Length == 0) continue;
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) { Error(i, $"yaml line '{l}' is not 'Key: value'"); continue; }
            var key = l.Substring(0, colon).Trim();
            var value = l.Substring(colon + 1).Trim();
            switch (key)
            {
                case "Type": m.Type = value; hasType = value.Length > 0; break;
                case "Parameter Sets": m.ParameterSets.AddRange(SplitList(value)); break;
                case "Aliases": m.Aliases.AddRange(SplitList(value)); break;
                case "Accepted values": m.AcceptedValues.AddRange(SplitList(value)); break;
                case "Required": m.Required = ParseBool(i, key, value); break;
                case "Position":
                    if (!value.Equals("Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                        Error(i, $"Position of -{parameter} must be a number or Named, not '{value}'");
                    m.Position = value.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "Named" : value;
                    break;
                case "Default value": m.DefaultValue = value.Length == 0 ? "None" : value; break;
                case "Accept pipeline input":
                    if (!PipelineInput().IsMatch(value)) Error(i, $"Accept pipeline input of -{parameter} must be False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName), not '{value}'");
                    m.PipelineInput = value;
                    break;
                case "Accept wildcard characters": m.Wildcards = ParseBool(i, key, value); break;
                case "Applicable": case "Dynamic": break;
                default: Error(i, $"unknown yaml key '{key}' for -{parameter}"); break;
            }
        }
        if (!hasType) Error(Math.Max(start - 1, 0), $"the yaml block of -{parameter} has no Type");
        return m;
    }

    private bool ParseBool(int line, string key, string value)
    {
        if (value.Equals("True", StringComparison.OrdinalIgnoreCase)) return true;
        if (value.Equals("False", StringComparison.OrdinalIgnoreCase)) return false;
        Error(line, $"{key} must be True or False, not '{value}'");
        return false;
    }

    private static List<string> SplitList(string value)
    {
        var r = new List<string>();
        if (value.Equals("None", StringComparison.OrdinalIgnoreCase)) return r;
        foreach (var s in value.Split(',')) if (s.Trim().Length > 0) r.Add(s.Trim());
        return r;
    }

    private void ParseTypes(List<TypeHelp> list, int sectionLine, int start, int end, string section)
    {
        var i = start;
        while (i < end)
        {
            if (!_lines[i].StartsWith("### ", StringComparison.Ordinal))
            {
                if (_lines[i].Trim().Length > 0) Error(i, $"{section}: text before the first '### TypeName'");
                i++;
                continue;
            }
            var t = new TypeHelp { TypeName = _lines[i].Substring(4).Trim() };
            var tEnd = NextHeading(i + 1, 3, end);
            t.Description.AddRange(Paragraphs(i + 1, tEnd));
            if (t.Description.Count == 0) Error(i, $"{section}: type '{t.TypeName}' has no description");
            list.Add(t);
            i = tEnd;
        }
        if (list.Count == 0) Error(sectionLine, $"{section} lists no '### TypeName' (write '### None' with a sentence when there is none)");
    }

    private void ParseLinks(CommandHelp help, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var l = _lines[i].Trim();
            if (l.Length == 0) continue;
            if (l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal)) l = l.Substring(2).Trim();
            var m = Link().Match(l);
            if (m.Success) help.Links.Add((m.Groups[1].Value, m.Groups[2].Value));
            else Error(i, $"RELATED LINKS: '{l}' is not a [text](uri) link");
        }
    }

    /// <summary>Parses an about_ topic: '# about_Name' then '## HEADING' sections of text and fenced code.</summary>
    public AboutTopic? ParseAbout(string expectedName)
    {
        var topic = new AboutTopic();
        var i = 0;
        if (_lines.Length > 0 && _lines[0].Trim() == "---")
        {
            i = 1;
            while (i < _lines.Length && _lines[i].Trim() != "---") i++;
            if (i >= _lines.Length) { Error(0, "front matter opened with '---' is never closed"); return null; }
            i++;
        }
        while (i < _lines.Length && _lines[i].Trim().Length == 0) i++;
        if (i >= _lines.Length || !_lines[i].StartsWith("# ", StringComparison.Ordinal)) { Error(Math.Min(i, _lines.Length - 1), "expected '# about_Name' as the first heading"); return null; }
        topic.Name = _lines[i].Substring(2).Trim();
        if (!topic.Name.Equals(expectedName, StringComparison.OrdinalIgnoreCase)) Error(i, $"the title '{topic.Name}' does not match the file name '{expectedName}'");
        var titleLine = i;
        i++;
        AboutSection? current = null;
        var para = new List<string>();
        void FlushPara()
        {
            if (para.Count == 0) return;
            current!.Blocks.Add((false, string.Join("\n", para)));
            para.Clear();
        }
        while (i < _lines.Length)
        {
            var line = _lines[i];
            var h = Heading().Match(line);
            if (h.Success && h.Groups[1].Value.Length >= 2)
            {
                if (current is not null) FlushPara();
                current = new AboutSection { Level = h.Groups[1].Value.Length, Heading = h.Groups[2].Value.Trim() };
                topic.Sections.Add(current);
                i++;
                continue;
            }
            if (current is null)
            {
                if (line.Trim().Length > 0) Error(i, "text before the first '## SECTION'");
                i++;
                continue;
            }
            if (IsFenceStart(line))
            {
                FlushPara();
                var close = SkipFence(i);
                var code = new List<string>();
                for (var k = i + 1; k < close - 1; k++) code.Add(_lines[k]);
                current.Blocks.Add((true, string.Join("\n", code)));
                i = close;
                continue;
            }
            if (line.Trim().Length == 0) FlushPara(); else para.Add(line.TrimEnd());
            i++;
        }
        if (current is not null) FlushPara();
        if (!topic.Sections.Exists(s => s.Heading.Equals("SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase) && s.Blocks.Count > 0))
            Error(titleLine, "missing or empty '## SHORT DESCRIPTION'");
        if (!topic.Sections.Exists(s => s.Heading.Equals("LONG DESCRIPTION", StringComparison.OrdinalIgnoreCase)))
            Error(titleLine, "missing '## LONG DESCRIPTION'");
        return topic;
    }

    /// <summary>
    /// Paragraphs of lines [start, end): blank lines separate paragraphs, list items and code lines stay one per
    /// paragraph, other lines of a paragraph are joined with spaces. Markdown emphasis and link syntax are simplified.
    /// </summary>
    private List<string> Paragraphs(int start, int end)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0) result.Add(current.ToString());
            current.Clear();
        }
        for (var i = start; i < end; i++)
        {
            var raw = _lines[i];
            if (IsFenceStart(raw))
            {
                Flush();
                var close = Math.Min(SkipFence(i), end);
                for (var k = i + 1; k < close - 1; k++) result.Add("    " + _lines[k]);
                i = close - 1;
                continue;
            }
            var l = raw.Trim();
            if (l.Length == 0) { Flush(); continue; }
            if (ListItem().IsMatch(l)) { Flush(); current.Append(Inline(l)); continue; }
            if (current.Length > 0) current.Append(' ');
            current.Append(Inline(l));
        }
        Flush();
        return result;
    }

    internal static string Inline(string text)
    {
        text = Link().Replace(text, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        return text.Replace("**", string.Empty, StringComparison.Ordinal);
    }

    private static bool IsFenceStart(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

    /// <summary>Index of the line after the closing fence of the block opened at <paramref name="open"/>.</summary>
    private int SkipFence(int open)
    {
        for (var i = open + 1; i < _lines.Length; i++)
            if (_lines[i].Trim() == "```") return i + 1;
        Error(open, "code block is never closed with ```");
        return _lines.Length;
    }

    /// <summary>The next heading of level &lt;= <paramref name="level"/> at or after <paramref name="start"/>, outside code blocks.</summary>
    private int NextHeading(int start, int level, int limit = -1)
    {
        if (limit < 0) limit = _lines.Length;
        var i = start;
        while (i < limit)
        {
            if (IsFenceStart(_lines[i])) { i = SkipFence(i); continue; }
            var h = Heading().Match(_lines[i]);
            if (h.Success && h.Groups[1].Value.Length <= level) return i;
            i++;
        }
        return Math.Min(i, limit);
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^([-*+]|\d+\.)\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^Example \d+: \S")]
    private static partial Regex ExampleTitle();

    [GeneratedRegex(@"^(False|True \((ByValue|ByPropertyName|ByValue, ByPropertyName)\))$")]
    private static partial Regex PipelineInput();
}
