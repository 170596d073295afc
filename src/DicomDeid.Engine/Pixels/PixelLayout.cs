using System;
using System.Globalization;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>The Image Pixel module attributes that say how the stored values are laid out.</summary>
internal sealed class PixelLayout
{
    internal int Rows { get; private set; }
    internal int Columns { get; private set; }
    internal int SamplesPerPixel { get; private set; }
    internal int BitsAllocated { get; private set; }
    internal int BitsStored { get; private set; }
    internal int HighBit { get; private set; }
    internal bool Signed { get; private set; }
    internal int PlanarConfiguration { get; set; }
    internal int Frames { get; private set; }
    internal string Photometric { get; private set; } = "MONOCHROME2";

    internal int BytesPerSample => BitsAllocated / 8;
    internal long FrameBytes => (long)Rows * Columns * SamplesPerPixel * BytesPerSample;
    internal bool IsMonochrome1 => Photometric == "MONOCHROME1";
    internal bool IsYbr => Photometric.StartsWith("YBR", StringComparison.Ordinal);

    /// <summary>Reads the layout; <paramref name="problem"/> says why it cannot be used.</summary>
    internal static PixelLayout? TryRead(DicomDataset ds, out string? problem)
    {
        problem = null;
        var l = new PixelLayout
        {
            Rows = Int(ds, PixelTags.Rows, -1),
            Columns = Int(ds, PixelTags.Columns, -1),
            SamplesPerPixel = Int(ds, PixelTags.SamplesPerPixel, 1),
            BitsAllocated = Int(ds, PixelTags.BitsAllocated, -1),
            PlanarConfiguration = Int(ds, PixelTags.PlanarConfiguration, 0),
            Frames = Math.Max(1, Int(ds, PixelTags.NumberOfFrames, 1)),
            Photometric = (ds.GetString(PixelTags.PhotometricInterpretation) ?? "MONOCHROME2").Trim().ToUpperInvariant(),
        };
        l.BitsStored = Int(ds, PixelTags.BitsStored, l.BitsAllocated);
        l.HighBit = Int(ds, PixelTags.HighBit, l.BitsStored - 1);
        l.Signed = Int(ds, PixelTags.PixelRepresentation, 0) == 1;
        if (l.Rows <= 0 || l.Columns <= 0) problem = "Rows/Columns missing or zero";
        else if (l.BitsAllocated != 8 && l.BitsAllocated != 16) problem = "BitsAllocated " + l.BitsAllocated.ToString(CultureInfo.InvariantCulture) + " is not supported (8 or 16)";
        else if (l.BitsStored < 1 || l.BitsStored > l.BitsAllocated) problem = "BitsStored " + l.BitsStored.ToString(CultureInfo.InvariantCulture) + " is not valid for BitsAllocated " + l.BitsAllocated.ToString(CultureInfo.InvariantCulture);
        else if (l.SamplesPerPixel != 1 && l.SamplesPerPixel != 3) problem = "SamplesPerPixel " + l.SamplesPerPixel.ToString(CultureInfo.InvariantCulture) + " is not supported (1 or 3)";
        else if (l.SamplesPerPixel == 3 && l.Photometric != "RGB" && l.Photometric != "YBR_FULL" && l.Photometric != "YBR_FULL_422" && l.Photometric != "YBR_ICT" && l.Photometric != "YBR_RCT")
            problem = "PhotometricInterpretation " + l.Photometric + " with 3 samples is not supported";
        else if (l.SamplesPerPixel == 1 && l.Photometric != "MONOCHROME1" && l.Photometric != "MONOCHROME2" && l.Photometric != "PALETTE COLOR")
            problem = "PhotometricInterpretation " + l.Photometric + " with 1 sample is not supported";
        return problem is null ? l : null;
    }

    internal static int Int(DicomDataset ds, DicomTag tag, int fallback)
    {
        var e = ds.Get(tag);
        if (e is null || e.Length == 0) return fallback;
        if (e.VR == DicomVR.US || e.VR == DicomVR.SS)
        {
            var b = e.Value.GetBytes();
            if (b.Length < 2) return fallback;
            var v = BitConverterLE.UInt16(b);
            return e.VR == DicomVR.SS ? (short)v : v;
        }
        if (e.VR == DicomVR.UL || e.VR == DicomVR.SL)
        {
            var b = e.Value.GetBytes();
            return b.Length < 4 ? fallback : (int)BitConverterLE.UInt32(b);
        }
        var s = e.GetString(null).Split('\\')[0].Trim();
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (int)d : fallback;
    }
}

/// <summary>What value blanked pixels get.</summary>
public sealed class PixelFill
{
    private PixelFill(bool black, int value)
    {
        IsBlack = black;
        Value = value;
    }

    /// <summary>Black on display: the lowest stored value (highest for MONOCHROME1), RGB 0,0,0, YBR 0,128,128, the darkest palette entry.</summary>
    public static PixelFill Black { get; } = new(true, 0);

    /// <summary>A given stored value for every sample (for colour images: every channel).</summary>
    public static PixelFill FromValue(int value) => new(false, value);

    /// <summary>True for <see cref="Black"/>.</summary>
    public bool IsBlack { get; }

    /// <summary>The stored value when not <see cref="Black"/>.</summary>
    public int Value { get; }

    /// <summary>The stored value per sample (1 or 3 entries) for an image of <paramref name="layout"/>.</summary>
    internal int[] Resolve(PixelLayout layout, DicomDataset ds)
    {
        var n = layout.SamplesPerPixel;
        var r = new int[n];
        if (!IsBlack)
        {
            for (var i = 0; i < n; i++) r[i] = Value;
            return r;
        }
        if (n == 3)
        {
            if (layout.IsYbr) { r[0] = 0; r[1] = r[2] = 1 << (layout.BitsStored - 1); }
            return r;
        }
        if (layout.Photometric == "PALETTE COLOR")
        {
            r[0] = PaletteDarkest(ds, layout);
            return r;
        }
        var bs = layout.BitsStored;
        var min = layout.Signed ? -(1 << (bs - 1)) : 0;
        var max = layout.Signed ? (1 << (bs - 1)) - 1 : (1 << bs) - 1;
        r[0] = layout.IsMonochrome1 ? max : min;
        return r;
    }

    // The palette index whose colour is darkest; first mapped value when the palette cannot be read.
    private static int PaletteDarkest(DicomDataset ds, PixelLayout layout)
    {
        var desc = ds.Get(PixelTags.RedPaletteDescriptor);
        if (desc is null || desc.Length < 6) return 0;
        var d = desc.Value.GetBytes();
        int count = BitConverterLE.UInt16(d), first = BitConverterLE.UInt16(d.AsSpan(2)), bits = BitConverterLE.UInt16(d.AsSpan(4));
        if (count == 0) count = 65536;
        if (layout.Signed) first = (short)first;
        var rd = ds.Get(PixelTags.RedPaletteData)?.Value.GetBytes();
        var gd = ds.Get(PixelTags.GreenPaletteData)?.Value.GetBytes();
        var bd = ds.Get(PixelTags.BluePaletteData)?.Value.GetBytes();
        if (rd is null || gd is null || bd is null) return first;
        var unit = bits > 8 || rd.Length >= count * 2 ? 2 : 1;
        long best = long.MaxValue;
        var bestIndex = 0;
        for (var i = 0; i < count; i++)
        {
            if ((i + 1) * unit > rd.Length || (i + 1) * unit > gd.Length || (i + 1) * unit > bd.Length) break;
            long sum = unit == 2 ? (long)BitConverterLE.UInt16(rd.AsSpan(i * 2)) + BitConverterLE.UInt16(gd.AsSpan(i * 2)) + BitConverterLE.UInt16(bd.AsSpan(i * 2)) : (long)rd[i] + gd[i] + bd[i];
            if (sum < best) { best = sum; bestIndex = i; }
        }
        return first + bestIndex;
    }
}
