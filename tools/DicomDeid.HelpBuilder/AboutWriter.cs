using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DicomDeid.HelpBuilder;

/// <summary>Writes an about topic as the plain text Get-Help shows: headings in capitals, text indented and wrapped at 80 columns, code verbatim.</summary>
internal static class AboutWriter
{
    private const int Width = 80;

    public static void Write(string path, AboutTopic topic)
    {
        var sb = new StringBuilder();
        sb.Append("TOPIC\n    ").Append(topic.Name).Append("\n\n");
        foreach (var s in topic.Sections)
        {
            if (s.Level <= 2) sb.Append(s.Heading.ToUpperInvariant()).Append('\n');
            else sb.Append("  ").Append(s.Heading).Append('\n');
            foreach (var (code, text) in s.Blocks)
            {
                if (code)
                {
                    foreach (var line in text.Split('\n')) sb.Append(line.Length == 0 ? string.Empty : "        " + line).Append('\n');
                }
                else
                {
                    foreach (var para in SplitListItems(text))
                        Wrap(sb, MarkdownHelpParser.Inline(para.Text), para.Indent);
                }
                sb.Append('\n');
            }
        }
        // Windows PowerShell 5.1 reads help text as ANSI unless it has a BOM.
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(true));
    }

    /// <summary>Lines of a paragraph: list items (and tables) keep their own lines; other lines are joined.</summary>
    private static List<(string Text, int Indent)> SplitListItems(string text)
    {
        var result = new List<(string, int)>();
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var l = raw.Trim();
            var item = l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal) ||
                       l.StartsWith('|') || (l.Length > 2 && char.IsDigit(l[0]) && l.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4);
            if (item || current.Length == 0)
            {
                if (current.Length > 0) result.Add((current.ToString(), 4));
                current.Clear();
                if (l.StartsWith('|')) { result.Add((l, -4)); continue; }
                current.Append(l);
            }
            else
            {
                current.Append(' ').Append(l);
            }
        }
        if (current.Length > 0) result.Add((current.ToString(), 4));
        return result;
    }

    /// <summary>Width of a list marker ("- ", "* ", "12. ") at the start of <paramref name="text"/>, else 0.</summary>
    private static int MarkerWidth(string text)
    {
        if (text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("* ", StringComparison.Ordinal)) return 2;
        var i = 0;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        return i > 0 && i + 1 < text.Length && text[i] == '.' && text[i + 1] == ' ' ? i + 2 : 0;
    }

    /// <summary>Wraps at word boundaries; a negative indent means "verbatim at that indent".</summary>
    private static void Wrap(StringBuilder sb, string text, int indent)
    {
        if (indent < 0) { sb.Append(new string(' ', -indent)).Append(text).Append('\n'); return; }
        var pad = new string(' ', indent);
        // List items hang their continuation lines under the item text.
        var hang = pad + new string(' ', MarkerWidth(text));
        var line = new StringBuilder(pad);
        var lineHasWord = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineHasWord && line.Length + 1 + word.Length > Width)
            {
                sb.Append(line).Append('\n');
                line.Clear().Append(hang);
                lineHasWord = false;
            }
            if (lineHasWord) line.Append(' ');
            line.Append(word);
            lineHasWord = true;
        }
        if (lineHasWord) sb.Append(line).Append('\n');
    }
}
