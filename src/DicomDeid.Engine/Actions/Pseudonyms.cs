using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DicomDeid.Engine;

/// <summary>
/// A user's lookup table of pseudonyms (original → replacement) for Patient ID, Patient's Name and Accession Number.
/// Values not in the table fall back to the keyed pseudonym.
/// </summary>
public sealed class PseudonymTable
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);

    /// <summary>Number of entries.</summary>
    public int Count => _map.Count;

    /// <summary>Adds or replaces an entry (the original is matched after trimming spaces).</summary>
    public void Add(string original, string replacement)
    {
        if (original is null) throw new ArgumentNullException(nameof(original));
        if (replacement is null) throw new ArgumentNullException(nameof(replacement));
        _map[original.Trim()] = replacement;
    }

    /// <summary>The replacement for <paramref name="original"/>, if the table has one.</summary>
    public bool TryGet(string original, out string replacement)
    {
        if (original is not null && _map.TryGetValue(original.Trim(), out var r)) { replacement = r; return true; }
        replacement = string.Empty;
        return false;
    }

    /// <summary>
    /// Loads a CSV file of two columns <c>original,replacement</c> (UTF-8; an optional header line
    /// <c>original,replacement</c>; fields may be double-quoted with "" for a quote; blank lines skipped).
    /// </summary>
    /// <exception cref="DeidProfileException">A line is malformed (the message names the file and line, not the values).</exception>
    public static PseudonymTable LoadCsv(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var t = new PseudonymTable();
        var lineNo = 0;
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var fields = SplitCsv(line);
            if (fields is null || fields.Count != 2)
                throw new DeidProfileException(path, lineNo, 1, "a pseudonym table line must have exactly two fields: original,replacement.");
            if (lineNo == 1 && string.Equals(fields[0].Trim(), "original", StringComparison.OrdinalIgnoreCase)) continue;
            if (fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
                throw new DeidProfileException(path, lineNo, 1, "empty original or replacement.");
            t.Add(fields[0], fields[1].Trim());
        }
        return t;
    }

    internal static List<string>? SplitCsv(string line)
    {
        var list = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return null;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') return null;
            }
            else
            {
                while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
            }
            list.Add(sb.ToString());
            if (i >= line.Length) return list;
            i++; // comma
        }
    }
}

/// <summary>
/// Receives (attribute, original, pseudonym) for lawful re-identification. The only place original values leave
/// the engine; implementations must be thread-safe (Apply runs in parallel).
/// </summary>
public interface IPseudonymCollector
{
    /// <summary>Records that <paramref name="original"/> of <paramref name="attribute"/> became <paramref name="pseudonym"/>.</summary>
    void Record(string attribute, string original, string pseudonym);
}

/// <summary>A thread-safe crosswalk (original → pseudonym) that writes a CSV file for lawful re-identification.</summary>
public sealed class CrosswalkCollector : IPseudonymCollector
{
    private readonly ConcurrentDictionary<string, (string Attribute, string Original, string Pseudonym)> _rows = new(StringComparer.Ordinal);

    /// <summary>Number of distinct (attribute, original) pairs.</summary>
    public int Count => _rows.Count;

    /// <inheritdoc />
    public void Record(string attribute, string original, string pseudonym) =>
        _rows.TryAdd(attribute + "\u0001" + original, (attribute, original, pseudonym));

    /// <summary>The rows sorted by attribute and original.</summary>
    public IReadOnlyList<(string Attribute, string Original, string Pseudonym)> Rows
    {
        get
        {
            var l = new List<(string Attribute, string Original, string Pseudonym)>(_rows.Values);
            l.Sort((a, b) =>
            {
                var c = string.CompareOrdinal(a.Attribute, b.Attribute);
                return c != 0 ? c : string.CompareOrdinal(a.Original, b.Original);
            });
            return l;
        }
    }

    /// <summary>Writes <c>attribute,original,pseudonym</c> CSV (UTF-8, quoted where needed).</summary>
    public void WriteCsv(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write("attribute,original,pseudonym\n");
        foreach (var r in Rows) w.Write(Quote(r.Attribute) + "," + Quote(r.Original) + "," + Quote(r.Pseudonym) + "\n");
    }

    private static string Quote(string s) =>
        s.IndexOf(',') >= 0 || s.IndexOf('"') >= 0 || s.IndexOf('\n') >= 0 || s.IndexOf('\r') >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
