using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>
/// Clean Pixel Data: overwrites rectangles of the stored pixel values with a fill value, in the transfer syntax
/// the file already has. Native: the bytes in the rectangles change and no other byte does. RLE Lossless: touched
/// frames are decoded, blanked and re-encoded (untouched frames keep their fragments). JPEG Baseline/Extended: whole
/// MCUs that meet a rectangle get the fill level (DC) and no detail (AC = 0); every other block keeps its coefficients
/// (no generation loss). JPEG Lossless: decoded, blanked and encoded again losslessly with the same predictor.
/// Anything else is refused, and a refused file is left exactly as it was.
/// </summary>
public static class PixelRedactor
{
    internal const string Rle = "1.2.840.10008.1.2.5";
    internal const string JpegBaseline = "1.2.840.10008.1.2.4.50";
    internal const string JpegExtended = "1.2.840.10008.1.2.4.51";
    internal const string JpegLossless = "1.2.840.10008.1.2.4.57";
    internal const string JpegLosslessSV1 = "1.2.840.10008.1.2.4.70";

    /// <summary>Native pixel data larger than this is streamed frame by frame through a temporary file.</summary>
    internal static long InMemoryLimit { get; set; } = 64L * 1024 * 1024;

    /// <summary>Null when pixel data in <paramref name="transferSyntax"/> can be cleaned; otherwise the reason it cannot.</summary>
    public static string? WhyCannotClean(DicomTransferSyntax transferSyntax)
    {
        if (transferSyntax is null) throw new ArgumentNullException(nameof(transferSyntax));
        if (!transferSyntax.IsEncapsulated) return null;
        switch (transferSyntax.Uid)
        {
            case Rle:
            case JpegBaseline:
            case JpegExtended:
            case JpegLossless:
            case JpegLosslessSV1:
                return null;
            default:
                return "pixel data in " + transferSyntax.Name + " (" + transferSyntax.Uid + ") cannot be cleaned: no decoder/encoder for it here";
        }
    }

    /// <summary>
    /// Blanks <paramref name="regions"/> (targets <see cref="PixelTarget.PixelData"/>; other targets only cause the
    /// overlays and icon to be removed, which happens on every successful clean) in <paramref name="file"/>, in place.
    /// On success also sets Burned In Annotation to NO and removes overlay groups (60xx) and the Icon Image Sequence;
    /// the caller adds code 113101 when <see cref="PixelRedactionResult.AddCleanPixelDataCode"/> is set.
    /// </summary>
    public static PixelRedactionResult Redact(DicomFile file, IReadOnlyList<PixelRegion> regions, PixelFill? fill = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        if (regions is null) throw new ArgumentNullException(nameof(regions));
        fill ??= PixelFill.Black;
        var ds = file.Dataset;
        var element = ds.Get(PixelTags.PixelData);
        if (element is null) return new PixelRedactionResult("the file has no Pixel Data (7FE0,0010)");
        var why = WhyCannotClean(file.TransferSyntax);
        if (why is not null) return new PixelRedactionResult(why);
        var layout = PixelLayout.TryRead(ds, out var problem);
        if (layout is null) return new PixelRedactionResult("cannot clean: " + problem);
        var fills = fill.Resolve(layout, ds);

        var perFrame = new List<PixelRegion>?[layout.Frames];
        var any = false;
        foreach (var r in regions)
        {
            if (r is null || r.Target != PixelTarget.PixelData) continue;
            var c = r.ClipTo(layout.Columns, layout.Rows);
            if (c.IsEmpty) continue;
            var last = Math.Min(layout.Frames, c.LastFrame);
            for (var f = c.FirstFrame; f <= last; f++) (perFrame[f - 1] ??= new List<PixelRegion>()).Add(c);
            any |= c.FirstFrame <= last;
        }
        if (!any)
            return new PixelRedactionResult(string.Format(CultureInfo.InvariantCulture, "no rectangle falls inside the image ({0} frame(s) of {1}x{2}); nothing blanked", layout.Frames, layout.Columns, layout.Rows));

        var result = new PixelRedactionResult(null) { FrameCount = layout.Frames };
        DicomElement replacement;
        try
        {
            var uid = file.TransferSyntax.IsEncapsulated ? file.TransferSyntax.Uid : string.Empty;
            switch (uid)
            {
                case Rle:
                    replacement = RedactRle(element, layout, fills, perFrame, result);
                    break;
                case JpegBaseline:
                case JpegExtended:
                    replacement = RedactJpeg(element, layout, fills, perFrame, result, lossless: false);
                    break;
                case JpegLossless:
                case JpegLosslessSV1:
                    replacement = RedactJpeg(element, layout, fills, perFrame, result, lossless: true);
                    break;
                default:
                    replacement = RedactNative(element, layout, fills, perFrame, result);
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or DicomFormatException or IOException)
        {
            result.Dispose();
            return new PixelRedactionResult("cannot clean: " + ex.Message);
        }

        ds.Set(replacement);
        ds.SetString(PixelTags.BurnedInAnnotation, DicomVR.CS, "NO");
        result.BurnedInAnnotationSetToNo = true;
        result.AddCleanPixelDataCode = true;
        RemoveOverlaysAndIcon(ds, result);
        return result;
    }

    /// <summary>Removes overlay groups 6000-601E and the Icon Image Sequence; records what went.</summary>
    internal static void RemoveOverlaysAndIcon(DicomDataset ds, PixelRedactionResult result)
    {
        var groups = new SortedSet<ushort>();
        ds.RemoveAll(e =>
        {
            var g = e.Tag.Group;
            if (g < 0x6000 || g > 0x601E || (g & 1) == 1) return false;
            groups.Add(g);
            return true;
        });
        foreach (var g in groups) result.OverlaysRemoved.Add(g.ToString("X4", CultureInfo.InvariantCulture));
        result.IconImageRemoved = ds.Remove(PixelTags.IconImageSequence);
    }

    private static void Record(PixelRedactionResult result, int frame, List<PixelRegion> rects)
    {
        foreach (var r in rects) result.Blanked.Add(new BlankedRectangle(frame, r.X0, r.Y0, r.X1, r.Y1, r.RuleId));
        result.FramesChanged++;
    }

    private static DicomElement RedactNative(DicomElement element, PixelLayout l, int[] fill, List<PixelRegion>?[] perFrame, PixelRedactionResult result)
    {
        if (element is DicomFragmentSequence) throw new InvalidDataException("native transfer syntax but encapsulated pixel data");
        result.Method = "native";
        var fb = NativeBlanker.FrameBytes(l);
        var v = element.Value;
        if (v.Length < fb * l.Frames) throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture, "Pixel Data has {0} bytes; {1} frame(s) of {2} bytes are expected", v.Length, l.Frames, fb));
        var is422 = l.Photometric == "YBR_FULL_422" && l.SamplesPerPixel == 3;
        List<PixelRegion> Grow(List<PixelRegion> rects)
        {
            if (!is422) return rects;
            var g = new List<PixelRegion>(rects.Count);
            foreach (var r in rects) g.Add(new PixelRegion(r.X0 & ~1, r.Y0, Math.Min(l.Columns, (r.X1 + 1) & ~1), r.Y1, r.FirstFrame, r.LastFrame, r.Target, r.RuleId));
            return g;
        }

        if (!v.IsDeferred || v.Length <= InMemoryLimit)
        {
            var bytes = v.IsDeferred ? v.GetBytes() : (byte[])v.GetBytes().Clone();
            for (var f = 0; f < l.Frames; f++)
            {
                if (perFrame[f] is not { } rects) continue;
                rects = Grow(rects);
                NativeBlanker.Blank(bytes.AsSpan((int)(f * fb), (int)fb), l, fill, rects);
                Record(result, f + 1, rects);
            }
            return new DicomElement(element.Tag, element.VR, new DicomValue(bytes));
        }

        // Large: one frame at a time from the source into a temporary file, so memory stays at one frame.
        var tmp = new TempFileByteSource();
        result.Own(tmp);
        var buffer = new byte[fb];
        using (var src = v.Source!.OpenRead())
        {
            src.Position = v.Offset;
            for (var f = 0; f < l.Frames; f++)
            {
                ReadExactly(src, buffer, (int)fb);
                if (v.SourceSwapUnit > 1) ByteSwap.InPlace(buffer, v.SourceSwapUnit);
                if (perFrame[f] is { } rects)
                {
                    rects = Grow(rects);
                    NativeBlanker.Blank(buffer, l, fill, rects);
                    Record(result, f + 1, rects);
                }
                tmp.Writer.Write(buffer, 0, (int)fb);
            }
            var rest = v.Length - (fb * l.Frames);
            while (rest > 0)
            {
                var n = (int)Math.Min(buffer.Length, rest);
                ReadExactly(src, buffer, n);
                if (v.SourceSwapUnit > 1) ByteSwap.InPlace(buffer.AsSpan(0, n), v.SourceSwapUnit);
                tmp.Writer.Write(buffer, 0, n);
                rest -= n;
            }
        }
        tmp.Writer.Flush();
        return new DicomElement(element.Tag, element.VR, new DicomValue(tmp, 0, v.Length));
    }

    private static void ReadExactly(Stream s, byte[] buffer, int count)
    {
        var o = 0;
        while (o < count)
        {
            var n = s.Read(buffer, o, count - o);
            if (n <= 0) throw new InvalidDataException("the pixel data ended early");
            o += n;
        }
    }

    private static DicomElement RedactRle(DicomElement element, PixelLayout l, int[] fill, List<PixelRegion>?[] perFrame, PixelRedactionResult result)
    {
        result.Method = "rle";
        if (element is not DicomFragmentSequence seq) throw new InvalidDataException("RLE transfer syntax but the pixel data is not encapsulated");
        var map = EncapsulatedFrames.Map(seq, l.Frames, jpeg: false, out var problem) ?? throw new InvalidDataException(problem);
        var planes = l.SamplesPerPixel * l.BytesPerSample;
        var fragments = new List<DicomValue>();
        var starts = new List<int>();
        for (var f = 0; f < l.Frames; f++)
        {
            starts.Add(fragments.Count);
            if (perFrame[f] is not { } rects)
            {
                foreach (var i in map[f]) fragments.Add(seq.Fragments[i]);
                continue;
            }
            var decoded = RleCodec.DecodePlanes(EncapsulatedFrames.FrameBytes(seq, map[f]), l.Rows, l.Columns, planes);
            foreach (var r in rects) RleCodec.Blank(decoded, l, fill, r.X0, r.Y0, r.X1, r.Y1);
            fragments.Add(new DicomValue(RleCodec.EncodePlanes(decoded, l.Rows, l.Columns)));
            Record(result, f + 1, rects);
        }
        return Rebuild(seq, fragments, starts);
    }

    private static DicomFragmentSequence Rebuild(DicomFragmentSequence seq, List<DicomValue> fragments, List<int> starts)
    {
        var n = new DicomFragmentSequence(seq.Tag, seq.VR) { OffsetTable = EncapsulatedFrames.OffsetTable(seq.OffsetTable.Length > 0, fragments, starts) };
        n.Fragments.AddRange(fragments);
        return n;
    }

    private static DicomElement RedactJpeg(DicomElement element, PixelLayout l, int[] fill, List<PixelRegion>?[] perFrame, PixelRedactionResult result, bool lossless)
    {
        result.Method = lossless ? "jpeg-lossless" : "jpeg-baseline-blocks";
        if (element is not DicomFragmentSequence seq) throw new InvalidDataException("JPEG transfer syntax but the pixel data is not encapsulated");
        var map = EncapsulatedFrames.Map(seq, l.Frames, jpeg: true, out var problem) ?? throw new InvalidDataException(problem);
        var fragments = new List<DicomValue>();
        var starts = new List<int>();
        for (var f = 0; f < l.Frames; f++)
        {
            starts.Add(fragments.Count);
            if (perFrame[f] is not { } rects)
            {
                foreach (var i in map[f]) fragments.Add(seq.Fragments[i]);
                continue;
            }
            var jpeg = EncapsulatedFrames.FrameBytes(seq, map[f]);
            List<PixelRegion> blanked;
            byte[] encoded;
            if (lossless)
            {
                var img = JpegLosslessCodec.Decode(jpeg);
                foreach (var r in rects) img.Blank(fill, r.X0, r.Y0, r.X1, r.Y1);
                encoded = JpegLosslessCodec.Encode(img, result.Warnings);
                blanked = rects;
            }
            else
            {
                encoded = JpegBlockEditor.BlankBlocks(jpeg, fill, rects, out blanked, result.Warnings);
            }
            if ((encoded.Length & 1) == 1)
            {
                Array.Resize(ref encoded, encoded.Length + 1); // PS3.5 A.4: fragments have even length; a trailing 00 follows EOI
            }
            fragments.Add(new DicomValue(encoded));
            Record(result, f + 1, blanked);
        }
        return Rebuild(seq, fragments, starts);
    }
}
