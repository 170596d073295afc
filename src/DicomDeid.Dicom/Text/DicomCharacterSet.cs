using System;
using System.Text;

namespace DicomDeid.Dicom;

/// <summary>
/// Decodes and encodes text values with a dataset's Specific Character Set (0008,0005), including ISO 2022 code
/// extensions. PLACEHOLDER: only the default repertoire, ISO_IR 100 and ISO_IR 192 until the Text work lands.
/// </summary>
public sealed class DicomCharacterSet
{
    private readonly Encoding _encoding;

    private DicomCharacterSet(string specificCharacterSet, Encoding encoding)
    {
        SpecificCharacterSet = specificCharacterSet;
        _encoding = encoding;
    }

    /// <summary>The default repertoire (ISO IR 6, ASCII).</summary>
    public static DicomCharacterSet Default { get; } = new(string.Empty, Encoding.ASCII);

    /// <summary>The value of (0008,0005) this set was made from (empty for the default repertoire).</summary>
    public string SpecificCharacterSet { get; }

    /// <summary>The character set for a (0008,0005) value (backslash-separated defined terms).</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string? value)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0) return Default;
        if (v == "ISO_IR 192") return new DicomCharacterSet(v, new UTF8Encoding(false));
        return new DicomCharacterSet(v, Encoding.GetEncoding(28591));
    }

    /// <summary>Decodes text bytes of <paramref name="vr"/>.</summary>
    public string Decode(byte[] bytes, DicomVR vr) => _encoding.GetString(bytes ?? throw new ArgumentNullException(nameof(bytes)));

    /// <summary>Encodes text for <paramref name="vr"/> in this character set.</summary>
    public byte[] Encode(string text, DicomVR vr) => _encoding.GetBytes(text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>Decodes bytes in the default repertoire (bytes above 0x7F are kept as Latin-1 so nothing is lost).</summary>
    public static string DecodeAscii(byte[] bytes)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
        return new string(chars);
    }
}
