using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;
using Xunit;

namespace DicomDeid.Engine.Tests.Pixels;

public class Ybr422Tests
{
    [Fact]
    public void NativeYbrFull422BlanksWholePixelPairsToBlackAndNothingElse()
    {
        var ds = Synthetic.Image(8, 16, 3, 8, 8, false, "YBR_FULL_422", 0, 1, (f, x, y, s) => 0);
        var px = Enumerable.Range(0, 8 * 16 * 2).Select(i => (byte)(50 + (i % 150))).ToArray();
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, new DicomValue(px)));
        var before = (byte[])px.Clone();
        var file = Synthetic.File(ds);
        using var r = PixelRedactor.Redact(file, new[] { new PixelRegion(3, 2, 9, 5) });
        Assert.True(r.Cleaned, r.Refusal);
        var b = r.Blanked.Single();
        Assert.Equal((2, 2, 10, 5), (b.X0, b.Y0, b.X1, b.Y1));
        var after = file.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes();
        for (var y = 0; y < 8; y++)
            for (var pair = 0; pair < 8; pair++)
            {
                var o = ((y * 16) + (2 * pair)) * 2;
                var inside = y >= 2 && y < 5 && pair * 2 >= 2 && pair * 2 < 10;
                var expected = inside ? new byte[] { 0, 0, 128, 128 } : before.Skip(o).Take(4).ToArray();
                Assert.Equal(expected, after.Skip(o).Take(4).ToArray());
            }
    }
}
