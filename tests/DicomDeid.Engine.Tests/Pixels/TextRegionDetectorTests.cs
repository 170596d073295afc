using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;
using Xunit;
using Xunit.Abstractions;

namespace DicomDeid.Engine.Tests.Pixels;

public class TextRegionDetectorTests
{
    private readonly ITestOutputHelper _out;

    public TextRegionDetectorTests(ITestOutputHelper output) => _out = output;

    internal static (int Tp, int Detections, int Recalled, int Lines, long InkCovered, long Ink) Evaluate(int images, int seed)
    {
        var rng = new Random(seed);
        int tp = 0, det = 0, recalled = 0, lines = 0;
        long inkCovered = 0, ink = 0;
        for (var n = 0; n < images; n++)
        {
            var s = SyntheticText.Make(rng, ultrasound: n % 2 == 0);
            var found = TextRegionDetector.DetectGray(s.Gray, s.Width, s.Height, new TextDetectorOptions());
            det += found.Count;
            foreach (var f in found)
            {
                // A detection is right when at least half of its area lies on labelled lines (padded by 3 pixels).
                long inside = 0;
                for (var y = f.Y0; y < f.Y1; y++)
                    for (var x = f.X0; x < f.X1; x++)
                        if (s.Lines.Any(l => x >= l.X0 - 3 && x < l.X1 + 3 && y >= l.Y0 - 3 && y < l.Y1 + 3)) inside++;
                if (inside * 2 >= (long)(f.X1 - f.X0) * (f.Y1 - f.Y0)) tp++;
            }
            foreach (var l in s.Lines)
            {
                lines++;
                long lineInk = 0, covered = 0;
                for (var y = l.Y0; y < l.Y1; y++)
                    for (var x = l.X0; x < l.X1; x++)
                    {
                        if (!s.Ink[(y * s.Width) + x]) continue;
                        lineInk++;
                        if (found.Any(f => x >= f.X0 && x < f.X1 && y >= f.Y0 && y < f.Y1)) covered++;
                    }
                ink += lineInk;
                inkCovered += covered;
                // A line is found when 90% of its ink lies in detected rectangles.
                if (covered * 10 >= lineInk * 9) recalled++;
            }
        }
        return (tp, det, recalled, lines, inkCovered, ink);
    }

    [Fact]
    public void PrecisionAndRecallOnTheLabelledSyntheticSet()
    {
        var (tp, det, recalled, lines, covered, ink) = Evaluate(80, 20261125);
        var precision = det == 0 ? 0 : (double)tp / det;
        var recall = (double)recalled / lines;
        var inkRecall = (double)covered / ink;
        _out.WriteLine($"text detector on 80 synthetic images (40 US, 40 CT; 5x7 font at scales 1-3, regular/bold/italic): {lines} labelled lines, {det} detections");
        _out.WriteLine($"precision {precision:P1} ({tp}/{det}), line recall {recall:P1} ({recalled}/{lines}), ink-pixel recall {inkRecall:P1}");
        Console.WriteLine($"TEXT-DETECTOR precision={precision:0.000} recall={recall:0.000} inkRecall={inkRecall:0.000} lines={lines} detections={det}");
        Assert.True(lines > 100, "the set is too small");
        Assert.True(precision >= 0.8, $"precision {precision:P1}");
        Assert.True(recall >= 0.8, $"recall {recall:P1}");
    }

    [Fact]
    public void FindingsOnADicomFileBecomeRegionsThatRemoveTheText()
    {
        var s = SyntheticText.Make(new Random(7), ultrasound: true);
        var ds = Synthetic.Image(s.Height, s.Width, 1, 8, 8, false, "MONOCHROME2", 0, 1, (f, x, y, c) => s.Gray[(y * s.Width) + x]);
        var file = Synthetic.File(ds);
        var findings = TextRegionDetector.Detect(file);
        Assert.NotEmpty(findings);
        using var result = PixelRedactor.Redact(file, findings.Select(f => f.ToRegion()).ToList());
        Assert.True(result.Cleaned, result.Refusal);
        Assert.All(result.Blanked, b => Assert.Equal("detector", b.RuleId));
        Assert.DoesNotContain(TextRegionDetector.Detect(file), f => s.Lines.Any(l => f.X0 < l.X1 && l.X0 < f.X1 && f.Y0 < l.Y1 && l.Y0 < f.Y1));
    }
}
