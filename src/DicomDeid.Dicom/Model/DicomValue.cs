using System;
using System.IO;

namespace DicomDeid.Dicom;

/// <summary>
/// Opens read-only streams over the bytes a dataset was read from, so that large values can stay on disk
/// as (offset, length) references and be copied stream to stream when a file is written.
/// </summary>
public interface IDicomByteSource
{
    /// <summary>A name for messages (usually the file path).</summary>
    string Name { get; }

    /// <summary>Opens a new independent read-only stream positioned at 0.</summary>
    Stream OpenRead();
}

/// <summary>A byte source over a file on disk.</summary>
public sealed class FileByteSource : IDicomByteSource
{
    /// <summary>Creates a source for the file at <paramref name="path"/>.</summary>
    public FileByteSource(string path) => Name = path;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Stream OpenRead() => new FileStream(Name, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
}

/// <summary>
/// The value bytes of one element: either held in memory (always little endian, as read or as set),
/// or deferred: an (offset, length) reference into a <see cref="IDicomByteSource"/>.
/// </summary>
public sealed class DicomValue
{
    /// <summary>The empty value.</summary>
    public static readonly DicomValue Empty = new(Array.Empty<byte>());

    private readonly byte[]? _bytes;

    /// <summary>Wraps in-memory little-endian bytes (not copied).</summary>
    public DicomValue(byte[] bytes)
    {
        _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
        Length = bytes.Length;
    }

    /// <summary>A deferred value: <paramref name="length"/> bytes at <paramref name="offset"/> of <paramref name="source"/>.</summary>
    /// <param name="source">Where the bytes are.</param>
    /// <param name="offset">Byte offset of the first value byte in the source.</param>
    /// <param name="length">Number of value bytes.</param>
    /// <param name="sourceSwapUnit">0 when the source bytes are little endian; otherwise the unit (2, 4 or 8) to swap when decoding a big-endian source.</param>
    public DicomValue(IDicomByteSource source, long offset, long length, int sourceSwapUnit = 0)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Offset = offset;
        Length = length;
        SourceSwapUnit = sourceSwapUnit;
    }

    /// <summary>Number of value bytes.</summary>
    public long Length { get; }

    /// <summary>True when the bytes stay in the source until needed.</summary>
    public bool IsDeferred => _bytes is null;

    /// <summary>The source of a deferred value, else null.</summary>
    public IDicomByteSource? Source { get; }

    /// <summary>The offset of a deferred value in its source.</summary>
    public long Offset { get; }

    /// <summary>For a deferred value from a big-endian source: the byte-swap unit (2, 4, 8); 0 when the source is little endian.</summary>
    public int SourceSwapUnit { get; }

    /// <summary>
    /// The bytes in little-endian order. Deferred values are read from their source on each call;
    /// callers that only copy should use <see cref="CopyTo"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is larger than 2 GiB.</exception>
    public byte[] GetBytes()
    {
        if (_bytes is not null) return _bytes;
        if (Length > int.MaxValue - 64) throw new InvalidOperationException($"A {Length}-byte value cannot be loaded into memory; copy it as a stream.");
        var buffer = new byte[Length];
        using (var s = Source!.OpenRead())
        {
            s.Position = Offset;
            ReadExactly(s, buffer, 0, buffer.Length, Source.Name, Offset);
        }
        if (SourceSwapUnit > 1) ByteSwap.InPlace(buffer, SourceSwapUnit);
        return buffer;
    }

    /// <summary>The in-memory bytes without copying, or an empty span for a deferred value.</summary>
    public ReadOnlySpan<byte> Span => _bytes ?? ReadOnlySpan<byte>.Empty;

    /// <summary>
    /// Writes the value bytes to <paramref name="destination"/>, in little-endian order, or in big-endian order
    /// (swapping by <paramref name="targetSwapUnit"/>) when the target is big endian. Deferred bytes are copied
    /// through <paramref name="buffer"/> without loading the whole value.
    /// </summary>
    public void CopyTo(Stream destination, byte[] buffer, int targetSwapUnit = 0)
    {
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        if (buffer is null) throw new ArgumentNullException(nameof(buffer));
        if (_bytes is not null)
        {
            if (targetSwapUnit > 1)
            {
                var copy = (byte[])_bytes.Clone();
                ByteSwap.InPlace(copy, targetSwapUnit);
                destination.Write(copy, 0, copy.Length);
            }
            else
            {
                destination.Write(_bytes, 0, _bytes.Length);
            }
            return;
        }
        // Swap only when source and target orders differ; swapping whole units needs chunks that are multiples of 8.
        var swap = SourceSwapUnit > 1 ? (targetSwapUnit > 1 ? 0 : SourceSwapUnit) : targetSwapUnit;
        var chunk = buffer.Length - (buffer.Length % 8);
        using var s = Source!.OpenRead();
        s.Position = Offset;
        var left = Length;
        var at = Offset;
        while (left > 0)
        {
            var n = (int)Math.Min(chunk, left);
            ReadExactly(s, buffer, 0, n, Source.Name, at);
            if (swap > 1) ByteSwap.InPlace(buffer.AsSpan(0, n - (n % swap)), swap);
            destination.Write(buffer, 0, n);
            left -= n;
            at += n;
        }
    }

    private static void ReadExactly(Stream s, byte[] buffer, int offset, int count, string name, long position)
    {
        while (count > 0)
        {
            var n = s.Read(buffer, offset, count);
            if (n <= 0) throw new DicomFormatException(name, position, null, $"the source ended while reading a deferred value ({count} bytes missing); was the file changed after it was read?");
            offset += n;
            count -= n;
            position += n;
        }
    }
}

/// <summary>Byte-order helpers.</summary>
public static class ByteSwap
{
    /// <summary>Reverses the byte order of each <paramref name="unit"/>-byte value in place.</summary>
    public static void InPlace(Span<byte> data, int unit)
    {
        if (unit <= 1) return;
        for (var i = 0; i + unit <= data.Length; i += unit)
            data.Slice(i, unit).Reverse();
    }

    /// <summary>Reverses the byte order of each <paramref name="unit"/>-byte value in place.</summary>
    public static void InPlace(byte[] data, int unit) => InPlace(data.AsSpan(), unit);
}
