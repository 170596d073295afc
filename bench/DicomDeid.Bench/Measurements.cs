using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine;

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

    /// <summary>
    /// De-identifies every listed file with the engine (Basic profile, fixed bench key) on --threads workers: read,
    /// Apply, WriteAtomic into --out keeping the tree relative to --in. No PowerShell.
    /// </summary>
    public static int Deid(Dictionary<string, string> o)
    {
        var paths = Program.ReadList(o["list"]);
        var inRoot = Path.GetFullPath(o["in"]);
        var outRoot = Path.GetFullPath(o["out"]);
        var threads = int.Parse(o.TryGetValue("threads", out var t) ? t : "2", System.Globalization.CultureInfo.InvariantCulture);
        var profile = DeidProfiles.Resolve(o.TryGetValue("profile", out var pn) ? pn : DeidProfiles.Basic).Compile();
        var keyBytes = new byte[DeidKey.KeyLength];
        for (var i = 0; i < keyBytes.Length; i++) keyBytes[i] = (byte)(i * 7 + 1);
        var deid = new Deidentifier(profile, DeidKey.FromBytes(keyBytes));
        var before = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        long bytes = 0, refused = 0, failed = 0, changes = 0, readTicks = 0, applyTicks = 0, writeTicks = 0;
        Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
        {
            try
            {
                var t0 = Stopwatch.GetTimestamp();
                var file = DicomFileReader.Read(p);
                var t1 = Stopwatch.GetTimestamp();
                var result = deid.Apply(file);
                var t2 = Stopwatch.GetTimestamp();
                Interlocked.Add(ref readTicks, t1 - t0);
                Interlocked.Add(ref applyTicks, t2 - t1);
                if (result.Refusal is not null) { Interlocked.Increment(ref refused); return; }
                var dest = Path.Combine(outRoot, Path.GetRelativePath(inRoot, Path.GetFullPath(p)));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                DicomFileWriter.WriteAtomic(file, dest, overwrite: false);
                Interlocked.Add(ref writeTicks, Stopwatch.GetTimestamp() - t2);
                Interlocked.Add(ref bytes, file.SourceLength);
                Interlocked.Add(ref changes, result.Changes.Count);
            }
            catch (Exception ex) when (ex is IOException || ex is DicomDeid.Dicom.DicomFormatException || ex is InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"{p}: {ex.Message}");
            }
        });
        sw.Stop();
        Program.Emit(new Dictionary<string, object>
        {
            ["available"] = true, ["files"] = paths.Count, ["refused"] = refused, ["failed"] = failed, ["bytes"] = bytes,
            ["changes"] = changes, ["seconds"] = sw.Elapsed.TotalSeconds,
            // Summed over workers: where the time goes.
            ["readSeconds"] = (double)readTicks / Stopwatch.Frequency, ["applySeconds"] = (double)applyTicks / Stopwatch.Frequency,
            ["writeSeconds"] = (double)writeTicks / Stopwatch.Frequency, ["allocatedBytes"] = GC.GetTotalAllocatedBytes(true) - before,
            ["peakWorkingSet"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// SHA-256 of every file in --list and --list2 on --threads workers, each file read whole and hashed with the
    /// same .NET implementation the audit uses: what the audit's input and output hashes cost, nothing else.
    /// </summary>
    public static int Sha256(Dictionary<string, string> o)
    {
        var paths = Program.ReadList(o["list"]);
        if (o.TryGetValue("list2", out var second)) paths.AddRange(Program.ReadList(second));
        var threads = int.Parse(o.TryGetValue("threads", out var t) ? t : "2", System.Globalization.CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        long bytes = 0;
        Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Hash: IncrementalHash.CreateHash(HashAlgorithmName.SHA256), Buffer: new byte[1 << 20]),
            (p, _, local) =>
            {
                using var fs = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                int n;
                long total = 0;
                while ((n = fs.Read(local.Buffer, 0, local.Buffer.Length)) > 0)
                {
                    local.Hash.AppendData(local.Buffer, 0, n);
                    total += n;
                }
                local.Hash.GetHashAndReset();
                Interlocked.Add(ref bytes, total);
                return local;
            },
            local => local.Hash.Dispose());
        sw.Stop();
        Program.Emit(new Dictionary<string, object>
        {
            ["available"] = true, ["files"] = paths.Count, ["bytes"] = bytes, ["seconds"] = sw.Elapsed.TotalSeconds,
            ["peakWorkingSet"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return 0;
    }
}
