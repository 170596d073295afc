using System;
using System.Globalization;

namespace DicomDeid.Dicom;

/// <summary>
/// Thrown by <see cref="DicomCharacterSet.Encode"/> when text holds a character that the dataset's Specific Character
/// Set (0008,0005) cannot represent. Nothing is written in that case (no silent '?'). Callers either choose another
/// value, or switch the dataset to a set that can hold it (e.g. <see cref="DicomCharacterSet.Utf8"/>, "ISO_IR 192")
/// and re-encode every text value. Use <see cref="DicomCharacterSet.TryEncode"/> to test without an exception.
/// The message names the code point and its index, never the text itself (it may identify a person).
/// </summary>
public sealed class DicomTextEncodingException : Exception
{
    /// <summary>Creates the exception for the character at <paramref name="index"/> of a value.</summary>
    public DicomTextEncodingException(string specificCharacterSet, int index, int codePoint)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "Character U+{0:X4} at index {1} cannot be encoded in Specific Character Set '{2}'.",
            codePoint,
            index,
            specificCharacterSet))
    {
        SpecificCharacterSet = specificCharacterSet;
        Index = index;
        CodePoint = codePoint;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DicomTextEncodingException(string message)
        : base(message)
    {
        SpecificCharacterSet = string.Empty;
        Index = -1;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DicomTextEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
        SpecificCharacterSet = string.Empty;
        Index = -1;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DicomTextEncodingException()
        : this("Text cannot be encoded in the Specific Character Set.")
    {
    }

    /// <summary>The (0008,0005) value of the character set that could not encode the text.</summary>
    public string SpecificCharacterSet { get; }

    /// <summary>Index (in UTF-16 code units) of the first character that could not be encoded; −1 when unknown.</summary>
    public int Index { get; }

    /// <summary>The Unicode code point that could not be encoded (a lone surrogate is reported as itself).</summary>
    public int CodePoint { get; }
}
