using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>An 8-bit RGB picture for a person to look at.</summary>
public sealed class RenderedImage
{
    /// <summary>Creates a black picture.</summary>
    public RenderedImage(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "a picture needs at least one pixel");
        Width = width;
        Height = height;
        Rgb = new byte[width * height * 3];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }
    /// <summary>Pixels, row by row, R G B per pixel.</summary>
    public byte[] Rgb { get; }
    /// <summary>How grey values were mapped, e.g. "window 40/400 (file)" or "min/max -1024..3071".</summary>
    public string Windowing { get; internal set; } = string.Empty;

    /// <summary>Copies <paramref name="src"/> with its top-left corner at (x, y), cut at the edges.</summary>
    public void Paste(RenderedImage src, int x, int y)
    {
        if (src is null) throw new ArgumentNullException(nameof(src));
        for (var row = 0; row < src.Height; row++)
        {
            var ty = y + row;
            if (ty < 0 || ty >= Height) continue;
            var x0 = Math.Max(0, x);
            var x1 = Math.Min(Width, x + src.Width);
            if (x1 <= x0) continue;
            Buffer.BlockCopy(src.Rgb, ((row * src.Width) + (x0 - x)) * 3, Rgb, ((ty * Width) + x0) * 3, (x1 - x0) * 3);
        }
    }
}

/// <summary>Renders frames for viewing (window/level, MONOCHROME1 inverted, palettes applied, YBR converted) and writes PNG.</summary>
public static class DicomImageRenderer
{
    /// <summary>Null when frames of <paramref name="file"/> can be rendered; otherwise why not.</summary>
    public static string? WhyCannotRender(DicomFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        if (file.Dataset.Get(PixelTags.PixelData) is null) return "the file has no Pixel Data";
        var l = PixelLayout.TryRead(file.Dataset, out var problem);
        return l is null ? problem : PixelFrameDecoder.WhyCannotDecode(file);
    }

    /// <summary>Number of frames.</summary>
    public static int FrameCount(DicomFile file) => Math.Max(1, PixelLayout.Int(file?.Dataset ?? throw new ArgumentNullException(nameof(file)), PixelTags.NumberOfFrames, 1));

    /// <summary>Renders frame <paramref name="frame"/> (1-based). Window: given, else the file's first window, else min/max of the frame.</summary>
    public static RenderedImage RenderFrame(DicomFile file, int frame, double? windowCenter = null, double? windowWidth = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var f = PixelFrameDecoder.Decode(file, frame);
        var img = new RenderedImage(f.Width, f.Height);
        var n = f.Width * f.Height;
        var rgb = img.Rgb;
        if (f.Samples.Length == 3)
        {
            var shift = Math.Max(0, f.BitsStored - 8);
            for (var i = 0; i < n; i++)
            {
                int a = f.Samples[0][i] >> shift, b = f.Samples[1][i] >> shift, c = f.Samples[2][i] >> shift;
                if (f.Color == "YBR")
                {
                    var y = a; double cb = b - 128, cr = c - 128;
                    a = ClampByte(y + (1.402 * cr));
                    b = ClampByte(y - (0.344136 * cb) - (0.714136 * cr));
                    c = ClampByte(y + (1.772 * cb));
                }
                rgb[3 * i] = (byte)ClampByte(a); rgb[(3 * i) + 1] = (byte)ClampByte(b); rgb[(3 * i) + 2] = (byte)ClampByte(c);
            }
            img.Windowing = "colour";
            return img;
        }
        var ds = file.Dataset;
        var s = f.Samples[0];
        if (f.Color == "PALETTE COLOR" && Palette(ds, s, rgb))
        {
            img.Windowing = "palette";
            return img;
        }
        var slope = Number(ds, PixelTags.RescaleSlope) ?? 1;
        var intercept = Number(ds, PixelTags.RescaleIntercept) ?? 0;
        double wc, ww;
        if (windowCenter is not null && windowWidth is not null && windowWidth > 0)
        {
            wc = windowCenter.Value; ww = windowWidth.Value;
            img.Windowing = string.Format(CultureInfo.InvariantCulture, "window {0}/{1} (given)", wc, ww);
        }
        else if (Number(ds, PixelTags.WindowCenter) is { } fc && Number(ds, PixelTags.WindowWidth) is { } fw && fw > 0)
        {
            wc = fc; ww = fw;
            img.Windowing = string.Format(CultureInfo.InvariantCulture, "window {0}/{1} (file)", wc, ww);
        }
        else
        {
            int min = int.MaxValue, max = int.MinValue;
            foreach (var v in s) { if (v < min) min = v; if (v > max) max = v; }
            double lo = (min * slope) + intercept, hi = (max * slope) + intercept;
            if (lo > hi) (lo, hi) = (hi, lo);
            wc = (lo + hi) / 2; ww = Math.Max(1, hi - lo);
            img.Windowing = string.Format(CultureInfo.InvariantCulture, "min/max {0}..{1}", lo, hi);
        }
        var invert = f.Color == "MONOCHROME1";
        double low = wc - (ww / 2);
        for (var i = 0; i < n; i++)
        {
            var v = (s[i] * slope) + intercept;
            var g = ClampByte((v - low) / ww * 255.0);
            if (invert) g = 255 - g;
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = (byte)g;
        }
        return img;
    }

    /// <summary>A grid of frames (up to <paramref name="maxFrames"/>), <paramref name="columns"/> across (0: about square), 4-pixel gaps.</summary>
    public static RenderedImage ContactSheet(DicomFile file, double? windowCenter = null, double? windowWidth = null, int columns = 0, int maxFrames = 100)
    {
        var frames = Math.Min(FrameCount(file), Math.Max(1, maxFrames));
        var first = RenderFrame(file, 1, windowCenter, windowWidth);
        var cols = columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(frames));
        var rows = (frames + cols - 1) / cols;
        const int gap = 4;
        var sheet = new RenderedImage((cols * (first.Width + gap)) - gap, (rows * (first.Height + gap)) - gap) { Windowing = first.Windowing };
        for (var i = 0; i < frames; i++)
        {
            var img = i == 0 ? first : RenderFrame(file, i + 1, windowCenter, windowWidth);
            sheet.Paste(img, (i % cols) * (first.Width + gap), (i / cols) * (first.Height + gap));
        }
        return sheet;
    }

    /// <summary>Two pictures side by side (e.g. before and after a redaction), 8-pixel gap.</summary>
    public static RenderedImage SideBySide(RenderedImage left, RenderedImage right)
    {
        if (left is null) throw new ArgumentNullException(nameof(left));
        if (right is null) throw new ArgumentNullException(nameof(right));
        const int gap = 8;
        var r = new RenderedImage(left.Width + gap + right.Width, Math.Max(left.Height, right.Height)) { Windowing = left.Windowing + " | " + right.Windowing };
        r.Paste(left, 0, 0);
        r.Paste(right, left.Width + gap, 0);
        return r;
    }

    /// <summary>Writes <paramref name="image"/> as PNG (8-bit RGB, zlib via DeflateStream, CRC-32 per chunk, Adler-32).</summary>
    public static void WritePng(RenderedImage image, Stream output)
    {
        if (image is null) throw new ArgumentNullException(nameof(image));
        if (output is null) throw new ArgumentNullException(nameof(output));
        output.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 0, 8);
        var ihdr = new byte[13];
        BigEndian(ihdr, 0, (uint)image.Width);
        BigEndian(ihdr, 4, (uint)image.Height);
        ihdr[8] = 8; ihdr[9] = 2; // 8 bits, truecolour
        Chunk(output, "IHDR", ihdr, ihdr.Length);
        using var z = new MemoryStream();
        z.WriteByte(0x78); z.WriteByte(0x9C);
        uint a = 1, b = 0;
        var stride = image.Width * 3;
        var row = new byte[stride + 1];
        var prev = new byte[stride];
        using (var deflate = new DeflateStream(z, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < image.Height; y++)
            {
                // Filter "Up" (2): small differences compress well and decoding stays trivial.
                row[0] = 2;
                var o = y * stride;
                for (var i = 0; i < stride; i++) row[i + 1] = (byte)(image.Rgb[o + i] - prev[i]);
                Buffer.BlockCopy(image.Rgb, o, prev, 0, stride);
                deflate.Write(row, 0, row.Length);
                foreach (var v in row) { a = (a + v) % 65521; b = (b + a) % 65521; }
            }
        }
        var adler = (b << 16) | a;
        z.WriteByte((byte)(adler >> 24)); z.WriteByte((byte)(adler >> 16)); z.WriteByte((byte)(adler >> 8)); z.WriteByte((byte)adler);
        Chunk(output, "IDAT", z.GetBuffer(), (int)z.Length);
        Chunk(output, "IEND", Array.Empty<byte>(), 0);
    }

    private static void Chunk(Stream s, string type, byte[] data, int length)
    {
        var head = new byte[8];
        BigEndian(head, 0, (uint)length);
        for (var i = 0; i < 4; i++) head[4 + i] = (byte)type[i];
        s.Write(head, 0, 8);
        s.Write(data, 0, length);
        var crc = Crc32.Update(0xFFFFFFFF, head, 4, 4);
        crc = Crc32.Update(crc, data, 0, length) ^ 0xFFFFFFFF;
        var tail = new byte[4];
        BigEndian(tail, 0, crc);
        s.Write(tail, 0, 4);
    }

    private static void BigEndian(byte[] b, int o, uint v)
    {
        b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
    }

    private static int ClampByte(double v) => v < 0 ? 0 : v > 255 ? 255 : (int)(v + 0.5);

    private static double? Number(DicomDataset ds, DicomTag tag)
    {
        var s = ds.GetString(tag);
        if (string.IsNullOrWhiteSpace(s)) return null;
        return double.TryParse(s!.Split('\\')[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static bool Palette(DicomDataset ds, int[] s, byte[] rgb)
    {
        var desc = ds.Get(PixelTags.RedPaletteDescriptor);
        var r = ds.Get(PixelTags.RedPaletteData)?.Value.GetBytes();
        var g = ds.Get(PixelTags.GreenPaletteData)?.Value.GetBytes();
        var b = ds.Get(PixelTags.BluePaletteData)?.Value.GetBytes();
        if (desc is null || r is null || g is null || b is null || desc.Length < 6) return false;
        var d = desc.Value.GetBytes();
        int count = BitConverterLE.UInt16(d), first = BitConverterLE.UInt16(d.AsSpan(2)), bits = BitConverterLE.UInt16(d.AsSpan(4));
        if (count == 0) count = 65536;
        var wide = bits > 8 || r.Length >= 2 * count;
        for (var i = 0; i < s.Length; i++)
        {
            var k = s[i] - first;
            k = k < 0 ? 0 : k >= count ? count - 1 : k;
            rgb[3 * i] = Entry(r, k, wide); rgb[(3 * i) + 1] = Entry(g, k, wide); rgb[(3 * i) + 2] = Entry(b, k, wide);
        }
        return true;
    }

    private static byte Entry(byte[] lut, int k, bool wide) => wide ? (2 * k) + 1 < lut.Length ? lut[(2 * k) + 1] : (byte)0 : k < lut.Length ? lut[k] : (byte)0;
}

/// <summary>CRC-32 (ISO 3309, as PNG uses).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    private static uint[] Build()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }

    internal static uint Update(uint crc, byte[] data, int offset, int count)
    {
        for (var i = 0; i < count; i++) crc = Table[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
