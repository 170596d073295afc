using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using DicomDeid.Dicom;
using DicomDeid.Engine.Batch;

namespace DicomDeid.Engine.Tests.Batch;

/// <summary>Records every host call and the thread it came on.</summary>
internal sealed class FakeHost : IDeidHost
{
    private readonly Func<string, string, bool> _shouldProcess;

    public FakeHost(Func<string, string, bool>? shouldProcess = null, CancellationToken token = default)
    {
        _shouldProcess = shouldProcess ?? ((_, _) => true);
        CancellationToken = token;
    }

    public List<string> Warnings { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<int> Progress { get; } = new();
    public List<string> ShouldProcessTargets { get; } = new();
    public HashSet<int> CallingThreads { get; } = new();
    public CancellationToken CancellationToken { get; }

    public bool ShouldProcess(string target, string action)
    {
        CallingThreads.Add(Environment.CurrentManagedThreadId);
        ShouldProcessTargets.Add(target);
        return _shouldProcess(target, action);
    }

    public void WriteWarning(string message) { CallingThreads.Add(Environment.CurrentManagedThreadId); Warnings.Add(message); }
    public void WriteVerbose(string message) { CallingThreads.Add(Environment.CurrentManagedThreadId); Verbose.Add(message); }
    public void WriteProgress(DeidBatchProgress progress) { CallingThreads.Add(Environment.CurrentManagedThreadId); Progress.Add(progress.Completed); }
}

/// <summary>
/// A stand-in for codec + engine over a toy format: 128 zero bytes, "DICM", a line "UID=...", then a body that is
/// copied stream to stream. Markers in the UID line trigger failures: CORRUPT (read), REFUSE, DEID (already
/// de-identified), PIXELS (pixel cleaning requested), THROWWRITE (the write dies half way), SLOW (sleeps).
/// </summary>
internal sealed class FakeProcessor : IDeidFileProcessor
{
    private static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("test-key");

    public static byte[] MakeFile(string uid, int bodyLength, int seed)
    {
        var head = Encoding.ASCII.GetBytes("UID=" + uid + "\n");
        var bytes = new byte[132 + head.Length + bodyLength];
        Encoding.ASCII.GetBytes("DICM").CopyTo(bytes, 128);
        head.CopyTo(bytes, 132);
        var rnd = new Random(seed);
        var body = new byte[bodyLength];
        rnd.NextBytes(body);
        body.CopyTo(bytes, 132 + head.Length);
        return bytes;
    }

    public bool IsDicomFile(string path)
    {
        using var fs = File.OpenRead(path);
        if (fs.Length < 132) return false;
        var b = new byte[132];
        fs.ReadExactly(b, 0, 132);
        return Encoding.ASCII.GetString(b, 128, 4) == "DICM";
    }

    public DicomFile Read(string path)
    {
        using var fs = File.OpenRead(path);
        fs.Position = 132;
        var sb = new StringBuilder();
        int c;
        while ((c = fs.ReadByte()) >= 0 && c != '\n') sb.Append((char)c);
        var line = sb.ToString();
        if (!line.StartsWith("UID=", StringComparison.Ordinal) || line.Contains("CORRUPT", StringComparison.Ordinal))
            throw new DicomFormatException(path, 132, "(0008,0018)", "toy format broken");
        var ds = new DicomDataset();
        ds.SetString(SopInstanceUid, DicomVR.UI, line.Substring(4));
        // The body stays deferred, like pixel data.
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, new DicomValue(new FileByteSource(path), fs.Position, fs.Length - fs.Position)));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian) { SourceName = path };
    }

    public DeidResult Apply(DicomFile file)
    {
        var uid = file.Dataset.GetString(SopInstanceUid)!.TrimEnd('\0', ' ');
        var r = new DeidResult();
        if (uid.Contains("SLOW", StringComparison.Ordinal)) Thread.Sleep(150);
        if (uid.Contains("REFUSE", StringComparison.Ordinal)) { r.Refusal = "toy refusal"; return r; }
        if (uid.Contains("PIXELS", StringComparison.Ordinal)) r.PixelCleaningRequested = true;
        if (uid.Contains("DEID", StringComparison.Ordinal))
        {
            r.AlreadyDeidentified = true;
            r.Warnings.Add("already de-identified; dates not shifted again");
        }
        var newUid = "2.25." + new System.Numerics.BigInteger(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(uid)).AsSpan(0, 16), isUnsigned: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
        file.Dataset.SetString(SopInstanceUid, DicomVR.UI, (uid.Contains("THROWWRITE", StringComparison.Ordinal) ? "THROWWRITE:" : string.Empty) + newUid);
        r.NewSopInstanceUid = newUid;
        r.Changes.Add(new DeidChange("(0008,0018)", "U", "E.1-1:(0008,0018)"));
        r.ActionCounts["U"] = 1;
        return r;
    }

    public void Write(DicomFile file, Stream destination)
    {
        var uid = file.Dataset.GetString(SopInstanceUid)!.TrimEnd('\0', ' ');
        var head = new byte[132];
        Encoding.ASCII.GetBytes("DICM").CopyTo(head, 128);
        destination.Write(head, 0, head.Length);
        var line = Encoding.ASCII.GetBytes("UID=" + uid + "\n");
        destination.Write(line, 0, line.Length);
        var body = file.Dataset.Get(DicomTag.PixelData)!.Value;
        if (uid.StartsWith("THROWWRITE:", StringComparison.Ordinal))
        {
            // Half the body, then the "disk" fails.
            var half = new byte[body.Length / 2];
            destination.Write(half, 0, half.Length);
            destination.Flush();
            throw new IOException("simulated failure half way through the write");
        }
        body.CopyTo(destination, new byte[8192]);
    }

    public string HashIdentifier(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("audit:" + value)));
}
