using System;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;
using Xunit;

namespace DicomDeid.Engine.Tests.Pixels;

public class PixelPipelineTests
{
    private static DicomFile Us(string ts = "1.2.840.10008.1.2.1")
    {
        var ds = Synthetic.Image(480, 640, 1, 8, 8, false, "MONOCHROME2", 0, 2, Synthetic.Pattern(250, (10, 5, 300, 30)));
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "US");
        ds.SetString(new DicomTag(0x00081090), DicomVR.LO, "LOGIQ9");
        return Synthetic.File(ds, ts);
    }

    [Fact]
    public void StarterRuleCleansAKnownUltrasoundLayout()
    {
        var file = Us();
        using var o = PixelPipeline.Apply(file, null, cleanRequested: true);
        Assert.Equal("cleaned", o.Status);
        Assert.True(o.Redaction!.AddCleanPixelDataCode);
        Assert.Equal(2, o.Redaction.FramesChanged);
        Assert.Contains(o.Redaction.Blanked, b => b.X0 == 0 && b.Y0 == 0 && b.X1 == 640 && b.Y1 == 40);
        var px = file.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes();
        Assert.All(Enumerable.Range(0, 40 * 640), i => Assert.Equal(0, px[i]));
    }

    [Fact]
    public void UnknownLayoutIsQuarantinedUnlessTheDetectorFindsTheText()
    {
        var file = Us();
        file.Dataset.SetString(new DicomTag(0x00081090), DicomVR.LO, "NO SUCH MODEL");
        using (var q = PixelPipeline.Apply(file, null, cleanRequested: true))
        {
            Assert.True(q.Quarantined);
            Assert.Contains("no pixel rule", q.QuarantineReason, StringComparison.Ordinal);
        }
        using var d = PixelPipeline.Apply(file, null, cleanRequested: true, useDetector: true);
        Assert.Equal("cleaned", d.Status);
        Assert.NotEmpty(d.Findings);
    }

    [Fact]
    public void CompressedWithoutADecoderIsQuarantinedAndUntouched()
    {
        var file = Us("1.2.840.10008.1.2.4.80");
        var before = file.Dataset.Get(DicomTag.PixelData);
        using var o = PixelPipeline.Apply(file, null, cleanRequested: true);
        Assert.Equal("quarantined", o.Status);
        Assert.Same(before, file.Dataset.Get(DicomTag.PixelData));
        Assert.Null(file.Dataset.Get(new DicomTag(0x00280301)));
    }
}
