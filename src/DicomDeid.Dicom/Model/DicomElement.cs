using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DicomDeid.Dicom;

/// <summary>One data element: tag, VR and value. Sequences and encapsulated pixel data are subclasses.</summary>
public class DicomElement
{
    /// <summary>Creates an element with the given value.</summary>
    public DicomElement(DicomTag tag, DicomVR vr, DicomValue value)
    {
        Tag = tag;
        VR = vr;
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The VR (as read, or as resolved from the dictionary for implicit VR).</summary>
    public DicomVR VR { get; }

    /// <summary>The value bytes (little endian in memory).</summary>
    public DicomValue Value { get; }

    /// <summary>Value length in bytes (for sequences and fragments, the encoded length as read, or -1 for undefined).</summary>
    public virtual long Length => Value.Length;

    /// <summary>Byte offset of the element's tag in the source (−1 when the element was created in memory).</summary>
    public long SourceOffset { get; set; } = -1;

    /// <summary>
    /// For an element stored as UN whose VR was resolved from the dictionary: UN. Lets a writer keep
    /// the original encoding when asked to. Null otherwise.
    /// </summary>
    public DicomVR? OriginalVR { get; set; }

    /// <summary>Creates a text element, encoding with <paramref name="characterSet"/> (default repertoire when null) and padding to even length.</summary>
    public static DicomElement FromString(DicomTag tag, DicomVR vr, string value, DicomCharacterSet? characterSet = null)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        byte[] bytes = vr.UsesSpecificCharacterSet() && characterSet is not null
            ? characterSet.Encode(value, vr)
            : Encoding.ASCII.GetBytes(value);
        return new DicomElement(tag, vr, new DicomValue(PadEven(bytes, vr.PaddingByte())));
    }

    /// <summary>Creates an US element.</summary>
    public static DicomElement FromUInt16(DicomTag tag, params ushort[] values)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        var b = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) { b[2 * i] = (byte)values[i]; b[(2 * i) + 1] = (byte)(values[i] >> 8); }
        return new DicomElement(tag, DicomVR.US, new DicomValue(b));
    }

    /// <summary>Creates an UL element.</summary>
    public static DicomElement FromUInt32(DicomTag tag, params uint[] values)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BitConverterLE.Write(b.AsSpan(4 * i), values[i]);
        return new DicomElement(tag, DicomVR.UL, new DicomValue(b));
    }

    /// <summary>Appends the padding byte when <paramref name="bytes"/> has odd length.</summary>
    public static byte[] PadEven(byte[] bytes, byte pad)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        if ((bytes.Length & 1) == 0) return bytes;
        var r = new byte[bytes.Length + 1];
        Buffer.BlockCopy(bytes, 0, r, 0, bytes.Length);
        r[bytes.Length] = pad;
        return r;
    }

    /// <summary>
    /// The value as text, decoded with <paramref name="characterSet"/> for text VRs (default repertoire when null),
    /// with trailing padding removed; for binary VRs the numbers joined by backslash. Deferred values are loaded.
    /// </summary>
    public string GetString(DicomCharacterSet? characterSet = null)
    {
        if (VR.IsString())
        {
            var bytes = Value.GetBytes();
            var text = VR.UsesSpecificCharacterSet() && characterSet is not null
                ? characterSet.Decode(bytes, VR)
                : DicomCharacterSet.DecodeAscii(bytes);
            return TrimPadding(text, VR);
        }
        return string.Join("\\", GetNumbersAsStrings());
    }

    /// <summary>The values of a multi-valued text element split at backslashes (text VRs that allow multiplicity).</summary>
    public string[] GetStrings(DicomCharacterSet? characterSet = null)
    {
        var s = GetString(characterSet);
        if (s.Length == 0) return Array.Empty<string>();
        if (VR.IsSingleValuedText()) return new[] { s };
        var parts = s.Split('\\');
        if (VR != DicomVR.PN && VR != DicomVR.LO && VR != DicomVR.SH && VR != DicomVR.UC)
            for (var i = 0; i < parts.Length; i++) parts[i] = parts[i].Trim(' ', '\0');
        return parts;
    }

    /// <summary>Binary values formatted with the invariant culture (US/SS/UL/SL/FL/FD/SV/UV/AT and the O* VRs).</summary>
    public IReadOnlyList<string> GetNumbersAsStrings(int max = int.MaxValue)
    {
        var b = Value.GetBytes();
        var list = new List<string>();
        var unit = VR == DicomVR.AT ? 4 : VR.UnitSize();
        for (var i = 0; i + unit <= b.Length && list.Count < max; i += unit)
        {
            var s = b.AsSpan(i);
            list.Add(VR switch
            {
                DicomVR.US or DicomVR.OW => BitConverterLE.UInt16(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.SS => ((short)BitConverterLE.UInt16(s)).ToString(CultureInfo.InvariantCulture),
                DicomVR.UL or DicomVR.OL => BitConverterLE.UInt32(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.SL => ((int)BitConverterLE.UInt32(s)).ToString(CultureInfo.InvariantCulture),
                DicomVR.FL or DicomVR.OF => BitConverterLE.Single(s).ToString("R", CultureInfo.InvariantCulture),
                DicomVR.FD or DicomVR.OD => BitConverterLE.Double(s).ToString("R", CultureInfo.InvariantCulture),
                DicomVR.SV => ((long)BitConverterLE.UInt64(s)).ToString(CultureInfo.InvariantCulture),
                DicomVR.UV or DicomVR.OV => BitConverterLE.UInt64(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.AT => new DicomTag(BitConverterLE.UInt16(s), BitConverterLE.UInt16(s.Slice(2))).ToString(),
                _ => s[0].ToString("x2", CultureInfo.InvariantCulture),
            });
        }
        return list;
    }

    private static string TrimPadding(string text, DicomVR vr)
    {
        // Trailing spaces/NULs are padding for every text VR; leading spaces are significant only for LT/ST/UT/UR.
        var end = text.Length;
        while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\0')) end--;
        return vr.IsSingleValuedText() ? text.Substring(0, end) : text.Substring(0, end);
    }

    /// <inheritdoc />
    public override string ToString() => Tag + " " + VR.Code() + " (" + Length.ToString(CultureInfo.InvariantCulture) + " bytes)";
}

/// <summary>A sequence of items (VR SQ, or UN holding an implicit-VR sequence).</summary>
public sealed class DicomSequence : DicomElement
{
    /// <summary>Creates an empty sequence.</summary>
    public DicomSequence(DicomTag tag) : base(tag, DicomVR.SQ, DicomValue.Empty) { }

    /// <summary>The items; each is a dataset whose <see cref="DicomDataset.Parent"/> is the dataset holding this sequence.</summary>
    public List<DicomDataset> Items { get; } = new();

    /// <summary>True when the sequence was read with undefined length (kept as a hint for writing).</summary>
    public bool UndefinedLength { get; set; }

    /// <summary>The length as read; -1 for undefined length.</summary>
    public long EncodedLength { get; set; } = -1;

    /// <inheritdoc />
    public override long Length => EncodedLength;
}

/// <summary>Encapsulated pixel data: a basic offset table item and fragments, each kept as read.</summary>
public sealed class DicomFragmentSequence : DicomElement
{
    /// <summary>Creates an empty fragment sequence.</summary>
    public DicomFragmentSequence(DicomTag tag, DicomVR vr) : base(tag, vr, DicomValue.Empty) { }

    /// <summary>The Basic Offset Table (first item), possibly empty.</summary>
    public DicomValue OffsetTable { get; set; } = DicomValue.Empty;

    /// <summary>The fragments in order (items after the offset table).</summary>
    public List<DicomValue> Fragments { get; } = new();

    /// <inheritdoc />
    public override long Length => -1;
}

/// <summary>Little-endian reads and writes on spans (netstandard2.0 has no BinaryPrimitives for floats).</summary>
public static class BitConverterLE
{
    /// <summary>Reads a little-endian UInt16.</summary>
    public static ushort UInt16(ReadOnlySpan<byte> s) => (ushort)(s[0] | (s[1] << 8));
    /// <summary>Reads a little-endian UInt32.</summary>
    public static uint UInt32(ReadOnlySpan<byte> s) => (uint)(s[0] | (s[1] << 8) | (s[2] << 16) | (s[3] << 24));
    /// <summary>Reads a little-endian UInt64.</summary>
    public static ulong UInt64(ReadOnlySpan<byte> s) => UInt32(s) | ((ulong)UInt32(s.Slice(4)) << 32);
    /// <summary>Reads a little-endian IEEE single.</summary>
    public static float Single(ReadOnlySpan<byte> s) => BitConverter.ToSingle(BitConverter.IsLittleEndian ? s.Slice(0, 4).ToArray() : Rev(s, 4), 0);
    /// <summary>Reads a little-endian IEEE double.</summary>
    public static double Double(ReadOnlySpan<byte> s) => BitConverter.Int64BitsToDouble((long)UInt64(s));
    /// <summary>Writes a little-endian UInt16.</summary>
    public static void Write(Span<byte> d, ushort v) { d[0] = (byte)v; d[1] = (byte)(v >> 8); }
    /// <summary>Writes a little-endian UInt32.</summary>
    public static void Write(Span<byte> d, uint v) { d[0] = (byte)v; d[1] = (byte)(v >> 8); d[2] = (byte)(v >> 16); d[3] = (byte)(v >> 24); }
    private static byte[] Rev(ReadOnlySpan<byte> s, int n) { var a = s.Slice(0, n).ToArray(); Array.Reverse(a); return a; }
}
