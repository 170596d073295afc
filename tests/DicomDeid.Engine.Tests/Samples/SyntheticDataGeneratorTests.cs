using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Samples;
using Xunit;

namespace DicomDeid.Engine.Tests.Samples;

public sealed class SyntheticDataGeneratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dicomdeid-gen-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private List<GeneratedSampleFile> Generate(string name, int seed, Action<SampleSetOptions>? tweak = null)
    {
        var o = SampleSetOptions.ForPreset(SampleSetPreset.Demo);
        o.OutputPath = Path.Combine(_root, name);
        o.Seed = seed;
        tweak?.Invoke(o);
        return new SyntheticDataGenerator(o).Generate().ToList();
    }

    [Fact]
    public void SameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot()
    {
        var a = Generate("a", 42);
        var b = Generate("b", 42);
        var c = Generate("c", 43);
        Assert.Equal(17, a.Count);
        Assert.Equal(a.Select(f => f.RelativePath), b.Select(f => f.RelativePath));
        for (var i = 0; i < a.Count; i++)
            Assert.True(File.ReadAllBytes(a[i].Path).AsSpan().SequenceEqual(File.ReadAllBytes(b[i].Path)), a[i].RelativePath);
        var differing = a.Zip(c, (x, y) => !File.ReadAllBytes(x.Path).AsSpan().SequenceEqual(File.ReadAllBytes(y.Path))).Count(d => d);
        Assert.Equal(a.Count, differing);
    }

    [Fact]
    public void PlanMatchesWhatIsWritten()
    {
        var o = SampleSetOptions.ForPreset(SampleSetPreset.Demo);
        o.OutputPath = Path.Combine(_root, "p");
        var plan = new SyntheticDataGenerator(o).Plan();
        var written = new SyntheticDataGenerator(o).Generate().ToList();
        Assert.Equal(plan.Select(p => p.RelativePath), written.Select(w => w.RelativePath));
        Assert.All(written, w => Assert.Equal(new FileInfo(w.Path).Length, w.Length));
    }

    [Fact]
    public void FilesArePart10WithTheClaimedIdentityInTheirBytes()
    {
        foreach (var f in Generate("id", 7))
        {
            var bytes = File.ReadAllBytes(f.Path);
            Assert.Equal("DICM", Encoding.ASCII.GetString(bytes, 128, 4));
            var enc = f.SpecificCharacterSet switch
            {
                "ISO_IR 192" => Encoding.UTF8,
                "ISO_IR 100" => Encoding.Latin1,
                _ => Encoding.ASCII,
            };
            Assert.True(Contains(bytes, enc.GetBytes(f.PatientName)), $"{f.RelativePath}: patient name");
            Assert.True(Contains(bytes, Encoding.ASCII.GetBytes(f.PatientId)), $"{f.RelativePath}: patient ID");
            Assert.True(Contains(bytes, Encoding.ASCII.GetBytes(f.SopInstanceUid)), $"{f.RelativePath}: SOP instance UID");
            Assert.True(Contains(bytes, Encoding.ASCII.GetBytes("DICOMDEID FAKE PHI 1.0")), $"{f.RelativePath}: unsafe private creator");
            foreach (var r in f.ReferencedSopInstanceUids)
                Assert.True(Contains(bytes, Encoding.ASCII.GetBytes(r)), $"{f.RelativePath}: reference {r}");
        }
    }

    [Fact]
    public void SetHasNonAsciiCharacterSetsAndEveryKind()
    {
        var files = Generate("kinds", 3);
        Assert.Contains(files, f => f.SpecificCharacterSet == "ISO_IR 100");
        Assert.Contains(files, f => f.SpecificCharacterSet == "ISO_IR 192");
        foreach (var k in new[] { "CT", "MR", "US", "US-MF", "SR" }) Assert.Contains(files, f => f.Kind == k);
        Assert.Contains(files, f => f.Features.Contains("Overlay"));
        // References point at instances of the same study that the set contains.
        var byUid = files.ToDictionary(f => f.SopInstanceUid);
        foreach (var f in files)
            foreach (var r in f.ReferencedSopInstanceUids)
                Assert.Equal(f.StudyInstanceUid, byUid[r].StudyInstanceUid);
        Assert.Contains(files, f => f.ReferencedSopInstanceUids.Count > 0);
    }

    [Fact]
    public void DatasetCarriesIdentityAtTopLevelNestedPrivateAndOverlay()
    {
        var o = SampleSetOptions.ForPreset(SampleSetPreset.Demo);
        var gen = new SyntheticDataGenerator(o);
        var plan = gen.Plan();
        var ct = plan.Select((p, i) => (p, i)).First(x => x.p.Kind == "CT" && x.p.Features.Contains("Overlay"));
        var ds = gen.BuildFile(ct.i).Dataset;
        Assert.Equal(ct.p.PatientName, ds.GetString(new DicomTag(0x00100010)));
        var other = ds.GetSequence(new DicomTag(0x00101002));
        Assert.NotNull(other);
        Assert.Equal(2, other!.Items.Count);
        var request = ds.GetSequence(new DicomTag(0x00400275))!.Items[0];
        Assert.Equal(ct.p.StudyInstanceUid, request.GetSequence(new DicomTag(0x00081110))!.Items[0].GetString(new DicomTag(0x00081155)));
        Assert.Equal("GEMS_ACQU_01", ds.GetPrivateCreator(new DicomTag(0x00191023)));
        Assert.Equal("DICOMDEID FAKE PHI 1.0", ds.GetPrivateCreator(new DicomTag(0x00291010)));
        Assert.Contains(ct.p.PatientName.Split('^')[0], ds.GetString(new DicomTag(0x60001500)), StringComparison.Ordinal);
        Assert.NotNull(ds.Get(new DicomTag(0x60003000)));

        var sr = plan.Select((p, i) => (p, i)).First(x => x.p.Kind == "SR");
        var srDs = gen.BuildFile(sr.i).Dataset;
        var texts = new List<string>();
        srDs.Walk((owner, e) => { if (e.Tag.Value == 0x0040A160) texts.Add(owner.GetString(e.Tag)!); });
        Assert.Equal(3, texts.Count);
        Assert.Contains(texts, t => t.Contains(sr.p.PatientName.Split('^')[0], StringComparison.Ordinal));
    }

    [Fact]
    public void EveryFileReadsBackWithTheCodecWithTheClaimedValues()
    {
        foreach (var f in Generate("read", 21))
        {
            var file = DicomFileReader.Read(f.Path);
            var ds = file.Dataset;
            Assert.Empty(file.Warnings);
            Assert.Equal(f.SopInstanceUid, ds.GetString(new DicomTag(0x00080018)));
            Assert.Equal(f.SopInstanceUid, file.FileMetaInformation.GetString(new DicomTag(0x00020003)));
            Assert.Equal(f.StudyInstanceUid, ds.GetString(new DicomTag(0x0020000D)));
            Assert.Equal(f.PatientName, ds.GetString(new DicomTag(0x00100010)));
            Assert.Equal(f.PatientId, ds.GetString(new DicomTag(0x00100020)));
            Assert.Equal(f.Modality, ds.GetString(new DicomTag(0x00080060)));
            if (f.Kind != "SR")
            {
                var pixels = ds.Get(DicomTag.PixelData);
                Assert.NotNull(pixels);
                var rows = int.Parse(ds.GetString(new DicomTag(0x00280010))!, System.Globalization.CultureInfo.InvariantCulture);
                var cols = int.Parse(ds.GetString(new DicomTag(0x00280011))!, System.Globalization.CultureInfo.InvariantCulture);
                var spp = f.Kind.StartsWith("US", StringComparison.Ordinal) ? 3 : 1;
                var bytesPerSample = spp == 3 ? 1 : 2;
                Assert.Equal((long)rows * cols * spp * bytesPerSample * f.NumberOfFrames, pixels!.Value.Length);
            }
            var referenced = new List<string>();
            ds.Walk((owner, e) => { if (e.Tag.Value == 0x00081155) referenced.Add(owner.GetString(e.Tag)!); });
            foreach (var r in f.ReferencedSopInstanceUids) Assert.Contains(r, referenced);
        }
    }

    [Theory]
    [InlineData("US")]
    [InlineData("US-MF")]
    public void BurnedInTextIsExactlyInsideTheAnnouncedRegionOfEveryFrame(string kind)
    {
        var f = Generate("us", 9).First(x => x.Kind == kind);
        Assert.NotNull(f.BurnedInTextRegion);
        var region = f.BurnedInTextRegion!;
        const int rows = 120, columns = 160;
        var frameBytes = rows * columns * 3;
        var bytes = File.ReadAllBytes(f.Path);
        Assert.Equal(kind == "US" ? 1 : 4, f.NumberOfFrames);
        // Pixel data is the last element: its value is the last frames × frameBytes bytes of the file.
        var pixels = bytes.AsSpan(bytes.Length - (f.NumberOfFrames * frameBytes));
        for (var frame = 0; frame < f.NumberOfFrames; frame++)
        {
            int inside = 0, outside = 0;
            for (var y = 0; y < rows; y++)
                for (var x = 0; x < columns; x++)
                {
                    var p = pixels.Slice((frame * frameBytes) + (((y * columns) + x) * 3), 3);
                    var yellow = p[0] == 255 && p[1] == 255 && p[2] == 0;
                    if (!yellow) continue;
                    if (region.Contains(x, y)) inside++; else outside++;
                }
            Assert.Equal(0, outside);
            Assert.True(inside > region.Width, $"frame {frame}: {inside} text pixels");
        }
        Assert.Equal(8, region.X);
        Assert.Equal(6, region.Y);
        Assert.Equal(14, region.Height);
        // Burned In Annotation (0028,0301) CS "YES" in explicit VR little endian.
        Assert.True(Contains(bytes, new byte[] { 0x28, 0x00, 0x01, 0x03, (byte)'C', (byte)'S', 4, 0, (byte)'Y', (byte)'E', (byte)'S', (byte)' ' }));
    }

    [Fact]
    public void ProceduralPixelsAreTheSameAtAnyReadPosition()
    {
        var painter = new PhantomPainter(64, 64, 3, 77, 0, mr: false);
        var source = new ProceduralPixelSource("t", painter);
        using var all = new MemoryStream();
        using (var s = source.OpenRead()) s.CopyTo(all, 1000);
        var full = all.ToArray();
        Assert.Equal(64 * 64 * 2 * 3, full.Length);
        using var r = source.OpenRead();
        var part = new byte[777];
        foreach (var offset in new[] { 0, 1, 127, 128, 5000, full.Length - 777 })
        {
            r.Position = offset;
            var n = r.Read(part, 0, part.Length);
            Assert.Equal(part.Length, n);
            Assert.True(full.AsSpan(offset, n).SequenceEqual(part), $"offset {offset}");
        }
    }

    [Fact]
    public void LargeMultiFrameFileIsWrittenWithFlatMemory()
    {
        var path = Path.Combine(_root, "large.dcm");
        Directory.CreateDirectory(_root);
        const long target = 200L * 1024 * 1024;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var info = SyntheticDataGenerator.WriteLargeMultiFrame(path, target, seed: 5);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(info.Length >= target, $"{info.Length} bytes");
        Assert.Equal(400, info.NumberOfFrames);
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated} bytes to write a {info.Length}-byte file");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
