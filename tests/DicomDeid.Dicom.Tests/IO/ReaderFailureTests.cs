using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>Synthetic damaged inputs: each gives its specific exception naming file, byte offset and tag path.</summary>
public class ReaderFailureTests
{
    private const string Name = "fixture.dcm";
    private const uint PatientName = 0x00100010;
    private const uint RefSeries = 0x00081115;

    private static DicomFormatException ReadFails(byte[] bytes, DicomReadOptions? options = null)
    {
        var ex = Assert.ThrowsAny<DicomFormatException>(() => DicomFileReader.Read(new MemoryStream(bytes), Name, options));
        Assert.Equal(Name, ex.FilePath);
        Assert.Contains(Name, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void ValueLengthPastEndOfFile()
    {
        var b = DicomBytes.Part10();
        b.Explicit(0x00080060, "CS", DicomBytes.Text("CT"));
        var at = b.Position;
        b.Explicit(PatientName, "PN", DicomBytes.Text("Doe^J"), length: 20);
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0010,0010)", ex.TagPath);
        Assert.Contains("past the end of the file", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedInsideAnElementHeader()
    {
        var b = DicomBytes.Part10();
        b.Explicit(0x00080060, "CS", DicomBytes.Text("CT"));
        var at = b.Position;
        b.Raw(new byte[] { 0x10, 0x00, 0x10, 0x00, (byte)'P' });
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Null(ex.TagPath);
        Assert.Contains("truncated", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedInsideALongValueReadFromAFile()
    {
        var b = DicomBytes.Part10();
        var at = b.Position;
        b.Explicit(0x7FE00010, "OW", new byte[100], length: 1_000_000);
        var path = Path.Combine(Path.GetTempPath(), "dicomdeid-trunc-" + Guid.NewGuid().ToString("N") + ".dcm");
        File.WriteAllBytes(path, b.ToArray());
        try
        {
            var ex = Assert.ThrowsAny<DicomFormatException>(() => DicomFileReader.Read(path));
            Assert.Equal(Path.GetFullPath(path), ex.FilePath);
            Assert.Equal(at, ex.Offset);
            Assert.Equal("(7FE0,0010)", ex.TagPath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HostileFourGigabyteLengthIsRefusedFastWithoutAllocating()
    {
        // A bare explicit VR dataset of 200 bytes whose last element declares 4 GB.
        var b = new DicomBytes();
        b.Explicit(0x00080060, "CS", DicomBytes.Text("CT"));
        b.Explicit(0x00104000, "LT", DicomBytes.Text(new string('x', 162)));
        var at = b.Position;
        b.Explicit(0x00420011, "OB", new byte[8], length: 0xFFFFFFF0);
        var bytes = b.ToArray();
        Assert.Equal(200, bytes.Length);
        ReadFails(bytes); // warm-up (JIT, pools)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var ex = Assert.ThrowsAny<DicomFormatException>(() => DicomFileReader.Read(new MemoryStream(bytes), Name));
        sw.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0042,0011)", ex.TagPath);
        Assert.Contains("4294967280", ex.Problem, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a 4 GB declared length");
        Assert.True(sw.ElapsedMilliseconds < 500, $"took {sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void HostileItemLengthIsRefused()
    {
        var b = DicomBytes.Part10();
        b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
        var at = b.Position;
        b.Item(0x7FFFFFF0);
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2", '\0'));
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1115)[0]", ex.TagPath);
        Assert.Contains("item length", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericValueWithLengthNotAMultipleOfItsSizeIsRefused()
    {
        var b = DicomBytes.Part10();
        var at = b.Position;
        b.Explicit(0x00280010, "US", new byte[] { 1, 2, 3 });
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0028,0010)", ex.TagPath);
        Assert.Contains("not a multiple of 2", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OddLengthTextIsReadWithAWarningAndPaddedOnWrite()
    {
        var b = DicomBytes.Part10();
        var at = b.Position;
        b.Explicit(0x00100020, "LO", Encoding.ASCII.GetBytes("ABC"));
        var file = DicomFileReader.Read(new MemoryStream(b.ToArray()), Name);
        Assert.Equal("ABC", file.Dataset.GetString(new DicomTag(0x00100020)));
        Assert.Contains(file.Warnings, w => w.Contains("odd value length 3", StringComparison.Ordinal) && w.Contains("byte " + at, StringComparison.Ordinal) && w.Contains("(0010,0020)", StringComparison.Ordinal));
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        var again = DicomFileReader.Read(new MemoryStream(ms.ToArray()), Name);
        Assert.Equal(4, again.Dataset.Get(new DicomTag(0x00100020))!.Value.Length);
        Assert.Empty(again.Warnings);
    }

    [Fact]
    public void InvalidVRBytes()
    {
        var b = DicomBytes.Part10();
        b.Explicit(0x00080060, "CS", DicomBytes.Text("CT"));
        var at = b.Position;
        b.Explicit(PatientName, "p1", DicomBytes.Text("Doe"));
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0010,0010)", ex.TagPath);
        Assert.Contains("invalid VR", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingItemDelimiterAtEndOfData()
    {
        var b = DicomBytes.Part10();
        b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
        b.Item();
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2.3", '\0'));
        var at = b.Position;
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1115)[0]", ex.TagPath);
        Assert.Contains("missing item delimiter", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SequenceDelimiterWhereTheItemDelimiterBelongs()
    {
        var b = DicomBytes.Part10();
        b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
        b.Item();
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2.3", '\0'));
        b.ItemEnd();
        b.Item();
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2.4", '\0'));
        var at = b.Position;
        b.SeqEnd();
        b.Explicit(PatientName, "PN", DicomBytes.Text("Doe"));
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1115)[1]", ex.TagPath);
        Assert.Contains("missing item delimiter", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ElementWhereAnItemIsExpected()
    {
        var b = DicomBytes.Part10();
        b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
        var at = b.Position;
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2.3", '\0'));
        b.SeqEnd();
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1115)", ex.TagPath);
        Assert.Contains("expected an item tag", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ItemDelimiterInsideAnItemOfDefinedLength()
    {
        var b = DicomBytes.Part10();
        b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
        b.Item(8 + 6 + 8);
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2.3", '\0'));
        var at = b.Position;
        b.ItemEnd();
        b.SeqEnd();
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1115)[0]", ex.TagPath);
        Assert.Contains("wrong item delimiter", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ElementRunningPastTheEndOfItsItem()
    {
        var b = DicomBytes.Part10();
        b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
        b.Item(10);
        var at = b.Position;
        b.Explicit(0x0020000E, "UI", DicomBytes.Text("1.2.3", '\0'));
        b.SeqEnd();
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1115)[0].(0020,000E)", ex.TagPath);
        Assert.Contains("past the end of the item", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingTooDeep()
    {
        var b = DicomBytes.Part10();
        long at = 0;
        const int levels = 70;
        for (var i = 0; i < levels; i++)
        {
            if (i == 64) at = b.Position;
            b.ExplicitHeader(RefSeries, "SQ", 0xFFFFFFFF);
            b.Item();
        }
        for (var i = 0; i < levels; i++) b.ItemEnd().SeqEnd();
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        var expectedPath = string.Join(".", System.Linq.Enumerable.Repeat("(0008,1115)[0]", 64)) + ".(0008,1115)";
        Assert.Equal(expectedPath, ex.TagPath);
        Assert.Contains("deeper than 64", ex.Problem, StringComparison.Ordinal);

        // The same file reads with a higher cap.
        var file = DicomFileReader.Read(new MemoryStream(b.ToArray()), Name, new DicomReadOptions { MaxDepth = 100 });
        Assert.Single(file.Dataset.Elements);
    }

    [Fact]
    public void TooManyElements()
    {
        var b = DicomBytes.Part10();
        for (var i = 0; i < 10; i++) b.Explicit(0x00090010u + (uint)(i << 16) * 2, "LO", DicomBytes.Text("X"));
        var ex = ReadFails(b.ToArray(), new DicomReadOptions { MaxElementCount = 8 });
        Assert.Contains("MaxElementCount", ex.Problem, StringComparison.Ordinal);
        Assert.NotNull(ex.TagPath);
    }

    [Fact]
    public void NotDicomAtAll()
    {
        var text = Encoding.ASCII.GetBytes("This is a plain text file, not an image. It is long enough to have 132 bytes......................................................................");
        var ex = Assert.Throws<DicomNotDicomException>(() => DicomFileReader.Read(new MemoryStream(text), Name));
        Assert.Equal(Name, ex.FilePath);
        Assert.Equal(0, ex.Offset);
        Assert.Throws<DicomNotDicomException>(() => DicomFileReader.Read(new MemoryStream(Array.Empty<byte>()), Name));

        var path = Path.Combine(Path.GetTempPath(), "dicomdeid-text-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllBytes(path, text);
        try
        {
            Assert.False(DicomFileReader.IsDicomFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CorruptDeflateStream()
    {
        var b = DicomBytes.Part10("1.2.840.10008.1.2.1.99");
        var at = b.Position;
        b.Raw(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x12, 0x34 });
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Contains("deflated", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedLengthOnAShortOrTextVRIsRefused()
    {
        var b = DicomBytes.Part10();
        var at = b.Position;
        b.ExplicitHeader(0x00081030, "UT", 0xFFFFFFFF);
        b.SeqEnd();
        var ex = ReadFails(b.ToArray());
        Assert.Equal(at, ex.Offset);
        Assert.Equal("(0008,1030)", ex.TagPath);
        Assert.Contains("undefined length", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DeflateBombIsCappedByMaxInMemoryLength()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.Set(new DicomElement(new DicomTag(0x00091010), DicomVR.OB, new DicomValue(new byte[4 * 1024 * 1024])));
        var file = new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        Assert.True(ms.Length < 64 * 1024, $"{ms.Length} bytes deflated");
        var ex = ReadFails(ms.ToArray(), new DicomReadOptions { MaxInMemoryLength = 1024 * 1024 });
        Assert.Contains("MaxInMemoryLength", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(4 * 1024 * 1024, DicomFileReader.Read(new MemoryStream(ms.ToArray()), Name).Dataset.Get(new DicomTag(0x00091010))!.Value.Length);
    }

    [Fact]
    public void NonSeekableStreamsAreReadIntoMemoryWithinTheCap()
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf("pydicom/test_files/CT_small.dcm"));
        var file = DicomFileReader.Read(new NonSeekable(bytes), Name);
        Assert.False(file.Dataset.Get(DicomTag.PixelData)!.Value.IsDeferred);
        var ex = Assert.ThrowsAny<DicomFormatException>(() => DicomFileReader.Read(new NonSeekable(bytes), Name, new DicomReadOptions { MaxInMemoryLength = 10_000 }));
        Assert.Contains("MaxInMemoryLength", ex.Problem, StringComparison.Ordinal);
    }

    private sealed class NonSeekable : Stream
    {
        private readonly MemoryStream _inner;
        public NonSeekable(byte[] bytes) => _inner = new MemoryStream(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
