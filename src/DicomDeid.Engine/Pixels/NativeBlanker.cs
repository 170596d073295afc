using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Pixels;

/// <summary>Writes fill values into rectangles of one native (uncompressed, little-endian) frame in place.</summary>
internal static class NativeBlanker
{
    /// <summary>Bytes per frame of native pixel data (YBR_FULL_422 stores two samples per pixel).</summary>
    internal static long FrameBytes(PixelLayout l) => l.Photometric == "YBR_FULL_422" && l.SamplesPerPixel == 3
        ? (long)l.Rows * l.Columns * 2 * l.BytesPerSample
        : l.FrameBytes;

    internal static void Blank(Span<byte> frame, PixelLayout l, int[] fill, IReadOnlyList<PixelRegion> rects)
    {
        foreach (var r in rects) Blank(frame, l, fill, r.X0, r.Y0, r.X1, r.Y1);
    }

    internal static void Blank(Span<byte> frame, PixelLayout l, int[] fill, int x0, int y0, int x1, int y1)
    {
        int cols = l.Columns, bps = l.BytesPerSample, spp = l.SamplesPerPixel;
        if (l.Photometric == "YBR_FULL_422" && spp == 3)
        {
            // Two pixels share Cb and Cr: blank whole pairs (the rectangle grows to even x).
            x0 &= ~1;
            x1 = Math.Min(cols, (x1 + 1) & ~1);
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x += 2)
                {
                    var o = ((y * cols) + x) * 2 * bps;
                    Put(frame, o, bps, fill[0]);
                    Put(frame, o + bps, bps, fill[0]);
                    Put(frame, o + (2 * bps), bps, fill[1]);
                    Put(frame, o + (3 * bps), bps, fill[2]);
                }
            return;
        }
        if (spp == 1 || l.PlanarConfiguration == 0)
        {
            var pixel = spp * bps;
            if (spp == 1 && bps == 1)
            {
                var b = (byte)fill[0];
                for (var y = y0; y < y1; y++) frame.Slice((y * cols) + x0, x1 - x0).Fill(b);
                return;
            }
            for (var y = y0; y < y1; y++)
            {
                var o = ((y * cols) + x0) * pixel;
                for (var x = x0; x < x1; x++, o += pixel)
                    for (var s = 0; s < spp; s++) Put(frame, o + (s * bps), bps, fill[s]);
            }
            return;
        }
        var plane = l.Rows * cols * bps;
        for (var s = 0; s < spp; s++)
            for (var y = y0; y < y1; y++)
            {
                var o = (s * plane) + (((y * cols) + x0) * bps);
                if (bps == 1) { frame.Slice(o, x1 - x0).Fill((byte)fill[s]); continue; }
                for (var x = x0; x < x1; x++, o += bps) Put(frame, o, bps, fill[s]);
            }
    }

    private static void Put(Span<byte> frame, int offset, int bps, int value)
    {
        frame[offset] = (byte)value;
        if (bps == 2) frame[offset + 1] = (byte)(value >> 8);
    }
}
