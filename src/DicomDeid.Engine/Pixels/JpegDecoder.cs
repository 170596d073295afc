using System;

namespace DicomDeid.Engine.Pixels;

/// <summary>Decodes sequential DCT JPEG (baseline/extended) to samples per component at full resolution (for viewing and checks).</summary>
internal static class JpegDecoder
{
    private static readonly double[,] Cos = BuildCos();

    private static double[,] BuildCos()
    {
        var c = new double[8, 8];
        for (var x = 0; x < 8; x++)
            for (var u = 0; u < 8; u++)
                c[x, u] = (u == 0 ? Math.Sqrt(0.5) : 1.0) * Math.Cos(((2 * x) + 1) * u * Math.PI / 16) / 2;
        return c;
    }

    /// <summary>Samples per component (not colour converted), each Width×Height, clamped to the precision.</summary>
    internal static int[][] DecodeToSamples(byte[] jpeg, out int width, out int height, out int precision)
    {
        var j = JpegBlockEditor.DecodeCoefficients(jpeg);
        width = j.Width;
        height = j.Height;
        precision = j.Precision;
        var max = (1 << j.Precision) - 1;
        var shift = 1 << (j.Precision - 1);
        var result = new int[j.Components.Count][];
        var block = new double[64];
        var tmp = new double[64];
        for (var ci = 0; ci < j.Components.Count; ci++)
        {
            var c = j.Components[ci];
            var q = j.Quant[c.Tq];
            int cw = c.BlocksPerLine * 8, ch = c.BlocksPerColumn * 8;
            var plane = new int[cw * ch];
            for (var by = 0; by < c.BlocksPerColumn; by++)
                for (var bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    var o = ((by * c.BlocksPerLine) + bx) * 64;
                    Array.Clear(block, 0, 64);
                    for (var k = 0; k < 64; k++) block[JpegStream.ZigZag[k]] = c.Coefficients![o + k] * q[k];
                    for (var y = 0; y < 8; y++)
                        for (var u = 0; u < 8; u++)
                        {
                            double s = 0;
                            for (var v = 0; v < 8; v++) s += Cos[y, v] * block[(v * 8) + u];
                            tmp[(y * 8) + u] = s;
                        }
                    for (var y = 0; y < 8; y++)
                        for (var x = 0; x < 8; x++)
                        {
                            double s = 0;
                            for (var u = 0; u < 8; u++) s += Cos[x, u] * tmp[(y * 8) + u];
                            var val = (int)Math.Round(s) + shift;
                            plane[(((by * 8) + y) * cw) + (bx * 8) + x] = val < 0 ? 0 : val > max ? max : val;
                        }
                }
            // Upsample by replication to full resolution.
            var full = new int[width * height];
            int sx = j.MaxH / c.H, sy = j.MaxV / c.V;
            if (j.Components.Count == 1) sx = sy = 1;
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    int px = x / sx, py = y / sy;
                    full[(y * width) + x] = px < cw && py < ch ? plane[(py * cw) + px] : 0;
                }
            result[ci] = full;
        }
        return result;
    }
}
