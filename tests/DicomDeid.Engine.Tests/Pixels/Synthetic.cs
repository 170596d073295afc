using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Tests.Pixels;

/// <summary>Synthetic images with "text" at known rectangles, a minimal Part 10 writer and a fragment extractor (test-only; dcmtk does the compression).</summary>
internal static class Synthetic
{
    internal static DicomDataset Image(int rows, int cols, int spp, int bitsAllocated, int bitsStored, bool signed, string photometric, int planar, int frames, Func<int, int, int, int, int> sample)
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.SetString(new DicomTag(0x00080018), DicomVR.UI, "1.2.3.4.5.6.7");
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "OT");
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280002), (ushort)spp));
        ds.SetString(new DicomTag(0x00280004), DicomVR.CS, photometric);
        if (spp == 3) ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280006), (ushort)planar));
        if (frames > 1) ds.SetString(new DicomTag(0x00280008), DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280010), (ushort)rows));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280011), (ushort)cols));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280100), (ushort)bitsAllocated));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280101), (ushort)bitsStored));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280102), (ushort)(bitsStored - 1)));
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280103), (ushort)(signed ? 1 : 0)));
        var bps = bitsAllocated / 8;
        var px = new byte[(long)rows * cols * spp * bps * frames];
        var o = 0;
        for (var f = 0; f < frames; f++)
        {
            if (spp == 1 || planar == 0)
            {
                for (var y = 0; y < rows; y++)
                    for (var x = 0; x < cols; x++)
                        for (var s = 0; s < spp; s++) { Put(px, o, bps, sample(f, x, y, s)); o += bps; }
            }
            else
            {
                for (var s = 0; s < spp; s++)
                    for (var y = 0; y < rows; y++)
                        for (var x = 0; x < cols; x++) { Put(px, o, bps, sample(f, x, y, s)); o += bps; }
            }
        }
        ds.Set(new DicomElement(DicomTag.PixelData, bps == 1 ? DicomVR.OB : DicomVR.OW, new DicomValue(px)));
        return ds;
    }

    private static void Put(byte[] b, int o, int bps, int v)
    {
        b[o] = (byte)v;
        if (bps == 2) b[o + 1] = (byte)(v >> 8);
    }

    /// <summary>Deterministic noisy background plus bright "glyph" strokes inside <paramref name="text"/>.</summary>
    internal static Func<int, int, int, int, int> Pattern(int max, params (int X0, int Y0, int X1, int Y1)[] text) => (f, x, y, s) =>
    {
        foreach (var t in text)
            if (x >= t.X0 && x < t.X1 && y >= t.Y0 && y < t.Y1 && ((x / 2) + y) % 3 != 0) return max;
        var n = (int)((((uint)(x * 7919) ^ (uint)(y * 104729) ^ (uint)(f * 31) ^ (uint)(s * 17)) * 2654435761u) >> 26);
        return ((x + (2 * y) + (f * 5) + (s * 40)) % 100) + n;
    };

    internal static DicomFile File(DicomDataset ds, string ts = "1.2.840.10008.1.2.1")
    {
        var meta = new DicomDataset();
        meta.SetString(DicomTag.TransferSyntaxUid, DicomVR.UI, ts);
        return new DicomFile(meta, ds, DicomTransferSyntax.Lookup(ts));
    }

    /// <summary>Writes an explicit VR little endian Part 10 file (no sequences) for dcmtk.</summary>
    internal static void WritePart10(DicomDataset ds, string path)
    {
        using var fs = new FileStream(path, FileMode.Create);
        fs.Write(new byte[128]);
        fs.Write(Encoding.ASCII.GetBytes("DICM"));
        var meta = new MemoryStream();
        WriteElement(meta, 0x00020001, "OB", new byte[] { 0, 1 });
        WriteElement(meta, 0x00020002, "UI", Pad(Encoding.ASCII.GetBytes(ds.GetString(new DicomTag(0x00080016))!)));
        WriteElement(meta, 0x00020003, "UI", Pad(Encoding.ASCII.GetBytes(ds.GetString(new DicomTag(0x00080018))!)));
        WriteElement(meta, 0x00020010, "UI", Pad(Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1")));
        WriteElement(meta, 0x00020012, "UI", Pad(Encoding.ASCII.GetBytes("1.2.3.4")));
        var mb = meta.ToArray();
        WriteElement(fs, 0x00020000, "UL", BitConverter.GetBytes((uint)mb.Length));
        fs.Write(mb);
        foreach (var e in ds) WriteElement(fs, e.Tag.Value, e.VR.ToString(), e.Value.GetBytes());
    }

    private static byte[] Pad(byte[] b) => b.Length % 2 == 0 ? b : [.. b, 0];

    private static void WriteElement(Stream s, uint tag, string vr, byte[] value)
    {
        s.Write(BitConverter.GetBytes((ushort)(tag >> 16)));
        s.Write(BitConverter.GetBytes((ushort)tag));
        s.Write(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OW" or "UN" or "SQ" or "UT" or "OF")
        {
            s.Write(new byte[2]);
            s.Write(BitConverter.GetBytes((uint)value.Length));
        }
        else s.Write(BitConverter.GetBytes((ushort)value.Length));
        s.Write(value);
    }

    /// <summary>Returns the fragments of the encapsulated pixel data of a dcmtk-written explicit LE file (BOT first).</summary>
    internal static List<byte[]> Fragments(string path)
    {
        var b = System.IO.File.ReadAllBytes(path);
        // Find (7FE0,0010) OB with undefined length at top level: scan for the tag bytes followed by OB 00 00 FF FF FF FF.
        for (var i = 132; i + 12 < b.Length; i++)
        {
            if (b[i] == 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0x00 && b[i + 4] == (byte)'O' && b[i + 5] == (byte)'B' && b[i + 8] == 0xFF && b[i + 9] == 0xFF && b[i + 10] == 0xFF && b[i + 11] == 0xFF)
            {
                var list = new List<byte[]>();
                var p = i + 12;
                while (p + 8 <= b.Length)
                {
                    var tag = BitConverter.ToUInt32(b, p);
                    var len = (int)BitConverter.ToUInt32(b, p + 4);
                    if (tag == 0xE0DDFFFE) break;
                    list.Add(b.AsSpan(p + 8, len).ToArray());
                    p += 8 + len;
                }
                return list;
            }
        }
        throw new InvalidDataException("no encapsulated pixel data in " + path);
    }

    internal static void Run(string exe, string args)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + exe);
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException(exe + " " + args + " failed: " + err);
    }

    /// <summary>Compresses <paramref name="ds"/> with a dcmtk tool and returns a DicomFile with the fragments in memory.</summary>
    internal static DicomFile Compressed(DicomDataset ds, string tool, string option, string ts)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dicomdeid-pixtests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var src = Path.Combine(dir, "in.dcm");
            var dst = Path.Combine(dir, "out.dcm");
            WritePart10(ds, src);
            Run(tool, option + " " + src + " " + dst);
            var frags = Fragments(dst);
            var copy = new DicomDataset();
            foreach (var e in ds) if (e.Tag != DicomTag.PixelData) copy.Set(e);
            var seq = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB) { OffsetTable = new DicomValue(frags[0]) };
            for (var i = 1; i < frags.Count; i++) seq.Fragments.Add(new DicomValue(frags[i]));
            copy.Set(seq);
            return File(copy, ts);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
