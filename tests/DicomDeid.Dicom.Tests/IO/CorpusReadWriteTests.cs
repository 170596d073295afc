using System;
using System.IO;
using System.Linq;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.IO;

public class CorpusReadWriteTests
{
    [Fact]
    public void ManifestListsTheDicomFiles() => Assert.Equal(85, Corpus.Files.Count);

    [Theory]
    [MemberData(nameof(Corpus.ReadableData), MemberType = typeof(Corpus))]
    public void EveryCorpusFileParses(string relative)
    {
        var path = Corpus.PathOf(relative);
        Assert.True(DicomFileReader.IsDicomFile(path));
        var file = DicomFileReader.Read(path);
        Assert.True(file.Dataset.Count > 0);
    }

    [Theory]
    [MemberData(nameof(Corpus.ReadableData), MemberType = typeof(Corpus))]
    public void EveryCorpusFileRoundTrips(string relative)
    {
        var path = Corpus.PathOf(relative);
        var original = DicomFileReader.Read(path);
        using var ms = new MemoryStream();
        DicomFileWriter.Write(original, ms);
        ms.Position = 0;
        var again = DicomFileReader.Read(ms, relative);
        Assert.Equal(original.TransferSyntax.Uid, again.TransferSyntax.Uid);
        DatasetAssert.Equal(original.Dataset, again.Dataset, "");
        DatasetAssert.Equal(StripGroupLength(original.FileMetaInformation), StripGroupLength(again.FileMetaInformation), "meta");
    }

    [Fact]
    public void DamagedCorpusFilesAreRefusedWithASpecificError()
    {
        foreach (var relative in Corpus.Damaged)
        {
            var path = Corpus.PathOf(relative);
            Assert.False(DicomFileReader.IsDicomFile(path));
            var ex = Assert.ThrowsAny<DicomFormatException>(() => DicomFileReader.Read(path));
            Assert.Equal(path, ex.FilePath);
        }
    }

    private static DicomDataset StripGroupLength(DicomDataset meta)
    {
        var d = new DicomDataset();
        foreach (var e in meta) if (e.Tag.Element != 0) d.Set(e);
        return d;
    }
}
