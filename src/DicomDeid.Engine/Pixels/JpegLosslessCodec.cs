using System;
using System.Collections.Generic;
using System.IO;

namespace DicomDeid.Engine.Pixels;

/// <summary>A decoded JPEG Lossless (process 14) image: samples per component, as coded (before the point transform is undone).</summary>
internal sealed class JpegLosslessImage
{
    internal JpegStream Stream = null!;
    internal int[][] Samples = Array.Empty<int[]>();

    internal int Width => Stream.Width;
    internal int Height => Stream.Height;

    /// <summary>Sets every component inside the rectangle to the fill value (shifted by the point transform).</summary>
    internal void Blank(int[] fill, int x0, int y0, int x1, int y1)
    {
        for (var c = 0; c < Samples.Length; c++)
        {
            var v = (c < fill.Length ? fill[c] : fill[0]) & ((1 << Stream.Precision) - 1);
            v >>= Stream.Al;
            var s = Samples[c];
            for (var y = y0; y < y1; y++) s.AsSpan((y * Width) + x0, x1 - x0).Fill(v);
        }
    }

    /// <summary>The sample value at (x, y) of component c with the point transform undone.</summary>
    internal int Value(int c, int x, int y) => Samples[c][(y * Width) + x] << Stream.Al;
}

/// <summary>JPEG Lossless, non-hierarchical (T.81 Annex H, processes 14 and 14 SV1): decode and encode with the same predictor and tables.</summary>
internal static class JpegLosslessCodec
{
    internal static JpegLosslessImage Decode(byte[] jpeg)
    {
        var j = JpegStream.Parse(jpeg);
        if (j.SofMarker != 0xC3) throw new NotSupportedException("not a lossless JPEG (SOF3)");
        foreach (var c in j.Components)
        {
            if (c.H != 1 || c.V != 1) throw new NotSupportedException("lossless JPEG with subsampled components cannot be cleaned here");
            if (j.Dc[c.Td] is null) throw new InvalidDataException("the scan uses a Huffman table that is not defined");
        }
        if (j.Ss < 1 || j.Ss > 7) throw new InvalidDataException("lossless predictor must be 1..7");
        CheckRestart(j);
        int w = j.Width, h = j.Height, nc = j.Components.Count;
        var img = new JpegLosslessImage { Stream = j, Samples = new int[nc][] };
        for (var c = 0; c < nc; c++) img.Samples[c] = new int[w * h];
        var r = new JpegBitReader(jpeg, j.ScanStart, j.ScanEnd);
        var mask = (1 << j.Precision) - 1;
        var restartRow = 0;
        for (var y = 0; y < h; y++)
        {
            if (j.RestartInterval > 0 && y > 0 && (y * w) % j.RestartInterval == 0) { r.ReadRestart(); restartRow = y; }
            for (var x = 0; x < w; x++)
                for (var c = 0; c < nc; c++)
                {
                    var s = img.Samples[c];
                    var t = j.Dc[j.Components[c].Td]!.Decode(r);
                    int diff = t == 16 ? 32768 : JpegBitReader.Extend(r.Receive(t), t);
                    var p = Predict(s, x, y, w, j, restartRow);
                    s[(y * w) + x] = (p + diff) & 0xFFFF;
                }
        }
        return img;
    }

    private static void CheckRestart(JpegStream j)
    {
        if (j.RestartInterval > 0 && j.RestartInterval % j.Width != 0) throw new NotSupportedException("lossless JPEG with restart intervals that are not whole rows cannot be cleaned here");
    }

    private static int Predict(int[] s, int x, int y, int w, JpegStream j, int restartRow)
    {
        if (y == restartRow)
            return x == 0 ? 1 << (j.Precision - j.Al - 1) : s[(y * w) + x - 1];
        if (x == 0) return s[((y - 1) * w) + x];
        int ra = s[(y * w) + x - 1], rb = s[((y - 1) * w) + x], rc = s[((y - 1) * w) + x - 1];
        return j.Ss switch
        {
            1 => ra,
            2 => rb,
            3 => rc,
            4 => ra + rb - rc,
            5 => ra + ((rb - rc) >> 1),
            6 => rb + ((ra - rc) >> 1),
            _ => (ra + rb) >> 1,
        };
    }

    /// <summary>Encodes with the stream's predictor, point transform and tables (new tables only when a symbol is missing).</summary>
    internal static byte[] Encode(JpegLosslessImage img, List<string> warnings)
    {
        try
        {
            return EncodeWith(img, null);
        }
        catch (MissingHuffmanSymbolException ex)
        {
            warnings.Add("JPEG lossless: " + ex.Message + "; Huffman tables rebuilt from the differences (samples unchanged)");
            var j = img.Stream;
            var freq = new long[4][];
            for (var i = 0; i < 4; i++) freq[i] = new long[256];
            Walk(img, (c, cat, diff) => freq[j.Components[c].Td][cat]++, null);
            var list = new List<(int, int, JpegHuffmanTable)>();
            var done = new bool[4];
            foreach (var c in j.Components)
            {
                if (done[c.Td]) continue;
                done[c.Td] = true;
                j.Dc[c.Td] = JpegHuffmanTable.Optimal(freq[c.Td]);
                list.Add((0, c.Td, j.Dc[c.Td]!));
            }
            return EncodeWith(img, JpegStream.Dht(list));
        }
    }

    private static byte[] EncodeWith(JpegLosslessImage img, byte[]? newDht)
    {
        var j = img.Stream;
        using var ms = new MemoryStream(j.Data.Length + 1024);
        j.WriteHeader(ms, newDht);
        var w = new JpegBitWriter(ms);
        Walk(img, (c, cat, diff) =>
        {
            j.Dc[j.Components[c].Td]!.Encode(w, cat);
            if (cat != 16) w.PutValue(diff, cat);
        }, n => w.Marker(0xD0 + (n & 7)));
        w.Align();
        ms.WriteByte(0xFF);
        ms.WriteByte(0xD9);
        return ms.ToArray();
    }

    private static void Walk(JpegLosslessImage img, Action<int, int, int> sample, Action<int>? restart)
    {
        var j = img.Stream;
        int w = j.Width, h = j.Height, nc = j.Components.Count;
        var restartRow = 0;
        var rst = 0;
        for (var y = 0; y < h; y++)
        {
            if (j.RestartInterval > 0 && y > 0 && (y * w) % j.RestartInterval == 0) { restart?.Invoke(rst++); restartRow = y; }
            for (var x = 0; x < w; x++)
                for (var c = 0; c < nc; c++)
                {
                    var s = img.Samples[c];
                    var p = Predict(s, x, y, w, j, restartRow);
                    var diff = (s[(y * w) + x] - p) & 0xFFFF;
                    if (diff >= 32768) diff -= 65536;
                    int cat;
                    if (diff == -32768) { cat = 16; diff = 32768; }
                    else cat = JpegBitWriter.Category(diff);
                    sample(c, cat, diff);
                }
        }
    }
}
