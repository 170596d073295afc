using System;
using System.Collections.Generic;
using System.IO;

namespace DicomDeid.Engine.Pixels;

/// <summary>
/// Blanks JPEG Baseline/Extended (sequential DCT, Huffman) images in the coefficient domain: the scan is decoded to
/// quantized coefficients, the blocks of every MCU that meets a rectangle get DC = fill level and AC = 0, and the scan
/// is entropy-coded again with the same tables. Every other block keeps its coefficients exactly (no generation loss).
/// </summary>
internal static class JpegBlockEditor
{
    /// <summary>Decodes the single scan of a sequential DCT JPEG into coefficients (zig-zag order) per component.</summary>
    internal static JpegStream DecodeCoefficients(byte[] jpeg)
    {
        var j = JpegStream.Parse(jpeg);
        if (j.SofMarker != 0xC0 && j.SofMarker != 0xC1) throw new NotSupportedException("not a sequential DCT JPEG (SOF0/SOF1)");
        // Sequential DCT scans always carry coefficients 0..63; some encoders write Ss/Se = 0 there and decoders ignore them (as libjpeg does).
        var interleaved = j.Components.Count > 1;
        int mcusX, mcusY;
        if (interleaved)
        {
            mcusX = Ceil(j.Width, 8 * j.MaxH);
            mcusY = Ceil(j.Height, 8 * j.MaxV);
            foreach (var c in j.Components) { c.BlocksPerLine = mcusX * c.H; c.BlocksPerColumn = mcusY * c.V; }
        }
        else
        {
            var c = j.Components[0];
            c.BlocksPerLine = Ceil(Ceil(j.Width * c.H, j.MaxH), 8);
            c.BlocksPerColumn = Ceil(Ceil(j.Height * c.V, j.MaxV), 8);
            mcusX = c.BlocksPerLine;
            mcusY = c.BlocksPerColumn;
        }
        foreach (var c in j.Components)
        {
            if (j.Dc[c.Td] is null || j.Ac[c.Ta] is null) throw new InvalidDataException("the scan uses a Huffman table that is not defined");
            c.Coefficients = new short[c.BlocksPerLine * c.BlocksPerColumn * 64];
        }
        var r = new JpegBitReader(jpeg, j.ScanStart, j.ScanEnd);
        var pred = new int[j.Components.Count];
        var total = mcusX * mcusY;
        for (var m = 0; m < total; m++)
        {
            if (j.RestartInterval > 0 && m > 0 && m % j.RestartInterval == 0)
            {
                r.ReadRestart();
                Array.Clear(pred, 0, pred.Length);
            }
            int mx = m % mcusX, my = m / mcusX;
            for (var ci = 0; ci < j.Components.Count; ci++)
            {
                var c = j.Components[ci];
                int bh = interleaved ? c.H : 1, bv = interleaved ? c.V : 1;
                for (var v = 0; v < bv; v++)
                    for (var h = 0; h < bh; h++)
                    {
                        var bx = (mx * bh) + h;
                        var by = (my * bv) + v;
                        DecodeBlock(r, j.Dc[c.Td]!, j.Ac[c.Ta]!, c.Coefficients!, ((by * c.BlocksPerLine) + bx) * 64, ref pred[ci]);
                    }
            }
        }
        return j;
    }

    private static void DecodeBlock(JpegBitReader r, JpegHuffmanTable dc, JpegHuffmanTable ac, short[] co, int o, ref int pred)
    {
        var t = dc.Decode(r);
        if (t > 16) throw new InvalidDataException("invalid DC category");
        pred += JpegBitReader.Extend(r.Receive(t), t);
        co[o] = (short)pred;
        for (var k = 1; k < 64;)
        {
            var rs = ac.Decode(r);
            int run = rs >> 4, s = rs & 15;
            if (s == 0)
            {
                if (run != 15) break;
                k += 16;
                continue;
            }
            k += run;
            if (k > 63) throw new InvalidDataException("AC coefficient index beyond 63");
            co[o + k] = (short)JpegBitReader.Extend(r.Receive(s), s);
            k++;
        }
    }

    internal static int Ceil(int a, int b) => (a + b - 1) / b;

    /// <summary>Blanks whole MCUs meeting <paramref name="rects"/>; returns the new JPEG and the MCU-aligned rectangles blanked.</summary>
    internal static byte[] BlankBlocks(byte[] jpeg, int[] fill, List<PixelRegion> rects, out List<PixelRegion> blanked, List<string> warnings)
    {
        var j = DecodeCoefficients(jpeg);
        var interleaved = j.Components.Count > 1;
        int mcuW = interleaved ? 8 * j.MaxH : 8, mcuH = interleaved ? 8 * j.MaxV : 8;
        int mcusX = Ceil(j.Width, mcuW), mcusY = Ceil(j.Height, mcuH);
        if (!interleaved) { mcusX = j.Components[0].BlocksPerLine; mcusY = j.Components[0].BlocksPerColumn; }
        var shift = 1 << (j.Precision - 1);
        var maxSample = (1 << j.Precision) - 1;
        blanked = new List<PixelRegion>();
        var mark = new bool[mcusX * mcusY];
        foreach (var rc in rects)
        {
            int mx0 = rc.X0 / mcuW, my0 = rc.Y0 / mcuH, mx1 = Math.Min(mcusX, Ceil(rc.X1, mcuW)), my1 = Math.Min(mcusY, Ceil(rc.Y1, mcuH));
            for (var my = my0; my < my1; my++)
                for (var mx = mx0; mx < mx1; mx++) mark[(my * mcusX) + mx] = true;
            blanked.Add(new PixelRegion(mx0 * mcuW, my0 * mcuH, Math.Min(j.Width, mx1 * mcuW), Math.Min(j.Height, my1 * mcuH), rc.FirstFrame, rc.LastFrame, rc.Target, rc.RuleId));
        }
        for (var ci = 0; ci < j.Components.Count; ci++)
        {
            var c = j.Components[ci];
            var q0 = j.Quant[c.Tq]?[0] ?? throw new InvalidDataException("the frame uses an undefined quantization table");
            var level = ci < fill.Length ? fill[ci] : fill[0];
            if (level < 0) level = 0;
            if (level > maxSample) level = maxSample;
            // Flat block of value v has DC = 8(v - 2^(P-1)); quantize towards the fill so that clamping keeps it exact at the ends.
            var exact = 8.0 * (level - shift) / q0;
            var dc = level == 0 ? (int)Math.Floor(exact) : level == maxSample ? (int)Math.Ceiling(exact) : (int)Math.Round(exact, MidpointRounding.AwayFromZero);
            var limit = (1 << (j.Precision + 3)) - 1;
            if (dc > limit / q0) dc = limit / q0;
            if (dc < -limit / q0) dc = -limit / q0;
            int bh = interleaved ? c.H : 1, bv = interleaved ? c.V : 1;
            for (var my = 0; my < mcusY; my++)
                for (var mx = 0; mx < mcusX; mx++)
                {
                    if (!mark[(my * mcusX) + mx]) continue;
                    for (var v = 0; v < bv; v++)
                        for (var h = 0; h < bh; h++)
                        {
                            var o = ((((my * bv) + v) * c.BlocksPerLine) + (mx * bh) + h) * 64;
                            Array.Clear(c.Coefficients!, o, 64);
                            c.Coefficients![o] = (short)dc;
                        }
                }
        }
        return Encode(j, mcusX, mcusY, warnings);
    }

    /// <summary>Entropy-codes the coefficients with the stream's own tables; builds optimal tables only when a symbol is missing.</summary>
    internal static byte[] Encode(JpegStream j, int mcusX, int mcusY, List<string> warnings)
    {
        try
        {
            return EncodeWith(j, mcusX, mcusY, null);
        }
        catch (MissingHuffmanSymbolException ex)
        {
            warnings.Add("JPEG: " + ex.Message + "; Huffman tables rebuilt from the coefficients (coefficients unchanged)");
            var dcFreq = new long[4][];
            var acFreq = new long[4][];
            for (var i = 0; i < 4; i++) { dcFreq[i] = new long[256]; acFreq[i] = new long[256]; }
            Count(j, mcusX, mcusY, dcFreq, acFreq);
            var dc = new JpegHuffmanTable?[4];
            var ac = new JpegHuffmanTable?[4];
            var list = new List<(int, int, JpegHuffmanTable)>();
            foreach (var c in j.Components)
            {
                if (dc[c.Td] is null) { dc[c.Td] = JpegHuffmanTable.Optimal(dcFreq[c.Td]); list.Add((0, c.Td, dc[c.Td]!)); }
                if (ac[c.Ta] is null) { ac[c.Ta] = JpegHuffmanTable.Optimal(acFreq[c.Ta]); list.Add((1, c.Ta, ac[c.Ta]!)); }
            }
            for (var i = 0; i < 4; i++) { j.Dc[i] = dc[i] ?? j.Dc[i]; j.Ac[i] = ac[i] ?? j.Ac[i]; }
            return EncodeWith(j, mcusX, mcusY, JpegStream.Dht(list));
        }
    }

    private static void Count(JpegStream j, int mcusX, int mcusY, long[][] dcFreq, long[][] acFreq) =>
        Walk(j, mcusX, mcusY, (c, co, o, diff) =>
        {
            dcFreq[c.Td][JpegBitWriter.Category(diff)]++;
            var run = 0;
            for (var k = 1; k < 64; k++)
            {
                var v = co[o + k];
                if (v == 0) { run++; continue; }
                while (run > 15) { acFreq[c.Ta][0xF0]++; run -= 16; }
                acFreq[c.Ta][(run << 4) | JpegBitWriter.Category(v)]++;
                run = 0;
            }
            if (run > 0) acFreq[c.Ta][0]++;
        }, null);

    private static byte[] EncodeWith(JpegStream j, int mcusX, int mcusY, byte[]? newDht)
    {
        using var ms = new MemoryStream(j.Data.Length + 1024);
        j.WriteHeader(ms, newDht);
        var w = new JpegBitWriter(ms);
        Walk(j, mcusX, mcusY, (c, co, o, diff) =>
        {
            var dc = j.Dc[c.Td]!;
            var ac = j.Ac[c.Ta]!;
            var s = JpegBitWriter.Category(diff);
            dc.Encode(w, s);
            w.PutValue(diff, s);
            var run = 0;
            for (var k = 1; k < 64; k++)
            {
                int v = co[o + k];
                if (v == 0) { run++; continue; }
                while (run > 15) { ac.Encode(w, 0xF0); run -= 16; }
                var sz = JpegBitWriter.Category(v);
                ac.Encode(w, (run << 4) | sz);
                w.PutValue(v, sz);
                run = 0;
            }
            if (run > 0) ac.Encode(w, 0x00);
        }, m => w.Marker(0xD0 + (m & 7)));
        w.Align();
        ms.WriteByte(0xFF);
        ms.WriteByte(0xD9);
        return ms.ToArray();
    }

    // Visits blocks in scan order with the DC difference; calls restart(n) before each restart interval after the first.
    private static void Walk(JpegStream j, int mcusX, int mcusY, Action<JpegComponent, short[], int, int> block, Action<int>? restart)
    {
        var interleaved = j.Components.Count > 1;
        var pred = new int[j.Components.Count];
        var total = mcusX * mcusY;
        var rst = 0;
        for (var m = 0; m < total; m++)
        {
            if (j.RestartInterval > 0 && m > 0 && m % j.RestartInterval == 0)
            {
                restart?.Invoke(rst++);
                Array.Clear(pred, 0, pred.Length);
            }
            int mx = m % mcusX, my = m / mcusX;
            for (var ci = 0; ci < j.Components.Count; ci++)
            {
                var c = j.Components[ci];
                int bh = interleaved ? c.H : 1, bv = interleaved ? c.V : 1;
                for (var v = 0; v < bv; v++)
                    for (var h = 0; h < bh; h++)
                    {
                        var o = (((((my * bv) + v) * c.BlocksPerLine) + (mx * bh) + h)) * 64;
                        var dcv = c.Coefficients![o];
                        block(c, c.Coefficients, o, dcv - pred[ci]);
                        pred[ci] = dcv;
                    }
            }
        }
    }
}
