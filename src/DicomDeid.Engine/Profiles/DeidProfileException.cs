using System;
using System.Globalization;

namespace DicomDeid.Engine;

/// <summary>
/// A profile (or option set, or pseudonym table) cannot be used. Names the file, the line and column (1-based; 0 when
/// the problem is not tied to a place) and the problem. Never carries values from DICOM files.
/// </summary>
public sealed class DeidProfileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeidProfileException(string file, int line, int column, string problem, Exception? inner = null)
        : base(Format(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or profile name) with the problem.</summary>
    public string File { get; }

    /// <summary>1-based line, 0 when not tied to a line.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The problem, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string problem)
    {
        if (line <= 0) return file + ": " + problem;
        var where = column > 0
            ? string.Format(CultureInfo.InvariantCulture, "line {0}, column {1}", line, column)
            : string.Format(CultureInfo.InvariantCulture, "line {0}", line);
        return file + ", " + where + ": " + problem;
    }
}
