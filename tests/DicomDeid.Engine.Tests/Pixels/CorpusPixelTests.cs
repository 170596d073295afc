using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Pixels;
using Xunit;
using Xunit.Abstractions;

namespace DicomDeid.Engine.Tests.Pixels;

public class CorpusPixelTests
{
    private readonly ITestOutputHelper _out;

    public CorpusPixelTests(ITestOutputHelper output) => _out = output;

    internal static string CorpusRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("repository root (DicomDeid.sln) not found above " + AppContext.BaseDirectory);
        var root = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "public"));
        if (!File.Exists(Path.Combine(root, "manifest.tsv"))) root = "/work/shared/corpus/public";
        if (!File.Exists(Path.Combine(root, "manifest.tsv"))) throw new InvalidOperationException("the public corpus (../shared/corpus/public/manifest.tsv) is missing; CI provides it");
        return root;
    }

    internal static IEnumerable<(string Path, string Ts)> CorpusFiles()
    {
        var root = CorpusRoot();
        var lines = File.ReadAllLines(Path.Combine(root, "manifest.tsv"));
        var head = lines[0].Split('\t');
        int file = Array.IndexOf(head, "file"), ts = Array.IndexOf(head, "transfer_syntax_uid"), ok = Array.IndexOf(head, "pydicom_2_3_1");
        foreach (var l in lines.Skip(1))
        {
            var f = l.Split('\t');
            if (f[ok].StartsWith("auxiliary", StringComparison.Ordinal)) continue;
            yield return (Path.Combine(root, f[file]), f[ts]);
        }
    }

    private static readonly HashSet<string> Renderable = new(StringComparer.Ordinal)
    {
        "", "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
        "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
    };

    [Fact]
    public void EveryCorpusImageWithNativeRleOrJpegPixelsExportsAValidPng()
    {
        var exported = 0;
        foreach (var (path, ts) in CorpusFiles())
        {
            if (!Renderable.Contains(ts)) continue;
            DicomFile file;
            try
            {
                file = DicomFileReader.Read(path);
            }
            catch (DicomFormatException ex)
            {
                _out.WriteLine($"{Path.GetFileName(path)}: the codec does not read it ({ex.Message})");
                continue;
            }
            if (file.Dataset.Get(DicomTag.PixelData) is null) continue;
            var why = DicomImageRenderer.WhyCannotRender(file);
            if (why is not null && why.Contains("BitsAllocated 1", StringComparison.Ordinal)) continue; // SEG bit masks are not pictures
            if (why is not null && why.Contains("BitsAllocated 32", StringComparison.Ordinal)) continue; // RT dose grids
            if (why is not null && why.Contains("Rows/Columns", StringComparison.Ordinal)) continue; // pixel data without an image (test files)
            Assert.True(why is null, path + ": " + why);
            var img = DicomImageRenderer.FrameCount(file) > 1 ? DicomImageRenderer.ContactSheet(file, maxFrames: 4) : DicomImageRenderer.RenderFrame(file, 1);
            using var ms = new MemoryStream();
            DicomImageRenderer.WritePng(img, ms);
            CheckPng(ms.ToArray(), img.Width, img.Height);
            exported++;
            _out.WriteLine($"{Path.GetFileName(path)}: {img.Width}x{img.Height} {img.Windowing}");
        }
        Assert.True(exported >= 40, "exported " + exported);
    }

    internal static void CheckPng(byte[] png, int width, int height)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.AsSpan(0, 8).ToArray());
        var p = 8;
        using var idat = new MemoryStream();
        var sawEnd = false;
        while (p < png.Length)
        {
            var len = (png[p] << 24) | (png[p + 1] << 16) | (png[p + 2] << 8) | png[p + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, p + 4, 4);
            var crc = (uint)((png[p + 8 + len] << 24) | (png[p + 9 + len] << 16) | (png[p + 10 + len] << 8) | png[p + 11 + len]);
            Assert.Equal(BitwiseCrc(png.AsSpan(p + 4, len + 4)), crc);
            if (type == "IHDR")
            {
                Assert.Equal(width, (png[p + 8] << 24) | (png[p + 9] << 16) | (png[p + 10] << 8) | png[p + 11]);
                Assert.Equal(height, (png[p + 12] << 24) | (png[p + 13] << 16) | (png[p + 14] << 8) | png[p + 15]);
            }
            if (type == "IDAT") idat.Write(png, p + 8, len);
            if (type == "IEND") sawEnd = true;
            p += 12 + len;
        }
        Assert.True(sawEnd);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw); // throws on a bad Adler-32 or stream
        Assert.Equal((long)height * ((width * 3) + 1), raw.Length);
    }

    // Bit-by-bit CRC-32 (independent of the table-driven one under test).
    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void EveryCompressedCorpusFileRoundTripsByteIdenticalWhenCleaningIsOff()
    {
        var n = 0;
        var changed = new List<string>();
        foreach (var (path, ts) in CorpusFiles())
        {
            if (ts.Length == 0 || !DicomTransferSyntax.Lookup(ts).IsEncapsulated) continue;
            var file = DicomFileReader.Read(path);
            var risk = BurnedInRiskAssessor.Assess(file.Dataset);
            var decision = PixelDecision.Decide(risk, Array.Empty<PixelRegion>(), file.TransferSyntax, cleanRequested: false, quarantineThreshold: BurnedInRisk.Declared);
            Assert.NotEqual(PixelDecisionKind.Clean, decision.Kind);
            using var ms = new MemoryStream();
            DicomFileWriter.Write(file, ms);
            var original = File.ReadAllBytes(path);
            var written = ms.ToArray();
            // The codec writes encapsulated Pixel Data with VR OB as PS3.5 A.4 requires: an "OW" there becomes "OB" and nothing else changes.
            var ow = FindEncapsulatedOw(original);
            if (ow >= 0 && written.Length == original.Length && written[ow] == (byte)'B') original[ow] = (byte)'B';
            if (!original.AsSpan().SequenceEqual(written))
            {
                var at = 0;
                while (at < original.Length && at < written.Length && original[at] == written[at]) at++;
                changed.Add(Path.GetFileName(path) + " (first difference at byte " + at + " of " + original.Length + "/" + written.Length + ")");
            }
            n++;
        }
        Assert.True(n >= 10, "compressed files: " + n);
        Assert.True(changed.Count == 0, "changed on a read/write round trip: " + string.Join(", ", changed));
    }

    private static int FindEncapsulatedOw(byte[] b)
    {
        for (var i = 132; i + 12 <= b.Length; i++)
            if (b[i] == 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0 && b[i + 4] == (byte)'O' && b[i + 5] == (byte)'W' && b[i + 8] == 0xFF && b[i + 9] == 0xFF && b[i + 10] == 0xFF && b[i + 11] == 0xFF)
                return i + 5;
        return -1;
    }

    [Fact]
    public void UltrasoundJpeg2000WithTextIsQuarantined()
    {
        var path = CorpusFiles().Single(f => f.Path.EndsWith("US1_J2KI.dcm", StringComparison.Ordinal)).Path;
        var file = DicomFileReader.Read(path);
        var risk = BurnedInRiskAssessor.Assess(file.Dataset);
        Assert.True(risk.Risk >= BurnedInRisk.Likely, risk.ToString());
        var d = PixelDecision.Decide(risk, new[] { new PixelRegion(0, 0, 100, 40) }, file.TransferSyntax, cleanRequested: true);
        Assert.Equal(PixelDecisionKind.Quarantine, d.Kind);
        Assert.Equal(PixelDecisionKind.Quarantine, PixelDecision.Decide(risk, Array.Empty<PixelRegion>(), file.TransferSyntax, cleanRequested: false).Kind);
        using var refused = PixelRedactor.Redact(file, new[] { new PixelRegion(0, 0, 100, 40) });
        Assert.False(refused.Cleaned);
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(ms.ToArray()), "a refused file must stay untouched");
    }

    public static IEnumerable<object[]> CompressedImages() => new[]
    {
        new object[] { "SC_rgb_jpeg_dcmtk.dcm" }, new object[] { "examples_ybr_color.dcm" }, new object[] { "JPEG-lossy.dcm" },
        new object[] { "JPGLosslessP14SV1_1s_1f_8b.dcm" }, new object[] { "MR_small_RLE.dcm" }, new object[] { "SC_rgb_rle_2frame.dcm" },
        new object[] { "OBXXXX1A_rle.dcm" }, new object[] { "JPEGwithIcon.dcm" }, new object[] { "GH1261.dcm" }, new object[] { "MR_small.dcm" }, new object[] { "MR_small_bigendian.dcm" }, new object[] { "image_dfl.dcm" }, new object[] { "emri_small.dcm" },
    };

    [Theory]
    [MemberData(nameof(CompressedImages))]
    public void CorpusImagesAreCleanedAndDcmtkStillDecodesThem(string name)
    {
        var path = CorpusFiles().Where(f => Path.GetFileName(f.Path) == name).Select(f => f.Path).FirstOrDefault();
        Assert.True(path is not null, name + " is not in the corpus");
        var file = DicomFileReader.Read(path!);
        var before = PixelFrameDecoder.Decode(file, 1);
        var region = new PixelRegion(0, 0, Math.Min(40, before.Width), Math.Min(20, before.Height));
        using var result = PixelRedactor.Redact(file, new[] { region }, PixelFill.Black);
        Assert.True(result.Cleaned, result.Refusal);
        Assert.Null(file.Dataset.Get(new DicomTag(0x00880200)));
        var after = PixelFrameDecoder.Decode(file, 1);
        var layout = PixelLayout.TryRead(file.Dataset, out _)!;
        var fill = PixelFill.Black.Resolve(layout, file.Dataset);
        if (after.Color == "YBR" && fill.Length == 3 && fill[1] == 0) fill = new[] { 0, 1 << (after.BitsStored - 1), 1 << (after.BitsStored - 1) }; // JPEG codes RGB images as YCbCr
        var b = result.Blanked.First(r => r.Frame == 1);
        var outsideDiff = 0;
        for (var c = 0; c < after.Samples.Length; c++)
            for (var y = 0; y < after.Height; y++)
                for (var x = 0; x < after.Width; x++)
                {
                    var i = (y * after.Width) + x;
                    var inside = x >= b.X0 && x < b.X1 && y >= b.Y0 && y < b.Y1;
                    if (inside) Assert.True(Math.Abs(after.Samples[c][i] - fill[c]) <= 2, $"{name}: component {c} at {x},{y} is {after.Samples[c][i]}, fill {fill[c]}");
                    else if (before.Samples[c][i] != after.Samples[c][i]) outsideDiff++;
                }
        Assert.Equal(0, outsideDiff);
        var tmp = Path.Combine(Path.GetTempPath(), "dicomdeid-clean-" + Guid.NewGuid().ToString("N") + ".dcm");
        try
        {
            using (var fs = File.Create(tmp)) DicomFileWriter.Write(file, fs);
            var reread = DicomFileReader.Read(tmp);
            Assert.Equal("NO", reread.Dataset.GetString(new DicomTag(0x00280301)));
            var tool = file.TransferSyntax.Uid == "1.2.840.10008.1.2.5" ? "dcmdrle" : file.TransferSyntax.IsEncapsulated ? "dcmdjpeg" : null;
            if (tool is not null) Synthetic.Run(tool, tmp + " " + tmp + ".raw.dcm");
        }
        finally
        {
            File.Delete(tmp);
            File.Delete(tmp + ".raw.dcm");
        }
    }
}
