// Pixel redaction throughput on ultrasound-like multi-frame files, in frames per second.
// Usage: dotnet run --project bench/pixels -c Release -- [--frames 120] [--rows 480] [--columns 640] [--repeat 3]
// Makes a native RGB multi-frame US file, compresses copies with dcmtk (dcmcrle, dcmcjpeg +eb) when those tools are
// installed, then reads, blanks a top banner and a side label in every frame, and writes each file; prints one line
// per format and a summary line "PIXELS-BENCH ..." for build.ps1.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Pixels;

var frames = Arg("--frames", 120);
var rows = Arg("--rows", 480);
var cols = Arg("--columns", 640);
var repeat = Arg("--repeat", 3);
var dir = Path.Combine(Path.GetTempPath(), "dicomdeid-pixbench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
try
{
    var native = Path.Combine(dir, "us-native.dcm");
    WriteNative(native, rows, cols, frames);
    var inputs = new List<(string Name, string Path)> { ("native", native) };
    if (Tool("dcmcrle", native, Path.Combine(dir, "us-rle.dcm"), "")) inputs.Add(("rle", Path.Combine(dir, "us-rle.dcm")));
    if (Tool("dcmcjpeg", native, Path.Combine(dir, "us-jpeg.dcm"), "+eb")) inputs.Add(("jpeg-baseline", Path.Combine(dir, "us-jpeg.dcm")));
    if (Tool("dcmcjpeg", native, Path.Combine(dir, "us-jpegll.dcm"), "+e1")) inputs.Add(("jpeg-lossless", Path.Combine(dir, "us-jpegll.dcm")));
    var regions = new[] { PixelRegion.FromRectangle(0, 0, cols, 48, "banner"), PixelRegion.FromRectangle(cols - 120, 60, 120, 200, "side") };
    Console.WriteLine($"pixel redaction: {frames} frames of {cols}x{rows} RGB per file, best of {repeat}, {Environment.ProcessorCount} cores");
    var summary = new List<string>();
    foreach (var (name, path) in inputs)
    {
        double best = double.MaxValue;
        PixelRedactionResult? last = null;
        for (var r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            var file = DicomFileReader.Read(path);
            using var result = PixelRedactor.Redact(file, regions, PixelFill.Black);
            if (!result.Cleaned) throw new InvalidOperationException(name + ": " + result.Refusal);
            var outPath = Path.Combine(dir, "out-" + name + ".dcm");
            using (var fs = File.Create(outPath)) DicomFileWriter.Write(file, fs);
            sw.Stop();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            last = result;
        }
        var fps = frames / best;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-14} {1,8:0.0} frames/s  ({2:0.000} s per file of {3:0.0} MB, {4} rectangles)", name, fps, best, new FileInfo(path).Length / 1048576.0, last!.Blanked.Count));
        summary.Add(string.Format(CultureInfo.InvariantCulture, "{0}={1:0.0}", name, fps));
    }
    // The detector on one frame.
    var probe = DicomFileReader.Read(native);
    var t = Stopwatch.StartNew();
    var found = TextRegionDetector.Detect(probe, 1);
    t.Stop();
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  text detector  {0,8:0.0} frames/s  ({1} lines found in frame 1)", 1 / t.Elapsed.TotalSeconds, found.Count));
    Console.WriteLine("PIXELS-BENCH frames/s " + string.Join(" ", summary));
    return 0;
}
finally
{
    Directory.Delete(dir, true);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static bool Tool(string exe, string input, string output, string option)
{
    try
    {
        var psi = new ProcessStartInfo(exe, (option.Length > 0 ? option + " " : "") + input + " " + output) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi);
        if (p is null) return false;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 && File.Exists(output);
    }
    catch (System.ComponentModel.Win32Exception)
    {
        Console.WriteLine($"  ({exe} not installed: that format is skipped)");
        return false;
    }
}

static void WriteNative(string path, int rows, int cols, int frames)
{
    var ds = new DicomDataset();
    ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.3.1");
    ds.SetString(new DicomTag(0x00080018), DicomVR.UI, "2.25.1234567890123456789");
    ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "US");
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280002), 3));
    ds.SetString(new DicomTag(0x00280004), DicomVR.CS, "RGB");
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280006), 0));
    ds.SetString(new DicomTag(0x00280008), DicomVR.IS, frames.ToString(CultureInfo.InvariantCulture));
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280010), (ushort)rows));
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280011), (ushort)cols));
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280100), 8));
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280101), 8));
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280102), 7));
    ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280103), 0));
    var rng = new Random(1);
    var px = new byte[(long)rows * cols * 3 * frames];
    var o = 0;
    for (var f = 0; f < frames; f++)
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < cols; x++)
            {
                // Speckle in a fan, black outside, a bright banner of "text" stripes at the top.
                var inFan = y > 60 && Math.Abs(x - (cols / 2)) < (y - 40) * 0.8;
                var v = y < 40 && (x / 3 + y) % 4 == 0 ? 230 : inFan ? (int)(40 + (90 * rng.NextDouble() * rng.NextDouble()) + ((f * 3) % 20)) : 0;
                px[o++] = (byte)v; px[o++] = (byte)v; px[o++] = (byte)v;
            }
    ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, new DicomValue(px)));
    var meta = new DicomDataset();
    meta.SetString(DicomTag.TransferSyntaxUid, DicomVR.UI, "1.2.840.10008.1.2.1");
    var file = new DicomFile(meta, ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    using var fs = File.Create(path);
    DicomFileWriter.Write(file, fs);
}
