using System;
using System.Globalization;

namespace DicomDeid.Dicom;

/// <summary>A DICOM attribute tag (group, element) held as one 32-bit number.</summary>
public readonly struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>
{
    /// <summary>Creates a tag from its 32-bit value (group in the high half).</summary>
    public DicomTag(uint value) => Value = value;

    /// <summary>Creates a tag from its group and element numbers.</summary>
    public DicomTag(ushort group, ushort element) => Value = ((uint)group << 16) | element;

    /// <summary>The tag as one number, group in the high 16 bits.</summary>
    public uint Value { get; }

    /// <summary>The group number.</summary>
    public ushort Group => (ushort)(Value >> 16);

    /// <summary>The element number.</summary>
    public ushort Element => (ushort)(Value & 0xFFFF);

    /// <summary>True for tags in an odd group other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 7.8.1).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>True for a private creator element (gggg,0010-00FF) in a private group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element >= 0x0010 && Element <= 0x00FF;

    /// <summary>For a private data element (gggg,xxee) with xx ≥ 10, the creator element (gggg,00xx) that reserves its block.</summary>
    public DicomTag PrivateCreatorTag => new DicomTag(Group, (ushort)(Element >> 8));

    /// <summary>True for a private data element whose block is reserved by a creator (element ≥ 0x1000).</summary>
    public bool IsPrivateData => IsPrivate && Element >= 0x1000;

    /// <summary>Item (FFFE,E000).</summary>
    public static readonly DicomTag Item = new(0xFFFEE000);
    /// <summary>Item Delimitation Item (FFFE,E00D).</summary>
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFEE00D);
    /// <summary>Sequence Delimitation Item (FFFE,E0DD).</summary>
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFEE0DD);
    /// <summary>Pixel Data (7FE0,0010).</summary>
    public static readonly DicomTag PixelData = new(0x7FE00010);
    /// <summary>Specific Character Set (0008,0005).</summary>
    public static readonly DicomTag SpecificCharacterSet = new(0x00080005);
    /// <summary>Transfer Syntax UID (0002,0010).</summary>
    public static readonly DicomTag TransferSyntaxUid = new(0x00020010);

    /// <summary>Parses <c>(gggg,eeee)</c>, <c>gggg,eeee</c> or <c>ggggeeee</c> (hexadecimal). Keywords are resolved by <see cref="DicomDictionary"/>.</summary>
    public static bool TryParseHex(string? text, out DicomTag tag)
    {
        tag = default;
        if (text is null) return false;
        var s = text.Trim();
        if (s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal)) s = s.Substring(1, s.Length - 2);
        s = s.Replace(",", string.Empty).Replace(" ", string.Empty);
        if (s.Length != 8) return false;
        if (!uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)) return false;
        tag = new DicomTag(v);
        return true;
    }

    /// <summary>Parses a tag in hexadecimal form or a dictionary keyword; throws <see cref="FormatException"/> otherwise.</summary>
    public static DicomTag Parse(string text)
    {
        if (TryParseHex(text, out var tag)) return tag;
        if (DicomDictionary.TryGetTag(text?.Trim() ?? string.Empty, out tag)) return tag;
        throw new FormatException($"'{text}' is neither a tag (gggg,eeee) nor a DICOM keyword.");
    }

    /// <inheritdoc />
    public bool Equals(DicomTag other) => Value == other.Value;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DicomTag t && t.Value == Value;
    /// <inheritdoc />
    public override int GetHashCode() => (int)Value;
    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);
    /// <summary>Equality.</summary>
    public static bool operator ==(DicomTag a, DicomTag b) => a.Value == b.Value;
    /// <summary>Inequality.</summary>
    public static bool operator !=(DicomTag a, DicomTag b) => a.Value != b.Value;
    /// <summary>Ordering.</summary>
    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;
    /// <summary>Ordering.</summary>
    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;
    /// <summary>Ordering.</summary>
    public static bool operator <=(DicomTag a, DicomTag b) => a.Value <= b.Value;
    /// <summary>Ordering.</summary>
    public static bool operator >=(DicomTag a, DicomTag b) => a.Value >= b.Value;

    /// <summary>Formats as <c>(gggg,eeee)</c> in upper-case hexadecimal, as dcmdump does.</summary>
    public override string ToString() => "(" + Group.ToString("X4", CultureInfo.InvariantCulture) + "," + Element.ToString("X4", CultureInfo.InvariantCulture) + ")";
}
