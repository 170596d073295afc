using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>A rectangle that probably holds a line of burned-in text (a proposal, not a proof).</summary>
public sealed class TextRegionFinding
{
    internal TextRegionFinding(int frame, int x0, int y0, int x1, int y1, int glyphs, double score)
    {
        Frame = frame; X0 = x0; Y0 = y0; X1 = x1; Y1 = y1; Glyphs = glyphs; Score = score;
    }

    /// <summary>Frame number (1-based).</summary>
    public int Frame { get; }
    /// <summary>Left edge (inclusive).</summary>
    public int X0 { get; }
    /// <summary>Top edge (inclusive).</summary>
    public int Y0 { get; }
    /// <summary>Right edge (exclusive).</summary>
    public int X1 { get; }
    /// <summary>Bottom edge (exclusive).</summary>
    public int Y1 { get; }
    /// <summary>Number of glyph-like strokes grouped into the line.</summary>
    public int Glyphs { get; }
    /// <summary>Confidence in 0..1 (more glyphs, more regular heights and spacing: higher).</summary>
    public double Score { get; }

    /// <summary>The finding as a region to blank (this frame only), tagged <c>detector</c>.</summary>
    public PixelRegion ToRegion() => new(X0, Y0, X1, Y1, Frame, Frame, PixelTarget.PixelData, "detector");

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "frame {0} [{1},{2})x[{3},{4}) {5} glyphs score {6:0.00}", Frame, X0, X1, Y0, Y1, Glyphs, Score);
}

/// <summary>Tuning of <see cref="TextRegionDetector"/>.</summary>
public sealed class TextDetectorOptions
{
    /// <summary>How much brighter than its neighbourhood a stroke pixel must be (0..255 scale).</summary>
    public int LocalContrast { get; set; } = 40;
    /// <summary>Smallest stroke brightness (0..255 scale).</summary>
    public int MinimumBrightness { get; set; } = 100;
    /// <summary>Smallest glyph height in pixels.</summary>
    public int MinimumGlyphHeight { get; set; } = 5;
    /// <summary>Largest glyph height in pixels.</summary>
    public int MaximumGlyphHeight { get; set; } = 48;
    /// <summary>Fewest glyphs that make a line.</summary>
    public int MinimumGlyphsPerLine { get; set; } = 3;
    /// <summary>Largest standard deviation of stroke brightness inside a glyph (text is drawn in one colour; speckle is not).</summary>
    public double MaximumGlyphDeviation { get; set; } = 30;
    /// <summary>Pixels added around each line.</summary>
    public int Padding { get; set; } = 2;
}

/// <summary>
/// Proposes rectangles of burned-in text without OCR: the frame is reduced to 8-bit brightness, pixels clearly brighter
/// than their 15×15 neighbourhood become strokes, 8-connected strokes of glyph size and even brightness become glyphs,
/// and glyphs of similar height side by side on one baseline become text lines. Bright text on a darker background
/// (the usual overlay) is found; dark text on a bright background is not.
/// </summary>
public static class TextRegionDetector
{
    /// <summary>Finds likely text lines in frame <paramref name="frame"/> (1-based) of <paramref name="file"/>.</summary>
    public static IReadOnlyList<TextRegionFinding> Detect(DicomFile file, int frame = 1, TextDetectorOptions? options = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var f = PixelFrameDecoder.Decode(file, frame);
        var gray = ToGray(f);
        var list = new List<TextRegionFinding>();
        foreach (var (x0, y0, x1, y1, n, s) in DetectGray(gray, f.Width, f.Height, options ?? new TextDetectorOptions()))
            list.Add(new TextRegionFinding(frame, x0, y0, x1, y1, n, s));
        return list;
    }

    // Brightness 0..255: colour -> the brightest channel (coloured text counts), grey -> min/max stretch.
    internal static byte[] ToGray(DecodedFrame f)
    {
        var n = f.Width * f.Height;
        var g = new byte[n];
        var shift = Math.Max(0, f.BitsStored - 8);
        if (f.Samples.Length == 3)
        {
            for (var i = 0; i < n; i++)
            {
                int a = f.Samples[0][i] >> shift, b = f.Samples[1][i] >> shift, c = f.Samples[2][i] >> shift;
                if (f.Color == "YBR")
                {
                    double y = a, cb = b - 128, cr = c - 128;
                    a = (int)(y + (1.402 * cr)); b = (int)(y - (0.344136 * cb) - (0.714136 * cr)); c = (int)(y + (1.772 * cb));
                }
                var m = Math.Max(a, Math.Max(b, c));
                g[i] = (byte)(m < 0 ? 0 : m > 255 ? 255 : m);
            }
            return g;
        }
        var s = f.Samples[0];
        int min = int.MaxValue, max = int.MinValue;
        foreach (var v in s) { if (v < min) min = v; if (v > max) max = v; }
        double range = Math.Max(1, max - min);
        var invert = f.Color == "MONOCHROME1";
        for (var i = 0; i < n; i++)
        {
            var v = (int)((s[i] - min) * 255 / range);
            g[i] = (byte)(invert ? 255 - v : v);
        }
        return g;
    }

    internal static List<(int X0, int Y0, int X1, int Y1, int Glyphs, double Score)> DetectGray(byte[] g, int w, int h, TextDetectorOptions o)
    {
        // Integral image for the local mean.
        var integral = new long[(w + 1) * (h + 1)];
        for (var y = 0; y < h; y++)
        {
            long row = 0;
            for (var x = 0; x < w; x++)
            {
                row += g[(y * w) + x];
                integral[((y + 1) * (w + 1)) + x + 1] = integral[(y * (w + 1)) + x + 1] + row;
            }
        }
        const int r = 7;
        var mask = new bool[w * h];
        for (var y = 0; y < h; y++)
        {
            int ya = Math.Max(0, y - r), yb = Math.Min(h, y + r + 1);
            for (var x = 0; x < w; x++)
            {
                var v = g[(y * w) + x];
                if (v < o.MinimumBrightness) continue;
                int xa = Math.Max(0, x - r), xb = Math.Min(w, x + r + 1);
                var sum = integral[(yb * (w + 1)) + xb] - integral[(ya * (w + 1)) + xb] - integral[(yb * (w + 1)) + xa] + integral[(ya * (w + 1)) + xa];
                var mean = (double)sum / ((yb - ya) * (xb - xa));
                if (v - mean >= o.LocalContrast) mask[(y * w) + x] = true;
            }
        }

        // 8-connected components of stroke pixels -> glyph candidates.
        var glyphs = new List<(int X0, int Y0, int X1, int Y1, int Count, double Mean)>();
        var seen = new bool[w * h];
        var stack = new Stack<int>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (!mask[i] || seen[i]) continue;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1, count = 0;
            double s1 = 0, s2 = 0;
            stack.Push(i);
            seen[i] = true;
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int px = p % w, py = p / w;
                count++;
                double v = g[p];
                s1 += v; s2 += v * v;
                if (px < x0) x0 = px;
                if (px > x1) x1 = px;
                if (py < y0) y0 = py;
                if (py > y1) y1 = py;
                if (count > 4 * o.MaximumGlyphHeight * o.MaximumGlyphHeight) continue; // far too big: stop growing, rejected below
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = px + dx, ny = py + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                        var q = (ny * w) + nx;
                        if (mask[q] && !seen[q]) { seen[q] = true; stack.Push(q); }
                    }
            }
            int gw = x1 - x0 + 1, gh = y1 - y0 + 1;
            if (gh < o.MinimumGlyphHeight || gh > o.MaximumGlyphHeight) continue;
            if (count < 4) continue;
            var fill = (double)count / (gw * gh);
            if (fill < 0.1 || fill > 0.95) continue;
            var mean2 = s1 / count;
            var sd = Math.Sqrt(Math.Max(0, (s2 / count) - (mean2 * mean2)));
            if (sd > o.MaximumGlyphDeviation) continue;
            // Bold or slanted letters touch: a wide even-coloured run counts as several glyphs (about one per 0.8 heights).
            var n = gw > 2 * gh ? Math.Max(2, (int)Math.Round(gw / (0.8 * gh))) : 1;
            if (n > 1 && (fill < 0.2 || fill > 0.85)) continue;
            glyphs.Add((x0, y0, x1 + 1, y1 + 1, n, mean2));
        }

        // Glyphs of similar height side by side on one line -> text lines.
        glyphs.Sort((a, b) => a.X0.CompareTo(b.X0));
        var lines = new List<Line>();
        foreach (var gl in glyphs)
        {
            var gh = gl.Y1 - gl.Y0;
            var yc = (gl.Y0 + gl.Y1) / 2.0;
            Line? best = null;
            foreach (var l in lines)
            {
                var lh = l.MedianHeight;
                if (gl.X0 - l.X1 > 2.0 * Math.Max(lh, gh)) continue;
                if (Math.Max(lh, gh) > 2.2 * Math.Min(lh, gh)) continue;
                if (Math.Abs(yc - l.CenterY) > 0.45 * Math.Max(lh, gh)) continue;
                if (Math.Abs(gl.Mean - l.Brightness) > 2 * o.MaximumGlyphDeviation) continue; // one line, one colour
                best = l;
                break;
            }
            if (best is null) { best = new Line(); lines.Add(best); }
            best.Add(gl);
        }
        var result = new List<(int, int, int, int, int, double)>();
        foreach (var l in lines)
        {
            if (l.Count < o.MinimumGlyphsPerLine) continue;
            if (l.X1 - l.X0 < 1.5 * l.MedianHeight) continue;
            if (l.HeightSpread > 0.5 || l.BrightnessSpread > o.MaximumGlyphDeviation) continue;
            // Short lines must look typeset: letters of one cap height on one top line (noise blobs rarely are).
            if (l.Count < 5 && (l.MaxHeight - l.MinHeight > Math.Max(1, 0.12 * l.MaxHeight) || l.TopSpread > 1)) continue;
            var score = Math.Min(1.0, l.Count / 8.0) * (1.0 - Math.Min(0.5, l.HeightSpread));
            result.Add((Math.Max(0, l.X0 - o.Padding), Math.Max(0, l.Y0 - o.Padding), Math.Min(w, l.X1 + o.Padding), Math.Min(h, l.Y1 + o.Padding), l.Count, score));
        }
        return result;
    }

    private sealed class Line
    {
        private readonly List<int> _heights = new();
        internal int X0 = int.MaxValue;
        internal int Y0 = int.MaxValue;
        internal int X1 = int.MinValue;
        internal int Y1 = int.MinValue;
        private double _centerSum;

        internal int Count => _heights.Count;
        internal double CenterY => _centerSum / Math.Max(1, Count);

        internal double MedianHeight
        {
            get
            {
                var s = new List<int>(_heights);
                s.Sort();
                return s[s.Count / 2];
            }
        }

        internal double HeightSpread
        {
            get
            {
                double min = double.MaxValue, max = 0;
                foreach (var v in _heights) { if (v < min) min = v; if (v > max) max = v; }
                return (max - min) / Math.Max(1, max);
            }
        }

        private readonly List<double> _means = new();
        private readonly List<int> _tops = new();

        internal int MaxHeight => _heights.Count == 0 ? 0 : _heights.Max();
        internal int MinHeight => _heights.Count == 0 ? 0 : _heights.Min();
        internal int TopSpread => _tops.Count == 0 ? 0 : _tops.Max() - _tops.Min();

        internal double Brightness
        {
            get
            {
                double t = 0;
                foreach (var m in _means) t += m;
                return t / Math.Max(1, _means.Count);
            }
        }

        internal double BrightnessSpread
        {
            get
            {
                var b = Brightness;
                double t = 0;
                foreach (var m in _means) t += (m - b) * (m - b);
                return Math.Sqrt(t / Math.Max(1, _means.Count));
            }
        }

        internal void Add((int X0, int Y0, int X1, int Y1, int Count, double Mean) g)
        {
            _means.Add(g.Mean);
            _tops.Add(g.Y0);
            for (var i = 0; i < g.Count; i++)
            {
                _heights.Add(g.Y1 - g.Y0);
                _centerSum += (g.Y0 + g.Y1) / 2.0;
            }
            X0 = Math.Min(X0, g.X0); Y0 = Math.Min(Y0, g.Y0); X1 = Math.Max(X1, g.X1); Y1 = Math.Max(Y1, g.Y1);
        }
    }
}
