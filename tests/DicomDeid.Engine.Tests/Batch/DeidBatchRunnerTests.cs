using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using DicomDeid.Engine.Audit;
using DicomDeid.Engine.Batch;
using Xunit;

namespace DicomDeid.Engine.Tests.Batch;

public sealed class DeidBatchRunnerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dicomdeid-batch-" + Guid.NewGuid().ToString("N"));

    public DeidBatchRunnerTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private string In => Path.Combine(_root, "in");

    private string Out => Path.Combine(_root, "out");

    private List<DeidBatchItem> MakeTree(int count, Func<int, string>? uid = null)
    {
        var items = new List<DeidBatchItem>();
        for (var i = 0; i < count; i++)
        {
            var rel = Path.Combine("patient" + (i % 3), "series" + (i % 2), "img" + i + ".dcm");
            var path = Path.Combine(In, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, FakeProcessor.MakeFile(uid?.Invoke(i) ?? "1.2.3." + i, 1000 + (i * 37), i));
            items.Add(new DeidBatchItem(path, rel, fromDirectory: true));
        }
        return items;
    }

    private static DeidBatchRunner Runner(DeidBatchSettings s) => new(s, () => new FakeProcessor());

    private static Dictionary<string, string> Hashes(IEnumerable<string> files) =>
        files.ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string[] AllFiles(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories) : Array.Empty<string>();

    [Fact]
    public void EveryFileGetsOneRecord_TreeMirrored_HostCalledOnEnumeratingThreadOnly()
    {
        var items = MakeTree(24);
        var host = new FakeHost();
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out, ThrottleLimit = 4 }).Run(items, host).ToList();

        Assert.Equal(24, records.Count);
        Assert.All(records, r => Assert.Equal(DeidAuditStatus.Success, r.Status));
        Assert.Equal(items.Select(i => i.SourcePath).OrderBy(x => x), records.Select(r => r.Source).OrderBy(x => x));
        foreach (var item in items)
        {
            var expected = Path.Combine(Out, item.RelativePath);
            Assert.True(File.Exists(expected), expected);
            var r = records.Single(x => x.Source == item.SourcePath);
            Assert.Equal(expected, r.Destination);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(expected))), r.OutputSha256);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(item.SourcePath))), r.InputSha256);
            Assert.StartsWith("2.25.", r.SopInstanceUidAfter, StringComparison.Ordinal);
            Assert.Equal(64, r.SopInstanceUidBeforeHash!.Length);
            Assert.DoesNotContain("1.2.3.", r.SopInstanceUidBeforeHash, StringComparison.Ordinal);
            Assert.Single(r.Changes);
            Assert.Equal(1, r.ActionCounts["U"]);
        }
        Assert.Equal(new[] { Environment.CurrentManagedThreadId }, host.CallingThreads.ToArray());
        Assert.Equal(Enumerable.Range(1, 24), host.Progress);
        Assert.Equal(24, host.ShouldProcessTargets.Count);
        Assert.DoesNotContain(AllFiles(Out), f => f.EndsWith(".dicomdeid-tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void ResultsComeInOrderOfCompletion_NotInput()
    {
        // The first file is slow: with two workers the others finish first and are handed back first.
        var items = MakeTree(6, i => i == 0 ? "1.2.SLOW.0" : "1.2.3." + i);
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out, ThrottleLimit = 2, FlushToDisk = false }).Run(items, new FakeHost()).ToList();
        Assert.Equal(6, records.Count);
        Assert.NotEqual(items[0].SourcePath, records[0].Source);
        Assert.Contains(records, r => r.Source == items[0].SourcePath && r.Status == DeidAuditStatus.Success);
    }

    [Fact]
    public void FailingFilesGetTheirErrorIdAndTheRunGoesOn()
    {
        var items = MakeTree(8, i => i switch { 1 => "CORRUPT", 2 => "1.2.REFUSE", 3 => "1.2.THROWWRITE", 4 => "1.2.DEID", _ => "1.2.3." + i });
        var notDicom = Path.Combine(In, "notes.txt");
        File.WriteAllText(notDicom, "not an image");
        items.Add(new DeidBatchItem(notDicom, "notes.txt", true));
        var host = new FakeHost();

        var records = Runner(new DeidBatchSettings { DestinationRoot = Out, ThrottleLimit = 3 }).Run(items, host).ToDictionary(r => r.Source);

        Assert.Equal(9, records.Count);
        Assert.Equal((DeidAuditStatus.Failed, DeidErrorIds.InvalidDicom), (records[items[1].SourcePath].Status, records[items[1].SourcePath].ErrorId));
        Assert.Equal((DeidAuditStatus.Refused, DeidErrorIds.Refused), (records[items[2].SourcePath].Status, records[items[2].SourcePath].ErrorId));
        Assert.Equal((DeidAuditStatus.Failed, DeidErrorIds.WriteFailed), (records[items[3].SourcePath].Status, records[items[3].SourcePath].ErrorId));
        Assert.Equal(DeidAuditStatus.AlreadyDeidentified, records[items[4].SourcePath].Status);
        Assert.Contains(host.Warnings, w => w.StartsWith(items[4].SourcePath, StringComparison.Ordinal) && w.Contains("already de-identified", StringComparison.Ordinal));
        Assert.Contains("already de-identified; dates not shifted again", records[items[4].SourcePath].Warnings);
        Assert.Equal((DeidAuditStatus.Skipped, DeidErrorIds.NotDicom), (records[notDicom].Status, records[notDicom].ErrorId));
        Assert.Contains(host.Warnings, w => w.Contains("notes.txt", StringComparison.Ordinal));
        foreach (var i in new[] { 0, 5, 6, 7 }) Assert.Equal(DeidAuditStatus.Success, records[items[i].SourcePath].Status);

        // Nothing under the final name for the failures, and no temp file left behind.
        foreach (var i in new[] { 1, 2, 3 }) Assert.False(File.Exists(Path.Combine(Out, items[i].RelativePath)));
        Assert.False(File.Exists(Path.Combine(Out, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(Out, items[4].RelativePath)));
        Assert.DoesNotContain(AllFiles(Out), f => f.EndsWith(".dicomdeid-tmp", StringComparison.Ordinal));
        Assert.All(records.Values.Where(r => r.Status != DeidAuditStatus.Success && r.Status != DeidAuditStatus.AlreadyDeidentified), r => Assert.Null(r.OutputSha256));
    }

    [Fact]
    public void PixelCleaningRequested_WithoutAPixelStage_IsRefusedAndNotWritten()
    {
        var items = MakeTree(2, i => i == 0 ? "1.2.PIXELS" : "1.2.3." + i);
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(items, new FakeHost()).ToDictionary(r => r.Source);
        Assert.Equal((DeidAuditStatus.Refused, DeidErrorIds.Refused), (records[items[0].SourcePath].Status, records[items[0].SourcePath].ErrorId));
        Assert.Contains("Clean Pixel Data", records[items[0].SourcePath].Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, items[0].RelativePath)));
        Assert.Equal(DeidAuditStatus.Success, records[items[1].SourcePath].Status);
    }

    [Fact]
    public void CrashMidWrite_LeavesNoFileWithTheFinalName()
    {
        var target = Path.Combine(Out, "a.dcm");
        Directory.CreateDirectory(Out);
        Assert.Throws<IOException>(() => AtomicFileWriter.Write(target, false, s =>
        {
            s.Write(new byte[10000], 0, 10000);
            throw new IOException("disk died");
        }));
        Assert.False(File.Exists(target));
        Assert.Empty(AllFiles(Out));
    }

    [Fact]
    public void StaleTempFilesOfAKilledRunAreRemovedNextRun()
    {
        var items = MakeTree(2);
        var dir = Path.GetDirectoryName(Path.Combine(Out, items[0].RelativePath))!;
        Directory.CreateDirectory(dir);
        var stale = Path.Combine(dir, ".img0.dcm.abcdef.dicomdeid-tmp");
        File.WriteAllBytes(stale, new byte[50]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(items, new FakeHost()).ToList();
        Assert.All(records, r => Assert.Equal(DeidAuditStatus.Success, r.Status));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void OriginalsAreUnchanged()
    {
        var items = MakeTree(10, i => i == 3 ? "1.2.THROWWRITE" : "1.2.3." + i);
        var before = Hashes(AllFiles(In));
        _ = Runner(new DeidBatchSettings { DestinationRoot = Out, ThrottleLimit = 3 }).Run(items, new FakeHost()).ToList();
        Assert.Equal(before, Hashes(AllFiles(In)));
        Assert.Equal(before.Keys.OrderBy(x => x), AllFiles(In).OrderBy(x => x));
    }

    [Fact]
    public void UnwritableDestination_IsWriteFailedPerFile()
    {
        var items = MakeTree(3);
        // A plain file where the destination folder must go: no folder can be created there.
        File.WriteAllText(Out, "in the way");
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(items, new FakeHost()).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(DeidAuditStatus.Failed, r.Status);
            Assert.Equal(DeidErrorIds.WriteFailed, r.ErrorId);
            Assert.Contains(r.Destination!, r.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ExistingOutputWithoutForce_IsSkippedWithReason_WithForce_Overwritten()
    {
        var items = MakeTree(2);
        var existing = Path.Combine(Out, items[0].RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        File.WriteAllText(existing, "keep me");

        var host = new FakeHost();
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(items, host).ToDictionary(r => r.Source);
        Assert.Equal(DeidAuditStatus.Skipped, records[items[0].SourcePath].Status);
        Assert.Equal(DeidErrorIds.OutputExists, records[items[0].SourcePath].ErrorId);
        Assert.Contains("-Force", records[items[0].SourcePath].Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(DeidAuditStatus.Success, records[items[1].SourcePath].Status);
        Assert.Contains(host.Warnings, w => w.Contains(existing, StringComparison.Ordinal));

        var forced = Runner(new DeidBatchSettings { DestinationRoot = Out, Force = true }).Run(items, new FakeHost()).ToList();
        Assert.All(forced, r => Assert.Equal(DeidAuditStatus.Success, r.Status));
        Assert.NotEqual("keep me", File.ReadAllText(existing));
    }

    [Fact]
    public void AuditLog_HeaderThenOneFlushedLinePerFileThenSummary()
    {
        var items = MakeTree(5, i => i == 2 ? "CORRUPT" : "1.2.3." + i);
        var logPath = Path.Combine(_root, "audit.jsonl");
        var runner = Runner(new DeidBatchSettings { DestinationRoot = Out, AuditLogPath = logPath, KeyFingerprint = "fp", ThrottleLimit = 2 });
        var linesSeenDuringRun = new List<int>();
        foreach (var r in runner.Run(items, new FakeHost()))
        {
            // Readable while the run holds it, and already holds the line of the record just handed back.
            using var fs = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = new StreamReader(fs).ReadToEnd();
            Assert.Contains(JsonSerializer.Serialize(r.Source), text, StringComparison.Ordinal);
            linesSeenDuringRun.Add(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        Assert.True(linesSeenDuringRun[0] >= 2);

        var lines = File.ReadAllLines(logPath);
        Assert.Equal(7, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("RunHeader", docs[0].GetProperty("Type").GetString());
        Assert.Equal(runner.RunId, docs[0].GetProperty("RunId").GetString());
        Assert.Equal("fp", docs[0].GetProperty("KeyFingerprint").GetString());
        Assert.Equal(Environment.MachineName, docs[0].GetProperty("MachineName").GetString());
        Assert.All(docs.Skip(1).Take(5), d =>
        {
            Assert.Equal("File", d.GetProperty("Type").GetString());
            Assert.Equal(runner.RunId, d.GetProperty("RunId").GetString());
        });
        var failed = docs.Single(d => d.GetProperty("Type").GetString() == "File" && d.GetProperty("Status").GetString() == "Failed");
        Assert.Equal(DeidErrorIds.InvalidDicom, failed.GetProperty("ErrorId").GetString());
        Assert.Equal("RunSummary", docs[6].GetProperty("Type").GetString());
        Assert.Equal(4, docs[6].GetProperty("StatusCounts").GetProperty("Success").GetInt32());
        Assert.False(docs[6].GetProperty("Cancelled").GetBoolean());

        // Appended, never truncated.
        _ = Runner(new DeidBatchSettings { DestinationRoot = Out, AuditLogPath = logPath, Force = true }).Run(items.Take(1).ToList(), new FakeHost()).ToList();
        Assert.Equal(10, File.ReadAllLines(logPath).Length);
        Assert.Equal(lines, File.ReadAllLines(logPath).Take(7));
    }

    [Fact]
    public void AuditRecordsNeverCarryTheOriginalUid()
    {
        var items = MakeTree(3, i => "1.2.840.99999.777." + i);
        var logPath = Path.Combine(_root, "audit.jsonl");
        _ = Runner(new DeidBatchSettings { DestinationRoot = Out, AuditLogPath = logPath }).Run(items, new FakeHost()).ToList();
        Assert.DoesNotContain("1.2.840.99999.777", File.ReadAllText(logPath), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoHalvesWithTheSameKey_EqualOneRunOnTheWhole_ByteForByte()
    {
        var items = MakeTree(12);
        var whole = Path.Combine(_root, "whole");
        var halves = Path.Combine(_root, "halves");
        _ = Runner(new DeidBatchSettings { DestinationRoot = whole, ThrottleLimit = 3 }).Run(items, new FakeHost()).ToList();
        _ = Runner(new DeidBatchSettings { DestinationRoot = halves, ThrottleLimit = 1 }).Run(items.Take(6).ToList(), new FakeHost()).ToList();
        _ = Runner(new DeidBatchSettings { DestinationRoot = halves, ThrottleLimit = 2 }).Run(items.Skip(6).ToList(), new FakeHost()).ToList();
        var a = AllFiles(whole).Select(f => Path.GetRelativePath(whole, f)).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var b = AllFiles(halves).Select(f => Path.GetRelativePath(halves, f)).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.Equal(12, a.Count);
        Assert.Equal(a, b);
        foreach (var rel in a) Assert.Equal(File.ReadAllBytes(Path.Combine(whole, rel)), File.ReadAllBytes(Path.Combine(halves, rel)));
    }

    [Fact]
    public void DestinationInsideTheInputFolder_IsRefusedBeforeAnything()
    {
        var items = MakeTree(2);
        var ex = Assert.Throws<DeidBatchException>(() => Runner(new DeidBatchSettings { DestinationRoot = Path.Combine(In, "deid") }).Run(items, new FakeHost()));
        Assert.Equal(DeidErrorIds.DestinationInvalid, ex.ErrorId);
        var ex2 = Assert.Throws<DeidBatchException>(() => Runner(new DeidBatchSettings { DestinationRoot = In }).Run(items, new FakeHost()));
        Assert.Equal(DeidErrorIds.DestinationInvalid, ex2.ErrorId);
        var ex3 = Assert.Throws<DeidBatchException>(() => Runner(new DeidBatchSettings()).Run(items, new FakeHost()));
        Assert.Equal(DeidErrorIds.DestinationInvalid, ex3.ErrorId);
        Assert.False(Directory.Exists(Path.Combine(In, "deid")));
    }

    [Fact]
    public void SingleFileInput_NextToItsOwnFolder_IsAllowed_ButNeverOverTheSource()
    {
        var items = MakeTree(1);
        var single = new DeidBatchItem(items[0].SourcePath, Path.GetFileName(items[0].SourcePath));
        var before = File.ReadAllBytes(single.SourcePath);
        var r = Runner(new DeidBatchSettings { DestinationRoot = single.InputRoot, Force = true }).Run(new[] { single }, new FakeHost()).Single();
        Assert.Equal(DeidErrorIds.DestinationInvalid, r.ErrorId);
        Assert.Equal(before, File.ReadAllBytes(single.SourcePath));

        var sub = Path.Combine(single.InputRoot, "deid");
        var ok = Runner(new DeidBatchSettings { DestinationRoot = sub }).Run(new[] { single }, new FakeHost()).Single();
        Assert.Equal(DeidAuditStatus.Success, ok.Status);
    }

    [Fact]
    public void InPlace_ReplacesTheOriginalAtomically()
    {
        var items = MakeTree(3);
        var before = Hashes(items.Select(i => i.SourcePath));
        var records = Runner(new DeidBatchSettings { InPlace = true }).Run(items, new FakeHost()).ToList();
        Assert.All(records, r => Assert.Equal(DeidAuditStatus.Success, r.Status));
        var after = Hashes(items.Select(i => i.SourcePath));
        foreach (var r in records)
        {
            Assert.Equal(r.Source, r.Destination);
            Assert.NotEqual(before[r.Source], after[r.Source]);
            Assert.Equal(before[r.Source], r.InputSha256!.ToUpperInvariant());
        }
        Assert.Equal(3, AllFiles(In).Length);
    }

    [Fact]
    public void ShouldProcessDeclined_WritesNothingAndYieldsNothing()
    {
        var items = MakeTree(4);
        var host = new FakeHost((_, _) => false);
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(items, host).ToList();
        Assert.Empty(records);
        Assert.Equal(4, host.ShouldProcessTargets.Count);
        Assert.Empty(AllFiles(Out));
    }

    [Fact]
    public void DuplicateDestinations_SecondIsSkipped()
    {
        var items = MakeTree(1);
        var otherRoot = Path.Combine(_root, "in2");
        var other = Path.Combine(otherRoot, items[0].RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.Copy(items[0].SourcePath, other);
        var list = new List<DeidBatchItem> { items[0], new(other, items[0].RelativePath, true) };
        var records = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(list, new FakeHost()).ToDictionary(r => r.Source);
        Assert.Equal(DeidAuditStatus.Success, records[items[0].SourcePath].Status);
        Assert.Equal(DeidErrorIds.DuplicateDestination, records[other].ErrorId);
    }

    [Fact]
    public void Cancellation_StopsTheRun_LeavesNoTempFiles_AndMarksTheLog()
    {
        var items = MakeTree(30, i => "1.2.SLOW." + i);
        var logPath = Path.Combine(_root, "audit.jsonl");
        using var cts = new CancellationTokenSource();
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var r in Runner(new DeidBatchSettings { DestinationRoot = Out, ThrottleLimit = 2, AuditLogPath = logPath }).Run(items, new FakeHost(token: cts.Token)))
            {
                seen++;
                cts.Cancel();
            }
        });
        Assert.True(seen >= 1 && seen < 30);
        Assert.DoesNotContain(AllFiles(Out), f => f.EndsWith(".dicomdeid-tmp", StringComparison.Ordinal));
        var last = JsonDocument.Parse(File.ReadAllLines(logPath).Last()).RootElement;
        Assert.Equal("RunSummary", last.GetProperty("Type").GetString());
        Assert.True(last.GetProperty("Cancelled").GetBoolean());
        // Every output present is complete (matches a File line's hash).
        var hashes = File.ReadAllLines(logPath).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(d => d.GetProperty("Type").GetString() == "File").Select(d => d.GetProperty("OutputSha256").GetString()).ToHashSet();
        foreach (var f in AllFiles(Out)) Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), hashes);
    }

    [Fact]
    public void RelativePathEscapingTheDestination_IsRefused()
    {
        var items = MakeTree(1);
        var evil = new DeidBatchItem(items[0].SourcePath, Path.Combine("..", "escaped.dcm"));
        var r = Runner(new DeidBatchSettings { DestinationRoot = Out }).Run(new[] { evil }, new FakeHost()).Single();
        Assert.Equal(DeidErrorIds.DestinationInvalid, r.ErrorId);
        Assert.False(File.Exists(Path.Combine(_root, "escaped.dcm")));
    }
}
