using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DicomDeid.Generator;

/// <summary>A problem with the input tables; the message names the file and line.</summary>
public sealed class GeneratorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GeneratorException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public GeneratorException() { }

    /// <summary>Creates the exception.</summary>
    public GeneratorException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A tab-separated table with one header row and no quoting (a literal <c>"</c> is an ordinary character).
/// Every data row must have exactly as many cells as the header.
/// </summary>
public sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private TsvTable(string fileName, string[] header, List<string[]> rows)
    {
        FileName = fileName;
        for (var i = 0; i < header.Length; i++) _columns[header[i]] = i;
        Rows = rows;
    }

    /// <summary>The file name (for messages).</summary>
    public string FileName { get; }

    /// <summary>Data rows, in file order.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static TsvTable Read(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new GeneratorException($"{path}: table not found");
        var lines = File.ReadAllLines(path, new UTF8Encoding(false, true));
        if (lines.Length == 0) throw new GeneratorException($"{name}: empty file, expected a header row");
        var header = lines[0].Split('\t');
        var rows = new List<string[]>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1) continue;
            var cells = lines[i].Split('\t');
            if (cells.Length != header.Length)
                throw new GeneratorException($"{name}:{i + 1}: {cells.Length} cells, header has {header.Length}");
            rows.Add(cells);
        }
        return new TsvTable(name, header, rows);
    }

    /// <summary>The index of <paramref name="column"/>; fails when the header lacks it.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var i) ? i : throw new GeneratorException($"{FileName}: header has no column '{column}'");
}
