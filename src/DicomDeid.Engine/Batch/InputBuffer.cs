using System;
using System.IO;
using System.Security.Cryptography;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// One pass over an input: the whole file is read once into a per-worker buffer and hashed there (SHA-256 for the
/// audit); the sniff, the header parse and the copy of the bulk values then work from memory. Before, every file was
/// opened four times and read in full twice (hash, copy). Files over <see cref="MaxLength"/> keep the streaming path,
/// so memory stays flat in file size.
/// </summary>
internal sealed class InputBuffer : IDicomByteSource
{
    /// <summary>Largest file read into memory; larger ones are streamed.</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    [ThreadStatic]
    private static InputBuffer? t_current;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _bytes = Array.Empty<byte>();

    private InputBuffer()
    {
    }

    /// <inheritdoc />
    public string Name { get; private set; } = string.Empty;

    /// <summary>Bytes read.</summary>
    public int Length { get; private set; }

    /// <summary>SHA-256 (hex) of the bytes read.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    /// <summary>The cheap DICOM sniff, on the bytes in memory.</summary>
    public bool LooksLikeDicom => Dicom.IO.DicomFileReader.IsDicomHeader(_bytes.AsSpan(0, Math.Min(132, Length)), Length);

    /// <summary>
    /// Reads <paramref name="path"/> into this thread's buffer (reused by the next call on the same thread), or
    /// returns null when the file is too large or cannot be read (the caller then takes the streaming path, which
    /// reports the problem as before).
    /// </summary>
    public static InputBuffer? TryLoad(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            using var fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var length = fs.Length;
            if (length > MaxLength) return null;
            var b = t_current ??= new InputBuffer();
            b.Fill(fs, (int)length, full);
            return b;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Stream OpenRead() => new MemoryStream(_bytes, 0, Length, writable: false, publiclyVisible: true);

    private void Fill(FileStream fs, int length, string name)
    {
        if (_bytes.Length < length) _bytes = new byte[Math.Max(length, 1 << 20)];
        var n = 0;
        while (n < length)
        {
            var r = fs.Read(_bytes, n, length - n);
            if (r <= 0) break;
            n += r;
        }
        Name = name;
        Length = n;
        _hash.AppendData(_bytes, 0, n);
        Sha256 = Hex.Lower(_hash.GetHashAndReset());
    }
}
