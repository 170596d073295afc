using System;
using System.IO;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>One decoded frame: samples per component at full resolution (sign-extended stored values), and the colour model.</summary>
internal sealed class DecodedFrame
{
    internal int Width;
    internal int Height;
    internal int[][] Samples = Array.Empty<int[]>();
    /// <summary>RGB, YBR (full range YCbCr), MONOCHROME1, MONOCHROME2 or PALETTE COLOR.</summary>
    internal string Color = "MONOCHROME2";
    internal int BitsStored = 8;
}

/// <summary>Decodes single frames of native, RLE, JPEG baseline/extended and JPEG lossless pixel data (reads only that frame).</summary>
internal static class PixelFrameDecoder
{
    internal static string? WhyCannotDecode(DicomFile file) => PixelRedactor.WhyCannotClean(file.TransferSyntax);

    internal static DecodedFrame Decode(DicomFile file, int frame)
    {
        var ds = file.Dataset;
        var l = PixelLayout.TryRead(ds, out var problem) ?? throw new NotSupportedException(problem);
        if (frame < 1 || frame > l.Frames) throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} does not exist (1..{l.Frames})");
        var element = ds.Get(PixelTags.PixelData) ?? throw new InvalidDataException("no Pixel Data");
        var why = WhyCannotDecode(file);
        if (why is not null) throw new NotSupportedException(why);
        var result = new DecodedFrame { Width = l.Columns, Height = l.Rows, BitsStored = l.BitsStored };
        var color = l.SamplesPerPixel == 3 ? (l.IsYbr ? "YBR" : "RGB") : l.Photometric;
        int n = l.Rows * l.Columns;
        if (!file.TransferSyntax.IsEncapsulated)
        {
            var fb = NativeBlanker.FrameBytes(l);
            var bytes = ReadRange(element.Value, (frame - 1) * fb, (int)fb);
            result.Samples = NativeSamples(bytes, l);
            result.Color = color;
            return result;
        }
        var seq = element as DicomFragmentSequence ?? throw new InvalidDataException("encapsulated transfer syntax but native pixel data");
        var uid = file.TransferSyntax.Uid;
        var map = EncapsulatedFrames.Map(seq, l.Frames, uid != PixelRedactor.Rle, out problem) ?? throw new InvalidDataException(problem);
        var data = EncapsulatedFrames.FrameBytes(seq, map[frame - 1]);
        if (uid == PixelRedactor.Rle)
        {
            var planes = RleCodec.DecodePlanes(data, l.Rows, l.Columns, l.SamplesPerPixel * l.BytesPerSample);
            var native = RleCodec.ToNative(planes, l);
            var pl = l.PlanarConfiguration;
            // ToNative interleaves: read it as planar configuration 0.
            l.PlanarConfiguration = 0;
            result.Samples = NativeSamples(native, l);
            l.PlanarConfiguration = pl;
            result.Color = color;
            return result;
        }
        if (uid == PixelRedactor.JpegLossless || uid == PixelRedactor.JpegLosslessSV1)
        {
            var img = JpegLosslessCodec.Decode(data);
            result.Width = img.Width;
            result.Height = img.Height;
            result.Samples = new int[img.Samples.Length][];
            for (var c = 0; c < img.Samples.Length; c++)
            {
                var s = new int[img.Width * img.Height];
                for (var i = 0; i < s.Length; i++) s[i] = Signed(img.Samples[c][i] << img.Stream.Al, l);
                result.Samples[c] = s;
            }
            result.Color = color;
            return result;
        }
        var samples = JpegDecoder.DecodeToSamples(data, out var w, out var h, out var p);
        result.Width = w;
        result.Height = h;
        result.BitsStored = p;
        result.Samples = samples;
        // Colour JPEG is YCbCr unless the header says RGB (decoders convert YBR_FULL_422 the same way).
        result.Color = samples.Length == 3 ? (l.Photometric == "RGB" && !HasJfif(data) ? "RGB" : "YBR") : color;
        if (samples.Length == 1 && l.Signed)
            for (var i = 0; i < samples[0].Length; i++) samples[0][i] = Signed(samples[0][i], l);
        return result;
    }

    private static bool HasJfif(byte[] d) => d.Length > 4 && d[2] == 0xFF && d[3] == 0xE0;

    private static int Signed(int v, PixelLayout l)
    {
        if (!l.Signed) return v & ((1 << l.BitsStored) - 1);
        v &= (1 << l.BitsStored) - 1;
        return (v & (1 << (l.BitsStored - 1))) != 0 ? v - (1 << l.BitsStored) : v;
    }

    private static int[][] NativeSamples(byte[] b, PixelLayout l)
    {
        int n = l.Rows * l.Columns, spp = l.SamplesPerPixel, bps = l.BytesPerSample;
        var r = new int[spp][];
        for (var s = 0; s < spp; s++) r[s] = new int[n];
        if (l.Photometric == "YBR_FULL_422" && spp == 3)
        {
            for (var i = 0; i + 1 < n; i += 2)
            {
                var o = i * 2 * bps;
                r[0][i] = Get(b, o, bps); r[0][i + 1] = Get(b, o + bps, bps);
                r[1][i] = r[1][i + 1] = Get(b, o + (2 * bps), bps);
                r[2][i] = r[2][i + 1] = Get(b, o + (3 * bps), bps);
            }
            return r;
        }
        for (var i = 0; i < n; i++)
            for (var s = 0; s < spp; s++)
            {
                var o = l.PlanarConfiguration == 0 || spp == 1 ? ((i * spp) + s) * bps : ((s * n) + i) * bps;
                r[s][i] = Signed(Get(b, o, bps), l);
            }
        return r;
    }

    private static int Get(byte[] b, int o, int bps) => o + bps > b.Length ? 0 : bps == 1 ? b[o] : b[o] | (b[o + 1] << 8);

    private static byte[] ReadRange(DicomValue v, long offset, int count)
    {
        var buf = new byte[count];
        if (!v.IsDeferred)
        {
            var all = v.GetBytes();
            var n = (int)Math.Max(0, Math.Min(count, all.Length - offset));
            if (n > 0) Buffer.BlockCopy(all, (int)offset, buf, 0, n);
            return buf;
        }
        using var s = v.Source!.OpenRead();
        s.Position = v.Offset + offset;
        var read = 0;
        while (read < count)
        {
            var r = s.Read(buf, read, count - read);
            if (r <= 0) break;
            read += r;
        }
        if (v.SourceSwapUnit > 1) ByteSwap.InPlace(buf, v.SourceSwapUnit);
        return buf;
    }
}
