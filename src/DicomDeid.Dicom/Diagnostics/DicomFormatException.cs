using System;
using System.Globalization;

namespace DicomDeid.Dicom;

/// <summary>
/// Raised when bytes are not valid DICOM. Always names the file, the byte offset and the tag path,
/// so a user can find the problem with a hex viewer.
/// </summary>
public class DicomFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file or source name.</param>
    /// <param name="offset">Byte offset in the file (for deflated data, in the inflated stream) where the problem starts.</param>
    /// <param name="tagPath">Tag path of the element, such as <c>(0008,1115)[0].(0020,000E)</c>, or null at file level.</param>
    /// <param name="problem">What is wrong, in plain words.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public DicomFormatException(string? file, long offset, string? tagPath, string problem, Exception? inner = null)
        : base(Format(file, offset, tagPath, problem), inner)
    {
        FilePath = file;
        Offset = offset;
        TagPath = tagPath;
        Problem = problem;
    }

    /// <summary>Creates the exception with only a message (for serializers and tests).</summary>
    public DicomFormatException(string message) : base(message) => Problem = message;

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public DicomFormatException(string message, Exception inner) : base(message, inner) => Problem = message;

    /// <summary>Creates the exception with the default message.</summary>
    public DicomFormatException() : this("Invalid DICOM data.") { }

    /// <summary>The file or source name.</summary>
    public string? FilePath { get; }

    /// <summary>Byte offset where the problem starts.</summary>
    public long Offset { get; }

    /// <summary>Tag path of the element concerned, or null.</summary>
    public string? TagPath { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }

    private static string Format(string? file, long offset, string? tagPath, string problem) =>
        string.Format(CultureInfo.InvariantCulture, "{0}: at byte {1}{2}: {3}",
            string.IsNullOrEmpty(file) ? "<stream>" : file, offset,
            string.IsNullOrEmpty(tagPath) ? string.Empty : ", tag " + tagPath, problem);
}

/// <summary>Raised when a file is not DICOM at all (no preamble, no plausible dataset start).</summary>
public sealed class DicomNotDicomException : DicomFormatException
{
    /// <summary>Creates the exception.</summary>
    public DicomNotDicomException(string? file, string why) : base(file, 0, null, "not a DICOM file: " + why) { }

    /// <summary>Creates the exception with a message.</summary>
    public DicomNotDicomException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public DicomNotDicomException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with the default message.</summary>
    public DicomNotDicomException() : base("Not a DICOM file.") { }
}
