using System;
using System.IO;

namespace DicomDeid.Engine.Pixels;

/// <summary>RLE Lossless (PS3.5 Annex G): a 64-byte header, then one PackBits segment per byte plane.</summary>
internal static class RleCodec
{
    /// <summary>Decodes one frame into byte planes: plane (sample s, byte k) at index s*bps+k, k = 0 the most significant byte.</summary>
    internal static byte[][] DecodePlanes(byte[] data, int rows, int columns, int planes)
    {
        if (data.Length < 64) throw new InvalidDataException("RLE frame shorter than its 64-byte header");
        var n = (int)ReadU32(data, 0);
        if (n != planes) throw new InvalidDataException($"RLE header has {n} segments; the image needs {planes}");
        var size = rows * columns;
        var result = new byte[planes][];
        for (var i = 0; i < planes; i++)
        {
            var start = (long)ReadU32(data, 4 + (4 * i));
            var end = i + 1 < n ? (long)ReadU32(data, 8 + (4 * i)) : data.Length;
            if (start < 64 || end > data.Length || end < start) throw new InvalidDataException($"RLE segment {i + 1} offset {start} is outside the frame");
            result[i] = DecodeSegment(data, (int)start, (int)end, size);
        }
        return result;
    }

    private static byte[] DecodeSegment(byte[] src, int pos, int end, int size)
    {
        var dst = new byte[size];
        var o = 0;
        while (pos < end && o < size)
        {
            var n = (sbyte)src[pos++];
            if (n >= 0)
            {
                var count = Math.Min(n + 1, Math.Min(size - o, end - pos));
                Buffer.BlockCopy(src, pos, dst, o, count);
                pos += n + 1;
                o += count;
            }
            else if (n != -128)
            {
                if (pos >= end) break;
                var b = src[pos++];
                var count = Math.Min(1 - n, size - o);
                dst.AsSpan(o, count).Fill(b);
                o += count;
            }
        }
        if (o < size) throw new InvalidDataException($"RLE segment decoded to {o} of {size} bytes");
        return dst;
    }

    /// <summary>Encodes byte planes into one frame (each row encoded separately, as G.3.1 requires); even length.</summary>
    internal static byte[] EncodePlanes(byte[][] planes, int rows, int columns)
    {
        using var ms = new MemoryStream();
        var header = new byte[64];
        ms.Write(header, 0, 64);
        WriteU32(header, 0, (uint)planes.Length);
        for (var i = 0; i < planes.Length; i++)
        {
            WriteU32(header, 4 + (4 * i), (uint)ms.Position);
            for (var y = 0; y < rows; y++) EncodeRow(ms, planes[i], y * columns, columns);
            if ((ms.Position & 1) == 1) ms.WriteByte(0); // G.3.1: segments padded to even length with zero
        }
        ms.Position = 0;
        ms.Write(header, 0, 64);
        return ms.ToArray();
    }

    private static void EncodeRow(Stream s, byte[] p, int start, int length)
    {
        var end = start + length;
        var i = start;
        var lit = new byte[129];
        while (i < end)
        {
            // A replicate run of 3 or more pays; shorter runs go into literals.
            var run = 1;
            while (i + run < end && run < 128 && p[i + run] == p[i]) run++;
            if (run >= 3 || (run == 2 && i + run == end))
            {
                s.WriteByte((byte)(sbyte)(1 - run));
                s.WriteByte(p[i]);
                i += run;
                continue;
            }
            var n = 0;
            while (i < end && n < 128)
            {
                if (i + 2 < end && p[i] == p[i + 1] && p[i] == p[i + 2]) break;
                lit[n++] = p[i++];
            }
            s.WriteByte((byte)(n - 1));
            s.Write(lit, 0, n);
        }
    }

    internal static uint ReadU32(byte[] b, int o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

    internal static void WriteU32(byte[] b, int o, uint v)
    {
        b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); b[o + 2] = (byte)(v >> 16); b[o + 3] = (byte)(v >> 24);
    }

    /// <summary>Blanks a rectangle in byte planes (value split into bytes, most significant first).</summary>
    internal static void Blank(byte[][] planes, PixelLayout l, int[] fill, int x0, int y0, int x1, int y1)
    {
        var bps = l.BytesPerSample;
        for (var s = 0; s < l.SamplesPerPixel; s++)
            for (var k = 0; k < bps; k++)
            {
                var b = (byte)(fill[s] >> (8 * (bps - 1 - k)));
                var plane = planes[(s * bps) + k];
                for (var y = y0; y < y1; y++) plane.AsSpan((y * l.Columns) + x0, x1 - x0).Fill(b);
            }
    }

    /// <summary>Interleaves byte planes into a native little-endian frame (planar configuration 0).</summary>
    internal static byte[] ToNative(byte[][] planes, PixelLayout l)
    {
        int bps = l.BytesPerSample, spp = l.SamplesPerPixel, n = l.Rows * l.Columns;
        var dst = new byte[n * spp * bps];
        for (var s = 0; s < spp; s++)
            for (var k = 0; k < bps; k++)
            {
                var plane = planes[(s * bps) + k];
                var byteIndex = bps - 1 - k; // little endian: the most significant plane goes last
                for (var i = 0; i < n; i++) dst[(((i * spp) + s) * bps) + byteIndex] = plane[i];
            }
        return dst;
    }
}
