using System;
using System.Linq;
using Xunit;

namespace DicomDeid.Dicom.Tests.Generated;

public class UidRegistryDataTests
{
    [Fact]
    public void EveryRegistryRowIsPresentOnce()
    {
        var rows = StandardTables.Read("uid-registry.tsv");
        Assert.Equal(rows.Count, DicomUidRegistry.Entries.Count); // Table A-2 rows are already in the A-1 transcription
        Assert.Equal(DicomUidRegistry.Entries.Count, DicomUidRegistry.Entries.Select(e => e.Uid).Distinct(StringComparer.Ordinal).Count());
        foreach (var row in rows)
        {
            Assert.True(DicomUidRegistry.TryGet(row["uid"], out var info), row["uid"]);
            Assert.Equal(row["name"], info.Name);
            Assert.Equal(row["keyword"], info.Keyword);
            Assert.Equal(row["type"], info.Type);
            Assert.Equal(row["retired"] == "Y", info.IsRetired);
        }
    }

    [Fact]
    public void WellKnownFramesOfReferenceArePresent()
    {
        var frames = StandardTables.Read("well-known-frames-of-reference.tsv");
        Assert.Equal(28, frames.Count);
        foreach (var f in frames)
        {
            Assert.True(DicomUidRegistry.TryGet(f["uid"], out var info), f["uid"]);
            Assert.Equal("Well-known frame of reference", info.Type);
            Assert.True(DicomUidRegistry.IsWellKnown(f["uid"]));
        }
        Assert.True(DicomUidRegistry.IsWellKnown("1.2.840.10008.1.4.1.1")); // Talairach
        Assert.False(DicomUidRegistry.IsWellKnown("2.25.1234567890"));
    }

    [Fact]
    public void EveryTransferSyntaxOfTheRegistryIsRegistered()
    {
        var rows = StandardTables.Read("uid-registry.tsv").Where(r => r["type"] == "Transfer Syntax").ToList();
        Assert.Equal(rows.Count, DicomTransferSyntax.All.Count);
        foreach (var row in rows)
        {
            var ts = DicomTransferSyntax.Lookup(row["uid"]);
            Assert.Contains(ts, DicomTransferSyntax.All);
            Assert.True(ts.IsKnown);
            Assert.Equal(row["name"], ts.Name);
            Assert.Equal(row["keyword"], ts.Keyword);
            Assert.Equal(row["retired"] == "Y", ts.IsRetired);
            Assert.Same(ts, DicomTransferSyntax.Lookup(row["uid"] + "\0"));
        }
    }

    [Fact]
    public void NativeSyntaxesKeepTheirFlags()
    {
        var i = DicomTransferSyntax.ImplicitVRLittleEndian;
        Assert.Equal(("1.2.840.10008.1.2", false, false, false, false, false), (i.Uid, i.IsExplicitVR, i.IsBigEndian, i.IsDeflated, i.IsEncapsulated, i.IsLossy));
        var e = DicomTransferSyntax.ExplicitVRLittleEndian;
        Assert.Equal(("1.2.840.10008.1.2.1", true, false, false, false), (e.Uid, e.IsExplicitVR, e.IsBigEndian, e.IsDeflated, e.IsEncapsulated));
        var d = DicomTransferSyntax.DeflatedExplicitVRLittleEndian;
        Assert.Equal(("1.2.840.10008.1.2.1.99", true, false, true, false), (d.Uid, d.IsExplicitVR, d.IsBigEndian, d.IsDeflated, d.IsEncapsulated));
        var b = DicomTransferSyntax.ExplicitVRBigEndian;
        Assert.Equal(("1.2.840.10008.1.2.2", true, true, false, false, true), (b.Uid, b.IsExplicitVR, b.IsBigEndian, b.IsDeflated, b.IsEncapsulated, b.IsRetired));
        Assert.Equal("Explicit VR Big Endian", b.Name);
    }

    [Theory]
    // uid, explicit, deflated, encapsulated, lossy
    [InlineData("1.2.840.10008.1.2.1.98", true, false, true, false)]  // Encapsulated Uncompressed
    [InlineData("1.2.840.10008.1.2.4.50", true, false, true, true)]   // JPEG Baseline
    [InlineData("1.2.840.10008.1.2.4.57", true, false, true, false)]  // JPEG Lossless P14
    [InlineData("1.2.840.10008.1.2.4.70", true, false, true, false)]  // JPEG Lossless SV1
    [InlineData("1.2.840.10008.1.2.4.80", true, false, true, false)]  // JPEG-LS Lossless
    [InlineData("1.2.840.10008.1.2.4.81", true, false, true, true)]   // JPEG-LS Near-Lossless
    [InlineData("1.2.840.10008.1.2.4.90", true, false, true, false)]  // JPEG 2000 Lossless
    [InlineData("1.2.840.10008.1.2.4.91", true, false, true, true)]   // JPEG 2000
    [InlineData("1.2.840.10008.1.2.4.94", true, false, false, false)] // JPIP Referenced: no pixel data
    [InlineData("1.2.840.10008.1.2.4.95", true, true, false, false)]  // JPIP Referenced Deflate
    [InlineData("1.2.840.10008.1.2.4.205", true, true, false, false)] // JPIP HTJ2K Referenced Deflate
    [InlineData("1.2.840.10008.1.2.4.100", true, false, true, true)]  // MPEG2
    [InlineData("1.2.840.10008.1.2.4.201", true, false, true, false)] // HTJ2K Lossless
    [InlineData("1.2.840.10008.1.2.5", true, false, true, false)]     // RLE
    [InlineData("1.2.840.10008.1.2.7.1", true, false, false, false)]  // SMPTE ST 2110-20: pixels outside the data set
    [InlineData("1.2.840.10008.1.2.8.1", true, false, true, false)]   // Deflated Image Frame Compression
    [InlineData("1.2.840.10008.1.20", false, false, false, false)]    // Papyrus 3 Implicit VR Little Endian
    public void DerivedFlags(string uid, bool explicitVR, bool deflated, bool encapsulated, bool lossy)
    {
        var ts = DicomTransferSyntax.Lookup(uid);
        Assert.True(ts.IsKnown);
        Assert.False(ts.IsBigEndian);
        Assert.Equal((explicitVR, deflated, encapsulated, lossy), (ts.IsExplicitVR, ts.IsDeflated, ts.IsEncapsulated, ts.IsLossy));
    }

    [Fact]
    public void UnknownUidIsExplicitLittleEndianEncapsulatedAndNotAddedToAll()
    {
        var count = DicomTransferSyntax.All.Count;
        var ts = DicomTransferSyntax.Lookup("1.2.3.4.5.6.7");
        Assert.False(ts.IsKnown);
        Assert.True(ts.IsExplicitVR && ts.IsEncapsulated && !ts.IsBigEndian && !ts.IsDeflated);
        Assert.Equal("1.2.3.4.5.6.7", ts.Name);
        Assert.Equal(count, DicomTransferSyntax.All.Count);
        Assert.DoesNotContain(ts, DicomTransferSyntax.All);
    }
}
