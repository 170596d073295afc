using System;

namespace DicomDeid.Dicom;

/// <summary>The value representations of PS3.5 Table 6.2-1, plus <see cref="None"/> for items and delimiters.</summary>
public enum DicomVR : byte
{
    /// <summary>No VR (items, delimiters, or an unknown implicit-VR element before resolution).</summary>
    None = 0,
    /// <summary>Application Entity.</summary>
    AE, /// <summary>Age String.</summary>
    AS, /// <summary>Attribute Tag.</summary>
    AT, /// <summary>Code String.</summary>
    CS, /// <summary>Date.</summary>
    DA, /// <summary>Decimal String.</summary>
    DS, /// <summary>Date Time.</summary>
    DT, /// <summary>Floating Point Double.</summary>
    FD, /// <summary>Floating Point Single.</summary>
    FL, /// <summary>Integer String.</summary>
    IS, /// <summary>Long String.</summary>
    LO, /// <summary>Long Text.</summary>
    LT, /// <summary>Other Byte.</summary>
    OB, /// <summary>Other Double.</summary>
    OD, /// <summary>Other Float.</summary>
    OF, /// <summary>Other Long.</summary>
    OL, /// <summary>Other 64-bit Very Long.</summary>
    OV, /// <summary>Other Word.</summary>
    OW, /// <summary>Person Name.</summary>
    PN, /// <summary>Short String.</summary>
    SH, /// <summary>Signed Long.</summary>
    SL, /// <summary>Sequence of Items.</summary>
    SQ, /// <summary>Signed Short.</summary>
    SS, /// <summary>Short Text.</summary>
    ST, /// <summary>Signed 64-bit Very Long.</summary>
    SV, /// <summary>Time.</summary>
    TM, /// <summary>Unlimited Characters.</summary>
    UC, /// <summary>Unique Identifier.</summary>
    UI, /// <summary>Unsigned Long.</summary>
    UL, /// <summary>Unknown.</summary>
    UN, /// <summary>Universal Resource Identifier.</summary>
    UR, /// <summary>Unsigned Short.</summary>
    US, /// <summary>Unlimited Text.</summary>
    UT, /// <summary>Unsigned 64-bit Very Long.</summary>
    UV,
}

/// <summary>Traits of each VR: how it is encoded and what it may carry.</summary>
public static class DicomVRInfo
{
    /// <summary>Parses two ASCII bytes as a VR; false for bytes that are not a VR of the standard.</summary>
    public static bool TryParse(byte b0, byte b1, out DicomVR vr)
    {
        vr = DicomVR.None;
        if (b0 < 'A' || b0 > 'Z' || b1 < 'A' || b1 > 'Z') return false;
        var code = (b0 << 8) | b1;
        vr = code switch
        {
            ('A' << 8) | 'E' => DicomVR.AE, ('A' << 8) | 'S' => DicomVR.AS, ('A' << 8) | 'T' => DicomVR.AT,
            ('C' << 8) | 'S' => DicomVR.CS, ('D' << 8) | 'A' => DicomVR.DA, ('D' << 8) | 'S' => DicomVR.DS,
            ('D' << 8) | 'T' => DicomVR.DT, ('F' << 8) | 'D' => DicomVR.FD, ('F' << 8) | 'L' => DicomVR.FL,
            ('I' << 8) | 'S' => DicomVR.IS, ('L' << 8) | 'O' => DicomVR.LO, ('L' << 8) | 'T' => DicomVR.LT,
            ('O' << 8) | 'B' => DicomVR.OB, ('O' << 8) | 'D' => DicomVR.OD, ('O' << 8) | 'F' => DicomVR.OF,
            ('O' << 8) | 'L' => DicomVR.OL, ('O' << 8) | 'V' => DicomVR.OV, ('O' << 8) | 'W' => DicomVR.OW,
            ('P' << 8) | 'N' => DicomVR.PN, ('S' << 8) | 'H' => DicomVR.SH, ('S' << 8) | 'L' => DicomVR.SL,
            ('S' << 8) | 'Q' => DicomVR.SQ, ('S' << 8) | 'S' => DicomVR.SS, ('S' << 8) | 'T' => DicomVR.ST,
            ('S' << 8) | 'V' => DicomVR.SV, ('T' << 8) | 'M' => DicomVR.TM, ('U' << 8) | 'C' => DicomVR.UC,
            ('U' << 8) | 'I' => DicomVR.UI, ('U' << 8) | 'L' => DicomVR.UL, ('U' << 8) | 'N' => DicomVR.UN,
            ('U' << 8) | 'R' => DicomVR.UR, ('U' << 8) | 'S' => DicomVR.US, ('U' << 8) | 'T' => DicomVR.UT,
            ('U' << 8) | 'V' => DicomVR.UV,
            _ => DicomVR.None,
        };
        return vr != DicomVR.None;
    }

    /// <summary>Parses a VR name such as "PN"; also accepts the first alternative of "OB or OW".</summary>
    public static DicomVR Parse(string text)
    {
        if (text is null || text.Length < 2) throw new FormatException($"'{text}' is not a VR.");
        if (TryParse((byte)text[0], (byte)text[1], out var vr)) return vr;
        throw new FormatException($"'{text}' is not a VR.");
    }

    /// <summary>The two-letter code.</summary>
    public static string Code(this DicomVR vr) => vr == DicomVR.None ? "--" : vr.ToString();

    /// <summary>True when explicit VR encoding uses a 2-byte reserved field and a 32-bit length (PS3.5 7.1.2).</summary>
    public static bool HasLongLength(this DicomVR vr) => vr switch
    {
        DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.SQ or
        DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>True for VRs whose value is text in a character repertoire (padded with a space).</summary>
    public static bool IsString(this DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.IS or DicomVR.LO or
        DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UR or
        DicomVR.UT => true,
        _ => false,
    };

    /// <summary>True for text VRs whose bytes are decoded with the Specific Character Set (the others are ASCII).</summary>
    public static bool UsesSpecificCharacterSet(this DicomVR vr) => vr switch
    {
        DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>True for free-text VRs that hold one value only (backslash is not a separator).</summary>
    public static bool IsSingleValuedText(this DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR;

    /// <summary>The byte used to pad a value to even length: NUL for UI and binary VRs, space for the other strings.</summary>
    public static byte PaddingByte(this DicomVR vr) => vr == DicomVR.UI || !vr.IsString() ? (byte)0 : (byte)' ';

    /// <summary>Size in bytes of one binary value (for byte swapping and value multiplicity); 1 for strings, OB and UN.</summary>
    public static int UnitSize(this DicomVR vr) => vr switch
    {
        DicomVR.AT => 2, // swapped as two 16-bit halves
        DicomVR.US or DicomVR.SS or DicomVR.OW => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 1,
    };

    /// <summary>Maximum length in bytes for fixed-maximum string VRs (0 = unlimited or not a string).</summary>
    public static int MaxLength(this DicomVR vr) => vr switch
    {
        DicomVR.AE => 16, DicomVR.AS => 4, DicomVR.CS => 16, DicomVR.DA => 8, DicomVR.DS => 16, DicomVR.DT => 26,
        DicomVR.IS => 12, DicomVR.LO => 64, DicomVR.LT => 10240, DicomVR.PN => 64 * 5, DicomVR.SH => 16,
        DicomVR.ST => 1024, DicomVR.TM => 14, DicomVR.UI => 64,
        _ => 0,
    };
}
