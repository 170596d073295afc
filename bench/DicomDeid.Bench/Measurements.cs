using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using DicomDeid.Dicom.IO;

namespace DicomDeid.Bench;

/// <summary>In-process measurements of the codec and the engine.</summary>
internal static class Measurements
{
    /// <summary>Reads every listed file with DicomFileReader (bulk values stay deferred) on one thread.</summary>
    public static int Parse(Dictionary<string, string> o)
    {
        var paths = Program.ReadList(o["list"]);
        var before = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        long bytes = 0, elements = 0, failures = 0;
        foreach (var p in paths)
        {
            try
            {
                var f = DicomFileReader.Read(p);
                bytes += f.SourceLength > 0 ? f.SourceLength : new FileInfo(p).Length;
                elements += f.Dataset.Count;
            }
            catch (Exception ex) when (ex is IOException || ex is DicomDeid.Dicom.DicomFormatException)
            {
                failures++;
                Console.Error.WriteLine($"{p}: {ex.Message}");
            }
        }
        sw.Stop();
        Program.Emit(new Dictionary<string, object>
        {
            ["available"] = true, ["files"] = paths.Count, ["failures"] = failures, ["bytes"] = bytes, ["elements"] = elements,
            ["seconds"] = sw.Elapsed.TotalSeconds, ["allocatedBytes"] = GC.GetTotalAllocatedBytes(true) - before,
            ["peakWorkingSet"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return failures == 0 ? 0 : 1;
    }

    public static int Deid(Dictionary<string, string> o)
    {
        Program.Emit(new Dictionary<string, object> { ["available"] = false, ["reason"] = "the de-identification engine is not on main yet" });
        return 0;
    }
}
