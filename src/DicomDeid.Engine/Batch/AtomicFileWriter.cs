using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// Writes a file so that its final name only ever names a complete file: the bytes go to a temp file in the same
/// folder (<c>.&lt;name&gt;.&lt;random&gt;.dicomdeid-tmp</c>), are flushed to disk, and the temp file is renamed. A
/// killed process leaves at most a temp file, which input walks ignore and the next run into that folder deletes.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>Suffix of every temp file.</summary>
    public const string TempSuffix = ".dicomdeid-tmp";

    // Thread-safe; one for the process instead of one OS handle per file.
    private static readonly RandomNumberGenerator Rng = RandomNumberGenerator.Create();

    /// <summary>Writes <paramref name="finalPath"/> through <paramref name="write"/>; returns the SHA-256 (hex) of the bytes written.</summary>
    /// <exception cref="DestinationExistsException">The final file exists and <paramref name="overwrite"/> is false.</exception>
    public static string Write(string finalPath, bool overwrite, Action<Stream> write, Func<bool>? abortBeforeCommit = null, bool flushToDisk = true)
    {
        var dir = Path.GetDirectoryName(finalPath) ?? throw new ArgumentException("No folder in " + finalPath, nameof(finalPath));
        var temp = Path.Combine(dir, "." + Path.GetFileName(finalPath) + "." + RandomSuffix() + TempSuffix);
        var committed = false;
        try
        {
            string hash;
            // The writers buffer themselves; a FileStream buffer here would be one more copy and a 64 KiB array per file.
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            using (var hs = new HashingWriteStream(fs))
            {
                write(hs);
                hs.Flush();
                fs.Flush(flushToDisk);
                hash = hs.HashHex();
            }
            if (abortBeforeCommit is not null && abortBeforeCommit()) throw new OperationCanceledException();
            if (File.Exists(finalPath))
            {
                if (!overwrite) throw new DestinationExistsException(finalPath);
                File.Replace(temp, finalPath, null, ignoreMetadataErrors: true);
            }
            else
            {
                try
                {
                    File.Move(temp, finalPath);
                }
                catch (IOException) when (File.Exists(finalPath))
                {
                    // Someone created it between our check and the rename.
                    if (!overwrite) throw new DestinationExistsException(finalPath);
                    File.Replace(temp, finalPath, null, ignoreMetadataErrors: true);
                }
            }
            committed = true;
            return hash;
        }
        finally
        {
            if (!committed) TryDelete(temp);
        }
    }

    /// <summary>Deletes temp files left in <paramref name="folder"/> by runs that were killed before <paramref name="olderThanUtc"/>.</summary>
    public static int CleanStale(string folder, DateTime olderThanUtc)
    {
        var n = 0;
        try
        {
            foreach (var f in Directory.EnumerateFiles(folder, "*" + TempSuffix, SearchOption.TopDirectoryOnly))
            {
                if (File.GetLastWriteTimeUtc(f) < olderThanUtc && TryDelete(f)) n++;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return n;
    }

    /// <summary>True for a temp file name of ours.</summary>
    public static bool IsTempFile(string path) => path.EndsWith(TempSuffix, StringComparison.OrdinalIgnoreCase);

    private static bool TryDelete(string path)
    {
        try { File.Delete(path); return true; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static string RandomSuffix()
    {
        var b = new byte[6];
        Rng.GetBytes(b);
        return Hex.Lower(b);
    }
}

/// <summary>The input could not be read again to compute its SHA-256 (it changed or went away during the run).</summary>
internal sealed class InputHashException : IOException
{
    public InputHashException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>The output exists and overwriting was not allowed.</summary>
internal sealed class DestinationExistsException : IOException
{
    public DestinationExistsException(string path) : base("The output exists: " + path + " (use -Force to overwrite it).") => PathName = path;

    public string PathName { get; }
}

/// <summary>A forward-only stream that hashes what passes through (SHA-256) on its way to the inner stream.</summary>
internal sealed class HashingWriteStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    public HashingWriteStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _hash.AppendData(buffer, offset, count);
        _inner.Write(buffer, offset, count);
        _length += count;
    }

    public override void WriteByte(byte value)
    {
        _hash.AppendData(new[] { value });
        _inner.WriteByte(value);
        _length++;
    }

    public string HashHex() => Hex.Lower(_hash.GetHashAndReset());

    public override void Flush() => _inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Hex and hashing helpers (netstandard2.0 has no Convert.ToHexString).</summary>
internal static class Hex
{
    public static string Lower(byte[] bytes)
    {
        var c = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            c[2 * i] = Digit(bytes[i] >> 4);
            c[(2 * i) + 1] = Digit(bytes[i] & 0xF);
        }
        return new string(c);
    }

    public static string Sha256File(string path, byte[] buffer, CancellationToken token = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            int n;
            while ((n = fs.Read(buffer, 0, buffer.Length)) > 0)
            {
                token.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, n);
            }
        }
        return Lower(hash.GetHashAndReset());
    }

    private static char Digit(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);
}
