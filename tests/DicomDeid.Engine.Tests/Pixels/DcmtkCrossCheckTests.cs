using System;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Pixels;
using Xunit;

namespace DicomDeid.Engine.Tests.Pixels;

/// <summary>dcmtk decodes the original and the cleaned file: outside the blanked blocks the pixels are the same, inside they are black.</summary>
public class DcmtkCrossCheckTests
{
    [Theory]
    [InlineData("+eb", "1.2.840.10008.1.2.4.50", "dcmdjpeg", 8)]
    [InlineData("+ee", "1.2.840.10008.1.2.4.51", "dcmdjpeg", 12)]
    [InlineData("+e1", "1.2.840.10008.1.2.4.70", "dcmdjpeg", 16)]
    [InlineData("", "1.2.840.10008.1.2.5", "dcmdrle", 16)]
    public void DcmtkSeesTheTextGoneAndEverythingElseUnchanged(string option, string ts, string decoder, int bits)
    {
        var max = (1 << Math.Min(bits, 15)) - 100;
        var ds = Synthetic.Image(72, 96, 1, bits > 8 ? 16 : 8, bits, false, "MONOCHROME2", 0, 1, Synthetic.Pattern(max, (20, 12, 70, 30)));
        var tool = ts == "1.2.840.10008.1.2.5" ? "dcmcrle" : "dcmcjpeg";
        var file = Synthetic.Compressed(ds, tool, option, ts);
        var dir = Path.Combine(Path.GetTempPath(), "dicomdeid-xcheck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var orig = Path.Combine(dir, "orig.dcm");
            using (var fs = File.Create(orig)) DicomFileWriter.Write(file, fs);
            using var r = PixelRedactor.Redact(file, new[] { new PixelRegion(20, 12, 70, 30) }, PixelFill.Black);
            Assert.True(r.Cleaned, r.Refusal);
            var clean = Path.Combine(dir, "clean.dcm");
            using (var fs = File.Create(clean)) DicomFileWriter.Write(file, fs);
            Synthetic.Run(decoder, orig + " " + orig + ".raw");
            Synthetic.Run(decoder, clean + " " + clean + ".raw");
            var a = DicomFileReader.Read(orig + ".raw").Dataset.Get(DicomTag.PixelData)!.Value.GetBytes();
            var b = DicomFileReader.Read(clean + ".raw").Dataset.Get(DicomTag.PixelData)!.Value.GetBytes();
            Assert.Equal(a.Length, b.Length);
            var bps = bits > 8 ? 2 : 1;
            var box = r.Blanked.Single();
            int outsideDiff = 0, insideNonBlack = 0;
            for (var i = 0; i < 72 * 96; i++)
            {
                int x = i % 96, y = i / 96;
                var va = bps == 1 ? a[i] : BitConverter.ToUInt16(a, 2 * i);
                var vb = bps == 1 ? b[i] : BitConverter.ToUInt16(b, 2 * i);
                if (x >= box.X0 && x < box.X1 && y >= box.Y0 && y < box.Y1) { if (vb > 1) insideNonBlack++; }
                else if (va != vb) outsideDiff++;
            }
            Assert.Equal(0, outsideDiff);
            Assert.Equal(0, insideNonBlack);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
