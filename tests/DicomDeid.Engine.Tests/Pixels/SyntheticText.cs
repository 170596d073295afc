using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Tests.Pixels;

/// <summary>A labelled synthetic set: US- and CT-like noisy 8-bit images with text lines drawn from a 5×7 bitmap font at known rectangles.</summary>
internal static class SyntheticText
{
    // 5x7 font, column-major, bit 0 = top row (the classic GLCD layout).
    private static readonly Dictionary<char, byte[]> Font = new()
    {
        ['0'] = new byte[] { 0x3E, 0x51, 0x49, 0x45, 0x3E }, ['1'] = new byte[] { 0x00, 0x42, 0x7F, 0x40, 0x00 },
        ['2'] = new byte[] { 0x42, 0x61, 0x51, 0x49, 0x46 }, ['3'] = new byte[] { 0x21, 0x41, 0x45, 0x4B, 0x31 },
        ['4'] = new byte[] { 0x18, 0x14, 0x12, 0x7F, 0x10 }, ['5'] = new byte[] { 0x27, 0x45, 0x45, 0x45, 0x39 },
        ['6'] = new byte[] { 0x3C, 0x4A, 0x49, 0x49, 0x30 }, ['7'] = new byte[] { 0x01, 0x71, 0x09, 0x05, 0x03 },
        ['8'] = new byte[] { 0x36, 0x49, 0x49, 0x49, 0x36 }, ['9'] = new byte[] { 0x06, 0x49, 0x49, 0x29, 0x1E },
        ['A'] = new byte[] { 0x7E, 0x11, 0x11, 0x11, 0x7E }, ['B'] = new byte[] { 0x7F, 0x49, 0x49, 0x49, 0x36 },
        ['C'] = new byte[] { 0x3E, 0x41, 0x41, 0x41, 0x22 }, ['D'] = new byte[] { 0x7F, 0x41, 0x41, 0x22, 0x1C },
        ['E'] = new byte[] { 0x7F, 0x49, 0x49, 0x49, 0x41 }, ['F'] = new byte[] { 0x7F, 0x09, 0x09, 0x09, 0x01 },
        ['G'] = new byte[] { 0x3E, 0x41, 0x49, 0x49, 0x7A }, ['H'] = new byte[] { 0x7F, 0x08, 0x08, 0x08, 0x7F },
        ['I'] = new byte[] { 0x00, 0x41, 0x7F, 0x41, 0x00 }, ['J'] = new byte[] { 0x20, 0x40, 0x41, 0x3F, 0x01 },
        ['K'] = new byte[] { 0x7F, 0x08, 0x14, 0x22, 0x41 }, ['L'] = new byte[] { 0x7F, 0x40, 0x40, 0x40, 0x40 },
        ['M'] = new byte[] { 0x7F, 0x02, 0x0C, 0x02, 0x7F }, ['N'] = new byte[] { 0x7F, 0x04, 0x08, 0x10, 0x7F },
        ['O'] = new byte[] { 0x3E, 0x41, 0x41, 0x41, 0x3E }, ['P'] = new byte[] { 0x7F, 0x09, 0x09, 0x09, 0x06 },
        ['Q'] = new byte[] { 0x3E, 0x41, 0x51, 0x21, 0x5E }, ['R'] = new byte[] { 0x7F, 0x09, 0x19, 0x29, 0x46 },
        ['S'] = new byte[] { 0x46, 0x49, 0x49, 0x49, 0x31 }, ['T'] = new byte[] { 0x01, 0x01, 0x7F, 0x01, 0x01 },
        ['U'] = new byte[] { 0x3F, 0x40, 0x40, 0x40, 0x3F }, ['V'] = new byte[] { 0x1F, 0x20, 0x40, 0x20, 0x1F },
        ['W'] = new byte[] { 0x3F, 0x40, 0x38, 0x40, 0x3F }, ['X'] = new byte[] { 0x63, 0x14, 0x08, 0x14, 0x63 },
        ['Y'] = new byte[] { 0x07, 0x08, 0x70, 0x08, 0x07 }, ['Z'] = new byte[] { 0x61, 0x51, 0x49, 0x45, 0x43 },
    };

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    internal enum Style { Regular, Bold, Italic }

    internal sealed class Sample
    {
        public byte[] Gray = Array.Empty<byte>();
        public int Width;
        public int Height;
        public List<(int X0, int Y0, int X1, int Y1)> Lines = new();
        public bool[] Ink = Array.Empty<bool>();
        public string Kind = string.Empty;
    }

    internal static Sample Make(Random rng, bool ultrasound)
    {
        int w = ultrasound ? 640 : 512, h = ultrasound ? 480 : 512;
        var s = new Sample { Width = w, Height = h, Gray = new byte[w * h], Ink = new bool[w * h], Kind = ultrasound ? "US" : "CT" };
        if (ultrasound) Speckle(s, rng); else Ct(s, rng);
        var lines = 1 + rng.Next(4);
        var occupied = new List<(int, int, int, int)>();
        for (var i = 0; i < lines; i++)
        {
            var scale = 1 + rng.Next(3);
            var style = (Style)rng.Next(3);
            var len = 4 + rng.Next(11);
            var chars = new char[len];
            for (var k = 0; k < len; k++) chars[k] = k > 0 && k < len - 1 && rng.Next(6) == 0 ? ' ' : Alphabet[rng.Next(Alphabet.Length)];
            var text = new string(chars);
            var tw = (text.Length * 6 * scale) + (style == Style.Bold ? scale : 0) + (style == Style.Italic ? 3 * scale : 0);
            var th = 7 * scale;
            if (tw >= w - 4) continue;
            for (var attempt = 0; attempt < 20; attempt++)
            {
                // Half the lines in banners and corners, half anywhere (also over the anatomy).
                var x = rng.Next(2, w - tw - 2);
                var y = rng.Next(2) == 0 ? (rng.Next(2) == 0 ? rng.Next(2, 30) : h - th - rng.Next(2, 30)) : rng.Next(2, h - th - 2);
                var box = (x, y, x + tw, y + th);
                if (occupied.Exists(o => box.Item1 < o.Item3 + 6 && o.Item1 < box.Item3 + 6 && box.Item2 < o.Item4 + 6 && o.Item2 < box.Item4 + 6)) continue;
                occupied.Add(box);
                var level = (byte)(180 + rng.Next(76));
                var (ix0, iy0, ix1, iy1) = Draw(s, text, x, y, scale, style, level);
                if (ix1 > ix0) s.Lines.Add((ix0, iy0, ix1, iy1));
                break;
            }
        }
        return s;
    }

    private static (int, int, int, int) Draw(Sample s, string text, int x, int y, int scale, Style style, byte level)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (var c = 0; c < text.Length; c++)
        {
            if (!Font.TryGetValue(text[c], out var cols)) continue;
            for (var col = 0; col < 5; col++)
                for (var row = 0; row < 7; row++)
                {
                    if ((cols[col] >> row & 1) == 0) continue;
                    var shear = style == Style.Italic ? (6 - row) / 2 * scale : 0;
                    for (var dy = 0; dy < scale; dy++)
                        for (var dx = 0; dx < scale + (style == Style.Bold ? scale : 0); dx++)
                        {
                            int px = x + (c * 6 * scale) + (col * scale) + dx + shear, py = y + (row * scale) + dy;
                            if (px < 0 || py < 0 || px >= s.Width || py >= s.Height) continue;
                            s.Gray[(py * s.Width) + px] = level;
                            s.Ink[(py * s.Width) + px] = true;
                            x0 = Math.Min(x0, px); y0 = Math.Min(y0, py); x1 = Math.Max(x1, px + 1); y1 = Math.Max(y1, py + 1);
                        }
                }
        }
        return (x0, y0, x1, y1);
    }

    private static void Speckle(Sample s, Random rng)
    {
        // A fan of Rayleigh speckle (smoothed over 2x2) that darkens with depth; black outside.
        int w = s.Width, h = s.Height;
        var noise = new double[w * h];
        for (var i = 0; i < noise.Length; i++) noise[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble()));
        double cx = w / 2.0, top = 40;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var dx = x - cx;
                var dy = y - top;
                var r = Math.Sqrt((dx * dx) + (dy * dy));
                var angle = Math.Atan2(dx, Math.Max(1e-9, dy));
                if (dy <= 0 || r > h - 60 || Math.Abs(angle) > 0.75) continue;
                var i = (y * w) + x;
                var n = (noise[i] + noise[Math.Min(noise.Length - 1, i + 1)] + noise[Math.Min(noise.Length - 1, i + w)] + noise[Math.Min(noise.Length - 1, i + w + 1)]) / 4;
                var tissue = 70 * (1 - (r / h)) + 25 + (35 * Math.Sin(r / 23.0) * Math.Cos(angle * 7));
                s.Gray[i] = (byte)Math.Max(0, Math.Min(255, tissue * n));
            }
    }

    private static void Ct(Sample s, Random rng)
    {
        // An elliptical body of soft tissue with Gaussian noise, a bright bony ring and dark lungs.
        int w = s.Width, h = s.Height;
        double cx = w / 2.0, cy = h / 2.0;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double ex = (x - cx) / (w * 0.42), ey = (y - cy) / (h * 0.33);
                var d = (ex * ex) + (ey * ey);
                if (d > 1) { s.Gray[(y * w) + x] = (byte)rng.Next(0, 6); continue; }
                double v = 105;
                if (d > 0.85) v = 140;
                var lx = Math.Abs(x - cx) / (w * 0.16) - 1.1;
                if (((lx * lx) + (((y - cy) / (h * 0.2)) * ((y - cy) / (h * 0.2)))) < 0.6) v = 25;
                if (Math.Abs(Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy - 70) * (y - cy - 70))) - 22) < 6) v = 230;
                var g = v + (Gauss(rng) * 9);
                s.Gray[(y * w) + x] = (byte)Math.Max(0, Math.Min(255, g));
            }
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
