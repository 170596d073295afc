using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Audit;
using DicomDeid.Engine.Batch;
using Xunit;

namespace DicomDeid.Engine.Tests.Batch;

/// <summary>The runner over the real codec and engine, on files of the public corpus.</summary>
public sealed class DeidBatchRunnerEngineTests : IDisposable
{
    private static readonly string[] CorpusFiles =
    {
        "pydicom/test_files/MR_small.dcm", "pydicom/test_files/MR_small_implicit.dcm", "pydicom/test_files/MR_small_bigendian.dcm",
        "pydicom/test_files/CT_small.dcm", "pydicom/test_files/rtplan.dcm", "pydicom/test_files/rtdose.dcm", "pydicom/test_files/test-SR.dcm",
        "pydicom/test_files/JPEG2000.dcm", "pydicom/test_files/MR_small_RLE.dcm", "pydicom/test_files/examples_ybr_color.dcm",
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "dicomdeid-batch-engine-" + Guid.NewGuid().ToString("N"));

    public DeidBatchRunnerEngineTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private static string Corpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "DicomDeid.sln not found above " + AppContext.BaseDirectory);
        var corpus = Path.Combine(dir!.Parent!.FullName, "shared", "corpus", "public");
        Assert.True(File.Exists(Path.Combine(corpus, "manifest.tsv")), "The public corpus is missing: expected " + corpus + " (../shared next to the repository).");
        return corpus;
    }

    private List<DeidBatchItem> CopyCorpus()
    {
        var corpus = Corpus();
        var items = new List<DeidBatchItem>();
        var i = 0;
        foreach (var rel in CorpusFiles)
        {
            var target = Path.Combine(_root, "in", "s" + (i++ % 3), Path.GetFileName(rel));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(corpus, rel), target);
            items.Add(new DeidBatchItem(target, Path.GetRelativePath(Path.Combine(_root, "in"), target), true));
        }
        return items;
    }

    private static DeidBatchRunner Runner(string dest, DeidKey key, int throttle, string? log = null) =>
        new(new DeidBatchSettings { DestinationRoot = dest, ThrottleLimit = throttle, AuditLogPath = log },
            DeidProfiles.Resolve(DeidProfiles.Basic).Compile(Array.Empty<string>()), key);

    [Fact]
    public void TwoHalvesWithTheSameKey_EqualOneRunOnTheWhole_ByteForByte_AndOriginalsStayUnchanged()
    {
        var items = CopyCorpus();
        var before = items.ToDictionary(i => i.SourcePath, i => SHA256.HashData(File.ReadAllBytes(i.SourcePath)));
        var key = DeidKey.Generate();
        var whole = Path.Combine(_root, "whole");
        var halves = Path.Combine(_root, "halves");

        var all = Runner(whole, key, 2).Run(items, new FakeHost()).ToList();
        Assert.All(all, r => Assert.True(r.Status == DeidAuditStatus.Success, r.Source + ": " + r.Status + " " + r.Error));
        _ = Runner(halves, key, 1).Run(items.Take(5).ToList(), new FakeHost()).ToList();
        _ = Runner(halves, key, 2).Run(items.Skip(5).ToList(), new FakeHost()).ToList();

        foreach (var item in items)
        {
            var a = File.ReadAllBytes(Path.Combine(whole, item.RelativePath));
            Assert.Equal(a, File.ReadAllBytes(Path.Combine(halves, item.RelativePath)));
            Assert.Equal(before[item.SourcePath], SHA256.HashData(File.ReadAllBytes(item.SourcePath)));
        }
    }

    [Fact]
    public void FileLargerThanTheInMemoryLimit_IsStreamed_AndBothHashesAreThoseOfTheFiles()
    {
        // Over InputBuffer.MaxLength the input is hashed on another thread while it is parsed and copied.
        var src = Path.Combine(_root, "in", "large.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(src)!);
        DicomDeid.Engine.Samples.SyntheticDataGenerator.WriteLargeMultiFrame(src, InputBuffer.MaxLength + (3L << 20), seed: 3);
        Assert.True(new FileInfo(src).Length > InputBuffer.MaxLength);
        var dest = Path.Combine(_root, "out");
        var r = Assert.Single(Runner(dest, DeidKey.Generate(), 1).Run(new[] { new DeidBatchItem(src, "large.dcm", true) }, new FakeHost()).ToList());
        Assert.True(r.Status == DeidAuditStatus.Success, r.Status + " " + r.Error);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(src))), r.InputSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(r.Destination!))), r.OutputSha256);
        Assert.Equal("YES", DicomFileReader.Read(r.Destination!).Dataset.GetString(new DicomTag(0x0012, 0x0062))?.Trim());
    }

    [Fact]
    public void OutputsReadBack_WithTheRecordedUidAndHash_AndNoTempFiles()
    {
        var items = CopyCorpus();
        var log = Path.Combine(_root, "audit.jsonl");
        var dest = Path.Combine(_root, "out");
        var records = Runner(dest, DeidKey.Generate(), 2, log).Run(items, new FakeHost()).ToList();
        Assert.Equal(items.Count, records.Count);
        foreach (var r in records)
        {
            Assert.Equal(DeidAuditStatus.Success, r.Status);
            var file = DicomFileReader.Read(r.Destination!);
            Assert.Equal(r.SopInstanceUidAfter, file.Dataset.GetString(new DicomTag(0x0008, 0x0018))?.TrimEnd('\0', ' '));
            Assert.Equal("YES", file.Dataset.GetString(new DicomTag(0x0012, 0x0062))?.Trim());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(r.Destination!))), r.OutputSha256);
            Assert.False(string.IsNullOrEmpty(r.SopInstanceUidBeforeHash));
            Assert.NotEmpty(r.Changes);
            Assert.Equal("Basic", r.ProfileName);
        }
        Assert.DoesNotContain(Directory.GetFiles(dest, "*", SearchOption.AllDirectories), f => f.EndsWith(".dicomdeid-tmp", StringComparison.Ordinal));
        // The audit log never holds an original SOP Instance UID.
        var text = File.ReadAllText(log);
        foreach (var item in items)
        {
            var uid = DicomFileReader.Read(item.SourcePath).Dataset.GetString(new DicomTag(0x0008, 0x0018))?.TrimEnd('\0', ' ');
            if (!string.IsNullOrEmpty(uid)) Assert.DoesNotContain(uid!, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatedAndNonDicomInputs_GetTheirIds_OthersSucceed()
    {
        var items = CopyCorpus().Take(3).ToList();
        var bytes = File.ReadAllBytes(items[0].SourcePath);
        var cut = Path.Combine(_root, "in", "cut.dcm");
        File.WriteAllBytes(cut, bytes.AsSpan(0, 1200).ToArray());
        var text = Path.Combine(_root, "in", "notes.txt");
        File.WriteAllText(text, "hello, not dicom at all; just some words to be long enough for a sniff");
        items.Add(new DeidBatchItem(cut, "cut.dcm", true));
        items.Add(new DeidBatchItem(text, "notes.txt", true));
        var host = new FakeHost();
        var records = Runner(Path.Combine(_root, "out"), DeidKey.Generate(), 2).Run(items, host).ToDictionary(r => r.Source);
        Assert.Equal((DeidAuditStatus.Failed, DeidErrorIds.InvalidDicom), (records[cut].Status, records[cut].ErrorId));
        Assert.Equal((DeidAuditStatus.Skipped, DeidErrorIds.NotDicom), (records[text].Status, records[text].ErrorId));
        Assert.Equal(3, records.Values.Count(r => r.Status == DeidAuditStatus.Success));
        Assert.False(File.Exists(Path.Combine(_root, "out", "cut.dcm")));
    }
}
