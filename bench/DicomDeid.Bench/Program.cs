using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DicomDeid.Engine.Samples;

namespace DicomDeid.Bench;

/// <summary>
/// Commands (each prints one JSON object on its last stdout line for Invoke-Benchmark.ps1):
///   generate --out DIR [--preset Bench|Quick|Demo] [--seed N]
///   large --out FILE --bytes N [--seed N]
///   parse --list FILE            read every file listed (one path a line) with our reader, in-process
///   deid --list FILE --in DIR --out DIR [--threads N]   de-identify in-process with the engine
///   sha256 --list FILE [--list2 FILE] [--threads N]    SHA-256 of every listed file (the audit's hashes alone)
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine("usage: generate|large|parse|deid ..."); return 2; }
        var opts = ParseArgs(args);
        try
        {
            return args[0] switch
            {
                "generate" => Generate(opts),
                "large" => Large(opts),
                "parse" => Measurements.Parse(opts),
                "deid" => Measurements.Deid(opts),
                "sha256" => Measurements.Sha256(opts),
                _ => Usage(args[0]),
            };
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex.ToString());
            return 1;
        }
    }

    private static int Usage(string cmd)
    {
        Console.Error.WriteLine($"unknown command '{cmd}'");
        return 2;
    }

    internal static Dictionary<string, string> ParseArgs(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            d[args[i].Substring(2)] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return d;
    }

    private static int Generate(Dictionary<string, string> o)
    {
        var preset = o.GetValueOrDefault("preset", "Bench");
        SampleSetOptions options;
        if (string.Equals(preset, "Quick", StringComparison.OrdinalIgnoreCase))
        {
            options = SampleSetOptions.ForPreset(SampleSetPreset.Bench);
            options.PatientCount = 4;
            options.InstancesPerSeries = 40;
        }
        else
        {
            options = SampleSetOptions.ForPreset(Enum.Parse<SampleSetPreset>(preset, ignoreCase: true));
        }
        options.OutputPath = o["out"];
        options.Seed = int.Parse(o.GetValueOrDefault("seed", "20261125"), CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        long files = 0, bytes = 0;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in new SyntheticDataGenerator(options).Generate())
        {
            files++; bytes += f.Length;
            kinds[f.Kind] = kinds.GetValueOrDefault(f.Kind) + 1;
        }
        sw.Stop();
        Emit(new Dictionary<string, object>
        {
            ["files"] = files, ["bytes"] = bytes, ["seconds"] = sw.Elapsed.TotalSeconds,
            ["kinds"] = kinds, ["peakWorkingSet"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return 0;
    }

    private static int Large(Dictionary<string, string> o)
    {
        var sw = Stopwatch.StartNew();
        var before = GC.GetTotalAllocatedBytes(true);
        var info = SyntheticDataGenerator.WriteLargeMultiFrame(o["out"], long.Parse(o["bytes"], CultureInfo.InvariantCulture),
            int.Parse(o.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture));
        sw.Stop();
        Emit(new Dictionary<string, object>
        {
            ["path"] = info.Path, ["bytes"] = info.Length, ["frames"] = info.NumberOfFrames, ["seconds"] = sw.Elapsed.TotalSeconds,
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(true) - before, ["peakWorkingSet"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return 0;
    }

    internal static void Emit(Dictionary<string, object> result) => Console.WriteLine(JsonSerializer.Serialize(result));

    internal static List<string> ReadList(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
}
