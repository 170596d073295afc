using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.IO;

public class WriterTests
{
    private static string Temp(string ext = ".dcm") => Path.Combine(Path.GetTempPath(), "dicomdeid-" + Guid.NewGuid().ToString("N") + ext);

    /// <summary>
    /// Unchanged datasets are written byte for byte as read when the source is canonical: not deflated (the deflate
    /// stream is re-made) and read without warnings (odd lengths get padded, wrong group lengths recomputed, OW
    /// encapsulated pixel data written as OB).
    /// </summary>
    [Theory]
    [MemberData(nameof(Corpus.ReadableData), MemberType = typeof(Corpus))]
    public void CanonicalCorpusFilesAreWrittenByteIdentical(string relative)
    {
        var path = Corpus.PathOf(relative);
        var file = DicomFileReader.Read(path);
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        var source = File.ReadAllBytes(path);
        if (file.TransferSyntax.IsDeflated || file.Warnings.Count > 0)
        {
            // Not canonical: at least every value is the same (checked by the round-trip test); the output is clean.
            var again = DicomFileReader.Read(new MemoryStream(ms.ToArray()), relative);
            Assert.Empty(again.Warnings);
            // ... and dcmtk reads our output as we do.
            var written = Temp();
            try
            {
                File.WriteAllBytes(written, ms.ToArray());
                DcmdumpAgreementTests.AssertAgrees(written, relative + " (as written)");
            }
            finally
            {
                File.Delete(written);
            }
            return;
        }
        Assert.True(source.AsSpan().SequenceEqual(ms.ToArray()), $"{relative}: {ms.Length} bytes written, {source.Length} read; first difference at {FirstDifference(source, ms.ToArray())}");
    }

    [Fact]
    public void MostOfTheCorpusIsCanonical()
    {
        var canonical = Corpus.ReadableData.Select(r => DicomFileReader.Read(Corpus.PathOf((string)r[0])))
            .Count(f => !f.TransferSyntax.IsDeflated && f.Warnings.Count == 0);
        Assert.True(canonical >= 78, $"only {canonical} canonical files");
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }

    [Fact]
    public void BigEndianFileHasTheSameValuesAsItsLittleEndianTwin()
    {
        var le = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/MR_small.dcm"));
        var be = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/MR_small_bigendian.dcm"));
        Assert.True(be.TransferSyntax.IsBigEndian);
        var pixels = be.Dataset.Get(DicomTag.PixelData)!;
        Assert.True(pixels.Value.IsDeferred);
        Assert.Equal(2, pixels.Value.SourceSwapUnit);
        var compared = 0;
        foreach (var e in le.Dataset)
        {
            var other = be.Dataset.Get(e.Tag);
            if (other is null || other.VR != e.VR || e is DicomSequence || e.VR.IsString()) continue;
            Assert.True(e.Value.GetBytes().AsSpan().SequenceEqual(other.Value.GetBytes()), $"{e.Tag} {e.VR} differs");
            compared++;
        }
        Assert.True(compared >= 10, $"only {compared} binary elements compared");
    }

    [Fact]
    public void LittleToBigEndianAndBackKeepsEveryValue()
    {
        var le = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/MR_small.dcm"));
        le.TransferSyntax = DicomTransferSyntax.ExplicitVRBigEndian;
        var bePath = Temp();
        try
        {
            DicomFileWriter.WriteAtomic(le, bePath, overwrite: false);
            var be = DicomFileReader.Read(bePath);
            Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, be.TransferSyntax);
            Assert.Empty(be.Warnings);
            var original = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/MR_small.dcm"));
            DatasetAssert.Equal(original.Dataset, be.Dataset, "");
            // dcmtk reads our big-endian output the same way.
            Assert.Equal(0, RunDcmdump(bePath));

            be.TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian;
            using var ms = new MemoryStream();
            DicomFileWriter.Write(be, ms);
            var back = DicomFileReader.Read(new MemoryStream(ms.ToArray()));
            DatasetAssert.Equal(original.Dataset, back.Dataset, "");
        }
        finally
        {
            File.Delete(bePath);
        }
    }

    [Fact]
    public void DeflatedRoundTripAndConversion()
    {
        var dfl = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/image_dfl.dcm"));
        Assert.True(dfl.TransferSyntax.IsDeflated);
        using (var ms = new MemoryStream())
        {
            DicomFileWriter.Write(dfl, ms);
            var again = DicomFileReader.Read(new MemoryStream(ms.ToArray()));
            Assert.True(again.TransferSyntax.IsDeflated);
            DatasetAssert.Equal(dfl.Dataset, again.Dataset, "");
        }

        var mr = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/MR_small.dcm"));
        mr.TransferSyntax = DicomTransferSyntax.DeflatedExplicitVRLittleEndian;
        var path = Temp();
        try
        {
            DicomFileWriter.WriteAtomic(mr, path, overwrite: false);
            var back = DicomFileReader.Read(path);
            Assert.True(back.TransferSyntax.IsDeflated);
            DatasetAssert.Equal(DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/MR_small.dcm")).Dataset, back.Dataset, "");
            Assert.Equal(0, RunDcmdump(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LargeValuesStayDeferredAndAreCopiedStreamToStream()
    {
        var src = Temp();
        var dst = Temp();
        try
        {
            var rnd = new Random(42);
            var pixels = new byte[3 * 1024 * 1024 + 6];
            rnd.NextBytes(pixels);
            var blob = new byte[100_000];
            rnd.NextBytes(blob);
            var ds = new DicomDataset();
            ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.SetString(new DicomTag(0x00080018), DicomVR.UI, "1.2.3.4");
            ds.SetString(new DicomTag(0x00100010), DicomVR.PN, "Doe^Jane");
            ds.Set(new DicomElement(new DicomTag(0x00291010), DicomVR.OB, new DicomValue(blob)));
            ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, new DicomValue(pixels)));
            var made = new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
            DicomFileWriter.WriteAtomic(made, src, overwrite: false, new DicomWriteOptions { AddFileMetaInformation = true });

            var file = DicomFileReader.Read(src);
            Assert.True(file.Dataset.Get(DicomTag.PixelData)!.Value.IsDeferred);
            Assert.True(file.Dataset.Get(new DicomTag(0x00291010))!.Value.IsDeferred);
            Assert.False(file.Dataset.Get(new DicomTag(0x00100010))!.Value.IsDeferred);
            Assert.Equal("1.2.3.4", file.FileMetaInformation.GetString(new DicomTag(0x00020003)));

            DicomFileWriter.WriteAtomic(file, dst, overwrite: false);
            Assert.True(File.ReadAllBytes(src).AsSpan().SequenceEqual(File.ReadAllBytes(dst)));
            Assert.True(pixels.AsSpan().SequenceEqual(DicomFileReader.Read(dst).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes()));
        }
        finally
        {
            File.Delete(src);
            File.Delete(dst);
        }
    }

    [Fact]
    public void HundredMegabyteFileIsReadAndCopiedWithFlatMemory()
    {
        var src = Temp();
        try
        {
            const int pixelBytes = 100 * 1024 * 1024;
            var b = DicomBytes.Part10();
            b.Explicit(0x00080016, "UI", DicomBytes.Text("1.2.840.10008.5.1.4.1.1.7", '\0'));
            b.Explicit(0x00280008, "IS", DicomBytes.Text("100"));
            b.Explicit(0x00280010, "US", new byte[] { 0, 4 });
            b.Explicit(0x00280011, "US", new byte[] { 0, 1 });
            b.ExplicitHeader(0x7FE00010, "OW", pixelBytes);
            var header = b.ToArray();
            using (var fs = new FileStream(src, FileMode.CreateNew))
            {
                fs.Write(header, 0, header.Length);
                fs.SetLength(header.Length + (long)pixelBytes);
            }

            // Warm up (JIT, pools), then measure.
            DicomFileWriter.Write(DicomFileReader.Read(src), Stream.Null);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var file = DicomFileReader.Read(src);
            var afterRead = GC.GetAllocatedBytesForCurrentThread();
            DicomFileWriter.Write(file, Stream.Null);
            var afterWrite = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(file.Dataset.Get(DicomTag.PixelData)!.Value.IsDeferred);
            Assert.True(afterRead - before < 512 * 1024, $"reading allocated {afterRead - before} bytes");
            Assert.True(afterWrite - afterRead < 512 * 1024, $"writing allocated {afterWrite - afterRead} bytes");
        }
        finally
        {
            File.Delete(src);
        }
    }

    [Fact]
    public void WriteAtomicRefusesToOverwriteUnlessTold()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dicomdeid-atomic-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var file = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/CT_small.dcm"));
            var target = Path.Combine(dir, "out.dcm");
            File.WriteAllText(target, "precious");
            Assert.Throws<IOException>(() => DicomFileWriter.WriteAtomic(file, target, overwrite: false));
            Assert.Equal("precious", File.ReadAllText(target));
            DicomFileWriter.WriteAtomic(file, target, overwrite: true);
            Assert.True(File.ReadAllBytes(Corpus.PathOf("pydicom/test_files/CT_small.dcm")).AsSpan().SequenceEqual(File.ReadAllBytes(target)));
            Assert.Equal(new[] { target }, Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void WriteAtomicLeavesNothingBehindWhenWritingFails()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dicomdeid-atomic-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            // A file whose deferred pixel data disappears before it is written.
            var src = Path.Combine(dir, "src.dcm");
            File.Copy(Corpus.PathOf("pydicom/test_files/CT_small.dcm"), src);
            var file = DicomFileReader.Read(src);
            Assert.True(file.Dataset.Get(DicomTag.PixelData)!.Value.IsDeferred);
            File.Delete(src);
            var target = Path.Combine(dir, "out.dcm");
            Assert.ThrowsAny<IOException>(() => DicomFileWriter.WriteAtomic(file, target, overwrite: true));
            Assert.Empty(Directory.GetFileSystemEntries(dir));

            // Truncated source: the deferred copy fails with a format error, and again nothing is left.
            File.WriteAllBytes(src, File.ReadAllBytes(Corpus.PathOf("pydicom/test_files/CT_small.dcm")));
            file = DicomFileReader.Read(src);
            using (var fs = new FileStream(src, FileMode.Open)) fs.SetLength(fs.Length - 1000);
            Assert.ThrowsAny<DicomFormatException>(() => DicomFileWriter.WriteAtomic(file, target, overwrite: true));
            Assert.Equal(new[] { src }, Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BareDatasetIsWrittenAsReadOrWithMetaWhenAsked()
    {
        var path = Corpus.PathOf("pydicom/test_files/rtstruct.dcm");
        var file = DicomFileReader.Read(path);
        Assert.False(file.HadFileMetaInformation);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        using (var ms = new MemoryStream())
        {
            DicomFileWriter.Write(file, ms);
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(ms.ToArray()));
        }
        using (var ms = new MemoryStream())
        {
            DicomFileWriter.Write(file, ms, new DicomWriteOptions { AddFileMetaInformation = true });
            var again = DicomFileReader.Read(new MemoryStream(ms.ToArray()));
            Assert.True(again.HadFileMetaInformation);
            Assert.NotNull(again.Preamble);
            Assert.Equal(file.Dataset.GetString(new DicomTag(0x00080016)), again.FileMetaInformation.GetString(new DicomTag(0x00020002)));
            Assert.Equal(file.Dataset.GetString(new DicomTag(0x00080018)), again.FileMetaInformation.GetString(new DicomTag(0x00020003)));
            Assert.Equal("1.2.840.10008.1.2", again.FileMetaInformation.GetString(DicomTag.TransferSyntaxUid));
            Assert.Equal(DicomFileWriter.ImplementationClassUid, again.FileMetaInformation.GetString(new DicomTag(0x00020012)));
            DatasetAssert.Equal(file.Dataset, again.Dataset, "");
        }
        file.TransferSyntax = DicomTransferSyntax.DeflatedExplicitVRLittleEndian;
        using (var ms = new MemoryStream())
        {
            DicomFileWriter.Write(file, ms);
            var deflated = DicomFileReader.Read(new MemoryStream(ms.ToArray()));
            Assert.True(deflated.HadFileMetaInformation);
            Assert.True(deflated.TransferSyntax.IsDeflated);
            DatasetAssert.Equal(DicomFileReader.Read(path).Dataset, deflated.Dataset, "");
        }
        var explicitBare = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/ExplVR_LitEndNoMeta.dcm"));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, explicitBare.TransferSyntax);
    }

    [Fact]
    public void ChangedSequencesGetTheirDefinedLengthsRecomputed()
    {
        // test-SR.dcm has defined-length sequences and items.
        var file = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/test-SR.dcm"));
        var seq = DicomDatasetWalker.Walk(file.Dataset).Select(w => w.Element).OfType<DicomSequence>().First(s => !s.UndefinedLength && s.Items.Count > 0);
        var item = seq.Items[0];
        Assert.False(item.UndefinedLength);
        item.SetString(new DicomTag(0x00081030), DicomVR.LO, "a new description that changes the item length");
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        var again = DicomFileReader.Read(new MemoryStream(ms.ToArray()));
        Assert.Empty(again.Warnings);
        DatasetAssert.Equal(file.Dataset, again.Dataset, "");
        var path = Temp();
        try
        {
            File.WriteAllBytes(path, ms.ToArray());
            Assert.Equal(0, RunDcmdump(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StopAfterTagReadsTheHeaderOnly()
    {
        var file = DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/CT_small.dcm"), new DicomReadOptions { StopAfterTag = new DicomTag(0x0010FFFF) });
        Assert.True(file.Dataset.Count > 5);
        Assert.All(file.Dataset.Elements, e => Assert.True(e.Tag.Value <= 0x0010FFFF));
        Assert.NotNull(file.Dataset.Get(new DicomTag(0x00100010)));
        Assert.True(file.IsPartial);
        Assert.Empty(file.Warnings);
        Assert.Throws<InvalidOperationException>(() => DicomFileWriter.Write(file, new MemoryStream()));
        Assert.False(DicomFileReader.Read(Corpus.PathOf("pydicom/test_files/CT_small.dcm")).IsPartial);
    }

    internal static int RunDcmdump(string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dcmdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-q");
        psi.ArgumentList.Add("-E");
        psi.ArgumentList.Add(path);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(err.Result.Length == 0, "dcmdump: " + err.Result);
        return p.ExitCode;
    }
}
