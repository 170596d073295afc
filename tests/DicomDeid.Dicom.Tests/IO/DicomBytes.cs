using System;
using System.IO;
using System.Text;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>Builds DICOM byte streams by hand (little endian unless told), for fixtures that no writer would produce.</summary>
internal sealed class DicomBytes
{
    private readonly MemoryStream _ms = new();

    public long Position => _ms.Position;

    public byte[] ToArray() => _ms.ToArray();

    /// <summary>Preamble, "DICM" and a minimal file meta information group for <paramref name="tsUid"/>.</summary>
    public static DicomBytes Part10(string tsUid = "1.2.840.10008.1.2.1")
    {
        var meta = new DicomBytes();
        meta.Explicit(0x00020001, "OB", new byte[] { 0, 1 });
        meta.Explicit(0x00020002, "UI", Text("1.2.840.10008.5.1.4.1.1.7", '\0'));
        meta.Explicit(0x00020003, "UI", Text("1.2.3.4.5", '\0'));
        meta.Explicit(0x00020010, "UI", Text(tsUid, '\0'));
        var m = meta.ToArray();
        var b = new DicomBytes();
        b.Raw(new byte[128]);
        b.Raw(Encoding.ASCII.GetBytes("DICM"));
        var gl = new byte[4];
        BitConverter.TryWriteBytes(gl, (uint)m.Length);
        b.Explicit(0x00020000, "UL", gl);
        b.Raw(m);
        return b;
    }

    public static byte[] Text(string s, char pad = ' ')
    {
        if (s.Length % 2 == 1) s += pad;
        return Encoding.ASCII.GetBytes(s);
    }

    public DicomBytes Raw(byte[] bytes)
    {
        _ms.Write(bytes, 0, bytes.Length);
        return this;
    }

    public DicomBytes U16(ushort v, bool big = false)
    {
        if (big) { _ms.WriteByte((byte)(v >> 8)); _ms.WriteByte((byte)v); }
        else { _ms.WriteByte((byte)v); _ms.WriteByte((byte)(v >> 8)); }
        return this;
    }

    public DicomBytes U32(uint v, bool big = false)
    {
        if (big) { U16((ushort)(v >> 16), true); U16((ushort)v, true); }
        else { U16((ushort)v); U16((ushort)(v >> 16)); }
        return this;
    }

    public DicomBytes Tag(uint tag, bool big = false) => U16((ushort)(tag >> 16), big).U16((ushort)tag, big);

    /// <summary>An explicit VR element; <paramref name="length"/> overrides the declared length.</summary>
    public DicomBytes Explicit(uint tag, string vr, byte[] value, uint? length = null, bool big = false)
    {
        Tag(tag, big);
        _ms.WriteByte((byte)vr[0]);
        _ms.WriteByte((byte)vr[1]);
        var longForm = vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV";
        if (longForm) { U16(0); U32(length ?? (uint)value.Length, big); }
        else U16((ushort)(length ?? (uint)value.Length), big);
        return Raw(value);
    }

    /// <summary>An explicit VR header only (for sequences and undefined lengths).</summary>
    public DicomBytes ExplicitHeader(uint tag, string vr, uint length, bool big = false) => Explicit(tag, vr, Array.Empty<byte>(), length, big);

    public DicomBytes Implicit(uint tag, byte[] value, uint? length = null) => Tag(tag).U32(length ?? (uint)value.Length).Raw(value);

    public DicomBytes Item(uint length = 0xFFFFFFFF, bool big = false) => Tag(0xFFFEE000, big).U32(length, big);

    public DicomBytes ItemEnd(bool big = false) => Tag(0xFFFEE00D, big).U32(0, big);

    public DicomBytes SeqEnd(bool big = false) => Tag(0xFFFEE0DD, big).U32(0, big);
}
