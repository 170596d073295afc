using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;
using Xunit;

namespace DicomDeid.Engine.Tests.Pixels;

public class PixelRedactorTests
{
    private static readonly (int, int, int, int) TextBox = (8, 4, 40, 14);

    public static IEnumerable<object[]> NativeFormats() => new[]
    {
        new object[] { 1, 8, 8, false, "MONOCHROME2", 0, 1 },
        new object[] { 1, 16, 16, false, "MONOCHROME2", 0, 1 },
        new object[] { 1, 16, 12, false, "MONOCHROME1", 0, 1 },
        new object[] { 1, 16, 16, true, "MONOCHROME2", 0, 1 },
        new object[] { 1, 8, 8, false, "PALETTE COLOR", 0, 1 },
        new object[] { 3, 8, 8, false, "RGB", 0, 1 },
        new object[] { 3, 8, 8, false, "RGB", 1, 1 },
        new object[] { 3, 8, 8, false, "YBR_FULL", 0, 3 },
        new object[] { 1, 8, 8, false, "MONOCHROME2", 0, 4 },
    };

    [Theory]
    [MemberData(nameof(NativeFormats))]
    public void NativeBlanksInsideAndKeepsEveryOtherByte(int spp, int ba, int bs, bool signed, string pi, int planar, int frames)
    {
        var max = bs == 8 ? 255 : (1 << (bs - 1)) - 1;
        var ds = Synthetic.Image(48, 64, spp, ba, bs, signed, pi, planar, frames, Synthetic.Pattern(Math.Min(max, 250), TextBox));
        var before = ds.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        var file = Synthetic.File(ds);
        var region = new PixelRegion(8, 4, 40, 14, firstFrame: frames > 1 ? 2 : 1, lastFrame: frames > 1 ? 2 : int.MaxValue);
        using var result = PixelRedactor.Redact(file, new[] { region }, PixelFill.FromValue(0));
        Assert.True(result.Cleaned, result.Refusal);
        var after = file.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes();
        Assert.Equal(before.Length, after.Length);
        int bps = ba / 8, frameBytes = 48 * 64 * spp * bps;
        var changedOutside = 0;
        var textLeft = 0;
        for (var i = 0; i < before.Length; i++)
        {
            var f = (i / frameBytes) + 1;
            var (x, y) = Position(i % frameBytes, spp, bps, planar, 64, 48);
            var inside = region.AppliesToFrame(f) && region.Contains(x, y);
            if (!inside && before[i] != after[i]) changedOutside++;
            if (inside && after[i] != 0) textLeft++;
        }
        Assert.Equal(0, changedOutside);
        Assert.Equal(0, textLeft);
        Assert.Equal(1, result.FramesChanged);
        Assert.Equal("NO", file.Dataset.GetString(new DicomTag(0x00280301)));
        Assert.True(result.AddCleanPixelDataCode);
    }

    private static (int X, int Y) Position(int offset, int spp, int bps, int planar, int cols, int rows)
    {
        var sample = offset / bps;
        if (spp == 1 || planar == 0) { var p = sample / spp; return (p % cols, p / cols); }
        var q = sample % (cols * rows);
        return (q % cols, q / cols);
    }

    [Fact]
    public void LargeNativeIsStreamedThroughATemporaryFileWithTheSameResult()
    {
        var ds = Synthetic.Image(32, 32, 1, 16, 16, false, "MONOCHROME2", 0, 6, Synthetic.Pattern(4000, (0, 0, 16, 8)));
        var bytes = ds.Get(DicomTag.PixelData)!.Value.GetBytes();
        var path = System.IO.Path.GetTempFileName();
        System.IO.File.WriteAllBytes(path, bytes);
        var deferred = new DicomElement(DicomTag.PixelData, DicomVR.OW, new DicomValue(new FileByteSource(path), 0, bytes.Length));
        ds.Set(deferred);
        var old = PixelRedactor.InMemoryLimit;
        try
        {
            PixelRedactor.InMemoryLimit = 100;
            var file = Synthetic.File(ds);
            using var result = PixelRedactor.Redact(file, new[] { new PixelRegion(0, 0, 16, 8) }, PixelFill.Black);
            Assert.True(result.Cleaned, result.Refusal);
            Assert.Equal(6, result.FramesChanged);
            var v = file.Dataset.Get(DicomTag.PixelData)!.Value;
            Assert.True(v.IsDeferred);
            var after = v.GetBytes();
            var expected = (byte[])bytes.Clone();
            for (var f = 0; f < 6; f++)
                for (var y = 0; y < 8; y++)
                    Array.Clear(expected, (f * 32 * 32 * 2) + (y * 64), 32);
            Assert.Equal(expected, after);
        }
        finally
        {
            PixelRedactor.InMemoryLimit = old;
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void OverlaysAndIconAreRemovedAndRefusalLeavesFileUntouched()
    {
        var ds = Synthetic.Image(16, 16, 1, 8, 8, false, "MONOCHROME2", 0, 1, Synthetic.Pattern(255));
        ds.Set(new DicomElement(new DicomTag(0x60003000), DicomVR.OW, new DicomValue(new byte[32])));
        ds.Set(new DicomSequence(new DicomTag(0x00880200)));
        var file = Synthetic.File(ds);
        using (var none = PixelRedactor.Redact(file, new[] { new PixelRegion(100, 100, 120, 120) }))
        {
            Assert.False(none.Cleaned);
            Assert.NotNull(file.Dataset.Get(new DicomTag(0x60003000)));
            Assert.Null(file.Dataset.Get(new DicomTag(0x00280301)));
        }
        using var r = PixelRedactor.Redact(file, new[] { new PixelRegion(0, 0, 4, 4) });
        Assert.True(r.Cleaned);
        Assert.Equal(new[] { "6000" }, r.OverlaysRemoved);
        Assert.True(r.IconImageRemoved);
        Assert.Null(file.Dataset.Get(new DicomTag(0x60003000)));
    }

    [Fact]
    public void Jpeg2000IsRefusedAndTheDecisionQuarantines()
    {
        var ds = Synthetic.Image(16, 16, 1, 8, 8, false, "MONOCHROME2", 0, 1, Synthetic.Pattern(255));
        ds.SetString(new DicomTag(0x00280301), DicomVR.CS, "YES");
        var file = Synthetic.File(ds, "1.2.840.10008.1.2.4.90");
        var refused = PixelRedactor.Redact(file, new[] { new PixelRegion(0, 0, 4, 4) });
        Assert.False(refused.Cleaned);
        Assert.Contains("cannot be cleaned", refused.Refusal, StringComparison.Ordinal);
        var risk = BurnedInRiskAssessor.Assess(ds);
        Assert.Equal(BurnedInRisk.Declared, risk.Risk);
        var d = PixelDecision.Decide(risk, new[] { new PixelRegion(0, 0, 4, 4) }, file.TransferSyntax, cleanRequested: true);
        Assert.Equal(PixelDecisionKind.Quarantine, d.Kind);
        Assert.Contains("1.2.840.10008.1.2.4.90", d.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 1, "MONOCHROME2")]
    [InlineData(16, 1, "MONOCHROME2")]
    [InlineData(8, 3, "RGB")]
    public void RleDecodesLikeTheSourceAndBlanksOnlyInside(int bits, int spp, string pi)
    {
        var ds = Synthetic.Image(40, 56, spp, bits, bits, false, pi, 0, 2, Synthetic.Pattern(bits == 8 ? 250 : 60000, (5, 5, 30, 17)));
        var native = ds.Get(DicomTag.PixelData)!.Value.GetBytes();
        var file = Synthetic.Compressed(ds, "dcmcrle", "", "1.2.840.10008.1.2.5");
        var seq = (DicomFragmentSequence)file.Dataset.Get(DicomTag.PixelData)!;
        var layout = PixelLayout.TryRead(file.Dataset, out _)!;
        var frameBytes = 40 * 56 * spp * (bits / 8);
        for (var f = 0; f < 2; f++)
            Assert.Equal(native.AsSpan(f * frameBytes, frameBytes).ToArray(), RleCodec.ToNative(RleCodec.DecodePlanes(seq.Fragments[f].GetBytes(), 40, 56, spp * bits / 8), layout));
        var untouchedFrame1 = seq.Fragments[0];
        using var r = PixelRedactor.Redact(file, new[] { new PixelRegion(5, 5, 30, 17, 2, 2) }, PixelFill.FromValue(0));
        Assert.True(r.Cleaned, r.Refusal);
        var after = (DicomFragmentSequence)file.Dataset.Get(DicomTag.PixelData)!;
        Assert.Same(untouchedFrame1, after.Fragments[0]);
        var decoded = RleCodec.ToNative(RleCodec.DecodePlanes(after.Fragments[1].GetBytes(), 40, 56, spp * bits / 8), layout);
        var pixel = spp * bits / 8;
        for (var i = 0; i < frameBytes; i++)
        {
            int p = i / pixel, x = p % 56, y = p / 56;
            if (x >= 5 && x < 30 && y >= 5 && y < 17) Assert.Equal(0, decoded[i]);
            else Assert.Equal(native[frameBytes + i], decoded[i]);
        }
    }

    [Theory]
    [InlineData("+eb", "1.2.840.10008.1.2.4.50", 1)]
    [InlineData("+eb", "1.2.840.10008.1.2.4.50", 3)]
    [InlineData("+ee", "1.2.840.10008.1.2.4.51", 1)]
    public void JpegBaselineBlanksWholeBlocksAndKeepsEveryOtherCoefficient(string option, string ts, int spp)
    {
        var ds = Synthetic.Image(64, 80, spp, 8, 8, false, spp == 3 ? "RGB" : "MONOCHROME2", 0, 1, Synthetic.Pattern(250, (10, 10, 45, 22)));
        var file = Synthetic.Compressed(ds, "dcmcjpeg", option, ts);
        if (spp == 3) file.Dataset.SetString(new DicomTag(0x00280004), DicomVR.CS, "YBR_FULL_422");
        var before = ((DicomFragmentSequence)file.Dataset.Get(DicomTag.PixelData)!).Fragments[0].GetBytes();
        var orig = JpegBlockEditor.DecodeCoefficients(before);
        using var r = PixelRedactor.Redact(file, new[] { new PixelRegion(10, 10, 45, 22) }, PixelFill.Black);
        Assert.True(r.Cleaned, r.Refusal);
        var after = ((DicomFragmentSequence)file.Dataset.Get(DicomTag.PixelData)!).Fragments[0].GetBytes();
        var edited = JpegBlockEditor.DecodeCoefficients(after);
        var blanked = r.Blanked.Single();
        Assert.True(blanked.X0 <= 10 && blanked.Y0 <= 10 && blanked.X1 >= 45 && blanked.Y1 >= 22);
        int mcuW = orig.Components.Count > 1 ? 8 * orig.MaxH : 8, mcuH = orig.Components.Count > 1 ? 8 * orig.MaxV : 8;
        var same = 0;
        var cleared = 0;
        for (var c = 0; c < orig.Components.Count; c++)
        {
            var oc = orig.Components[c];
            var ec = edited.Components[c];
            int bw = mcuW / (orig.Components.Count > 1 ? oc.H : 1), bh = mcuH / (orig.Components.Count > 1 ? oc.V : 1);
            for (var by = 0; by < oc.BlocksPerColumn; by++)
                for (var bx = 0; bx < oc.BlocksPerLine; bx++)
                {
                    var o = ((by * oc.BlocksPerLine) + bx) * 64;
                    int px = bx * bw, py = by * bh;
                    var inside = px >= blanked.X0 && px < blanked.X1 && py >= blanked.Y0 && py < blanked.Y1;
                    if (inside)
                    {
                        for (var k = 1; k < 64; k++) Assert.Equal(0, ec.Coefficients![o + k]);
                        cleared++;
                    }
                    else
                    {
                        Assert.Equal(oc.Coefficients!.AsSpan(o, 64).ToArray(), ec.Coefficients!.AsSpan(o, 64).ToArray());
                        same++;
                    }
                }
        }
        Assert.True(cleared > 0 && same > 0);
        // The blanked area decodes to the fill (black) level.
        var pixels = JpegDecoder.DecodeToSamples(after, out _, out _, out _);
        for (var y = blanked.Y0; y < blanked.Y1; y++)
            for (var x = blanked.X0; x < blanked.X1; x++) Assert.True(pixels[0][(y * 80) + x] <= 1, $"luma {pixels[0][(y * 80) + x]} at {x},{y}");
    }

    [Theory]
    [InlineData("+e1", "1.2.840.10008.1.2.4.70", 8)]
    [InlineData("+el", "1.2.840.10008.1.2.4.57", 16)]
    public void JpegLosslessIsBitExactOutsideAndBlankInside(string option, string ts, int bits)
    {
        var ds = Synthetic.Image(40, 48, 1, bits, bits, false, "MONOCHROME2", 0, 1, Synthetic.Pattern(bits == 8 ? 250 : 60000, (4, 4, 30, 12)));
        var native = ds.Get(DicomTag.PixelData)!.Value.GetBytes();
        var file = Synthetic.Compressed(ds, "dcmcjpeg", option, ts);
        var jpeg = ((DicomFragmentSequence)file.Dataset.Get(DicomTag.PixelData)!).Fragments[0].GetBytes();
        var orig = JpegLosslessCodec.Decode(jpeg);
        for (var i = 0; i < 40 * 48; i++) Assert.Equal(bits == 8 ? native[i] : BitConverter.ToUInt16(native, 2 * i), orig.Value(0, i % 48, i / 48));
        using var r = PixelRedactor.Redact(file, new[] { new PixelRegion(4, 4, 30, 12) }, PixelFill.FromValue(0));
        Assert.True(r.Cleaned, r.Refusal);
        var after = JpegLosslessCodec.Decode(((DicomFragmentSequence)file.Dataset.Get(DicomTag.PixelData)!).Fragments[0].GetBytes());
        for (var y = 0; y < 40; y++)
            for (var x = 0; x < 48; x++)
                Assert.Equal(x >= 4 && x < 30 && y >= 4 && y < 12 ? 0 : orig.Value(0, x, y), after.Value(0, x, y));
    }
}
