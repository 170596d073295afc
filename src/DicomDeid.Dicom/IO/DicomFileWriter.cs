using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace DicomDeid.Dicom.IO;

/// <summary>
/// Writes a <see cref="DicomFile"/> in its transfer syntax: preamble and "DICM", file meta information with a
/// recomputed (0002,0000), then the dataset. Unchanged values are written byte-identical; deferred values are
/// copied stream to stream through one pooled 1 MiB buffer.
/// </summary>
/// <remarks>
/// <para>Sequences and items read with undefined length are written with undefined length; those of defined length
/// get their length recomputed from their content. A sequence read from an undefined-length UN element
/// (<see cref="DicomElement.OriginalVR"/> UN) is written back as UN with implicit VR little endian content and the
/// same kind of length, as read (PS3.5 6.2.2).</para>
/// <para>Group length elements (gggg,0000) present in the dataset are kept and their value recomputed from the
/// elements that follow in the group; none are added.</para>
/// <para>Odd-length values (invalid DICOM) are padded to even length with the VR's padding byte.</para>
/// </remarks>
public static class DicomFileWriter
{
    private const int CopyBufferSize = 1024 * 1024;

    /// <summary>The implementation class UID written into file meta information that this writer builds.</summary>
    public const string ImplementationClassUid = "2.25.9976794363895008053949095078116737537";

    /// <summary>The implementation version name written into file meta information that this writer builds.</summary>
    public const string ImplementationVersionName = "DICOMDEID_010";

    private readonly struct Enc
    {
        public Enc(bool explicitVR, bool big) { Explicit = explicitVR; Big = big; }
        public bool Explicit { get; }
        public bool Big { get; }
    }

    private static readonly Enc ExplicitLE = new(true, false);
    private static readonly Enc ImplicitLE = new(false, false);

    /// <summary>Writes <paramref name="file"/> to <paramref name="output"/> (not closed).</summary>
    /// <exception cref="InvalidOperationException">The file was read partially (<see cref="DicomFile.IsPartial"/>), or a value cannot be encoded.</exception>
    public static void Write(DicomFile file, Stream output, DicomWriteOptions? options = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        if (output is null) throw new ArgumentNullException(nameof(output));
        if (file.IsPartial) throw new InvalidOperationException($"{file.SourceName}: the file was read only up to StopAfterTag; writing it would lose the rest of the dataset.");
        var o = options ?? DicomWriteOptions.Default;
        var ts = file.TransferSyntax;
        using var copy = new Copier();
        // Headers and small values gather in one pooled 64 KiB buffer (no per-file buffer allocation); bulk values
        // larger than it go straight through.
        using var bs = new PooledWriteBuffer(output);
        // A bare dataset can only say implicit/explicit and byte order; any other transfer syntax needs meta information.
        var part10 = file.FileMetaInformation.Count > 0 || o.AddFileMetaInformation
            || !(ts.Equals(DicomTransferSyntax.ImplicitVRLittleEndian) || ts.Equals(DicomTransferSyntax.ExplicitVRLittleEndian) || ts.Equals(DicomTransferSyntax.ExplicitVRBigEndian));
        if (part10)
        {
            var preamble = file.Preamble is { Length: 128 } p ? p : new byte[128];
            bs.Write(preamble, 0, 128);
            bs.Write(new[] { (byte)'D', (byte)'I', (byte)'C', (byte)'M' }, 0, 4);
            WriteMeta(bs, BuildMeta(file), copy);
        }
        if (ts.IsDeflated)
        {
            using (var z = new DeflateStream(bs, o.DeflateLevel, leaveOpen: true))
            using (var zb = new BufferedStream(z, 64 * 1024))
            {
                WriteDataset(zb, file.Dataset, ExplicitLE, copy);
                zb.Flush();
            }
        }
        else
        {
            WriteDataset(bs, file.Dataset, new Enc(ts.IsExplicitVR, ts.IsBigEndian), copy);
        }
        bs.Flush();
    }

    /// <summary>
    /// Writes <paramref name="file"/> to <paramref name="path"/> atomically: into a temporary file in the same folder,
    /// flushed to disk, then renamed into place. On any failure the temporary file is deleted and no partial output exists.
    /// </summary>
    /// <remarks>When <paramref name="path"/> is the file the dataset was read from, its deferred values are copied before
    /// the rename; the <see cref="DicomFile"/> must not be used to read deferred values afterwards.</remarks>
    /// <exception cref="IOException"><paramref name="path"/> exists and <paramref name="overwrite"/> is false.</exception>
    public static void WriteAtomic(DicomFile file, string path, bool overwrite, DicomWriteOptions? options = null)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (file.IsPartial) throw new InvalidOperationException($"{file.SourceName}: the file was read only up to StopAfterTag; writing it would lose the rest of the dataset.");
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        if (!overwrite && File.Exists(full)) throw new IOException($"'{full}' exists; pass overwrite to replace it.");
        var tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                Write(file, fs, options);
                fs.Flush(true);
            }
            if (File.Exists(full))
            {
                if (!overwrite) throw new IOException($"'{full}' exists; pass overwrite to replace it.");
                File.Replace(tmp, full, null);
            }
            else
            {
                try
                {
                    File.Move(tmp, full);
                }
                catch (IOException) when (overwrite && File.Exists(full))
                {
                    File.Replace(tmp, full, null);
                }
            }
        }
        finally
        {
            try
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
            catch (IOException)
            {
                // Best effort: the temporary file is hidden and named as ours.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }

    // ---------------------------------------------------------------- meta

    private static DicomDataset BuildMeta(DicomFile file)
    {
        var src = file.FileMetaInformation;
        var meta = new DicomDataset();
        if (src.Count > 0)
        {
            foreach (var e in src)
                if (e.Tag.Element != 0x0000) meta.Set(e);
        }
        else
        {
            meta.Set(new DicomElement(new DicomTag(0x00020001), DicomVR.OB, new DicomValue(new byte[] { 0, 1 })));
            CopyUid(file.Dataset, 0x00080016, meta, 0x00020002);
            CopyUid(file.Dataset, 0x00080018, meta, 0x00020003);
            meta.Set(DicomElement.FromString(new DicomTag(0x00020012), DicomVR.UI, ImplementationClassUid));
            meta.Set(DicomElement.FromString(new DicomTag(0x00020013), DicomVR.SH, ImplementationVersionName));
        }
        // The transfer syntax written is the file's: keep the meta element when it already says so (byte-identical).
        var tsElement = meta.Get(DicomTag.TransferSyntaxUid);
        var current = tsElement is null ? null : DicomCharacterSet.DecodeAscii(tsElement.Value.GetBytes()).TrimEnd('\0', ' ');
        if (!string.Equals(current, file.TransferSyntax.Uid, StringComparison.Ordinal))
            meta.Set(DicomElement.FromString(DicomTag.TransferSyntaxUid, DicomVR.UI, file.TransferSyntax.Uid));
        return meta;
    }

    private static void CopyUid(DicomDataset ds, uint from, DicomDataset meta, uint to)
    {
        var e = ds.Get(new DicomTag(from));
        var bytes = e is null || e is DicomSequence || e is DicomFragmentSequence ? Array.Empty<byte>() : e.Value.GetBytes();
        meta.Set(new DicomElement(new DicomTag(to), DicomVR.UI, bytes.Length == 0 ? DicomValue.Empty : new DicomValue(bytes)));
    }

    private static void WriteMeta(Stream s, DicomDataset meta, Copier copy)
    {
        long groupLength = 0;
        foreach (var e in meta) groupLength += Measure(e, ExplicitLE);
        var header = new byte[12];
        WriteHeader(s, header, 0x00020000, DicomVR.UL, 4, ExplicitLE);
        var v = new byte[4];
        BitConverterLE.Write(v, (uint)groupLength);
        s.Write(v, 0, 4);
        foreach (var e in meta) WriteElement(s, e, ExplicitLE, copy, header);
    }

    // ---------------------------------------------------------------- dataset

    private static void WriteDataset(Stream s, DicomDataset ds, Enc enc, Copier copy)
    {
        var header = new byte[12];
        var elements = ds.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.Tag.Element == 0x0000 && !(e is DicomSequence) && !(e is DicomFragmentSequence))
            {
                long length = 0;
                for (var j = i + 1; j < elements.Count && elements[j].Tag.Group == e.Tag.Group; j++) length += Measure(elements[j], enc);
                WriteHeader(s, header, e.Tag.Value, DicomVR.UL, 4, enc);
                WriteU32(s, header, (uint)length, enc.Big);
                continue;
            }
            WriteElement(s, e, enc, copy, header);
        }
    }

    private static void WriteElement(Stream s, DicomElement e, Enc enc, Copier copy, byte[] header)
    {
        switch (e)
        {
            case DicomSequence seq:
                WriteSequence(s, seq, enc, copy, header);
                return;
            case DicomFragmentSequence frags:
                WriteHeader(s, header, e.Tag.Value, e.VR == DicomVR.OW ? DicomVR.OW : DicomVR.OB, 0xFFFFFFFF, enc);
                // Encapsulated content is little endian in every transfer syntax.
                WriteItem(s, header, 0xFFFEE000, (uint)frags.OffsetTable.Length, false);
                copy.Copy(frags.OffsetTable, s, 0);
                foreach (var f in frags.Fragments)
                {
                    WriteItem(s, header, 0xFFFEE000, (uint)f.Length, false);
                    copy.Copy(f, s, 0);
                }
                WriteItem(s, header, 0xFFFEE0DD, 0, false);
                return;
        }
        var vr = e.VR == DicomVR.None ? DicomVR.UN : e.VR;
        var length = e.Value.Length;
        var pad = (length & 1) == 1;
        var written = length + (pad ? 1 : 0);
        if (written > 0xFFFFFFFE) throw new InvalidOperationException($"{e.Tag}: a {length}-byte value cannot be encoded.");
        if (enc.Explicit && !vr.HasLongLength() && written > 0xFFFF)
            throw new InvalidOperationException($"{e.Tag}: a {length}-byte value is too long for VR {vr.Code()} (16-bit length).");
        WriteHeader(s, header, e.Tag.Value, vr, (uint)written, enc);
        copy.Copy(e.Value, s, enc.Big ? DicomParser.SwapUnit(vr) : 0);
        if (pad) s.WriteByte(vr.PaddingByte());
    }

    private static void WriteSequence(Stream s, DicomSequence seq, Enc enc, Copier copy, byte[] header)
    {
        var asUN = seq.OriginalVR == DicomVR.UN;
        var inner = asUN ? ImplicitLE : enc;
        var undefined = seq.UndefinedLength;
        uint length = 0xFFFFFFFF;
        if (!undefined)
        {
            var content = MeasureSequenceContent(seq, inner);
            if (content <= 0xFFFFFFFE) length = (uint)content;
            else undefined = true;
        }
        WriteHeader(s, header, seq.Tag.Value, asUN && enc.Explicit ? DicomVR.UN : DicomVR.SQ, length, enc);
        foreach (var item in seq.Items)
        {
            var itemUndefined = item.UndefinedLength;
            uint itemLength = 0xFFFFFFFF;
            if (!itemUndefined)
            {
                var l = MeasureDataset(item, inner);
                if (l <= 0xFFFFFFFE) itemLength = (uint)l;
                else itemUndefined = true;
            }
            WriteItem(s, header, 0xFFFEE000, itemLength, inner.Big);
            WriteDataset(s, item, inner, copy);
            if (itemUndefined) WriteItem(s, header, 0xFFFEE00D, 0, inner.Big);
        }
        if (undefined) WriteItem(s, header, 0xFFFEE0DD, 0, inner.Big);
    }

    // ---------------------------------------------------------------- lengths

    private static long MeasureDataset(DicomDataset ds, Enc enc)
    {
        long n = 0;
        foreach (var e in ds) n += Measure(e, enc);
        return n;
    }

    private static long MeasureSequenceContent(DicomSequence seq, Enc inner)
    {
        long n = 0;
        foreach (var item in seq.Items) n += 8 + MeasureDataset(item, inner) + (item.UndefinedLength ? 8 : 0);
        return n;
    }

    /// <summary>Encoded size of an element (header and value) in <paramref name="enc"/>, as this writer writes it.</summary>
    private static long Measure(DicomElement e, Enc enc)
    {
        switch (e)
        {
            case DicomSequence seq:
            {
                var asUN = seq.OriginalVR == DicomVR.UN;
                var inner = asUN ? ImplicitLE : enc;
                var content = MeasureSequenceContent(seq, inner);
                var undefined = seq.UndefinedLength || content > 0xFFFFFFFE;
                return (enc.Explicit ? 12 : 8) + content + (undefined ? 8 : 0);
            }
            case DicomFragmentSequence frags:
            {
                long n = (enc.Explicit ? 12 : 8) + 8 + frags.OffsetTable.Length + 8;
                foreach (var f in frags.Fragments) n += 8 + f.Length;
                return n;
            }
        }
        var vr = e.VR == DicomVR.None ? DicomVR.UN : e.VR;
        var length = e.Value.Length + (e.Value.Length & 1);
        return (enc.Explicit ? (vr.HasLongLength() ? 12 : 8) : 8) + length;
    }

    // ---------------------------------------------------------------- primitives

    private static void WriteHeader(Stream s, byte[] h, uint tag, DicomVR vr, uint length, Enc enc)
    {
        PutU16(h, 0, (ushort)(tag >> 16), enc.Big);
        PutU16(h, 2, (ushort)tag, enc.Big);
        if (!enc.Explicit)
        {
            PutU32(h, 4, length, enc.Big);
            s.Write(h, 0, 8);
            return;
        }
        var code = vr.Code();
        h[4] = (byte)code[0];
        h[5] = (byte)code[1];
        if (vr.HasLongLength())
        {
            h[6] = 0;
            h[7] = 0;
            PutU32(h, 8, length, enc.Big);
            s.Write(h, 0, 12);
        }
        else
        {
            PutU16(h, 6, (ushort)length, enc.Big);
            s.Write(h, 0, 8);
        }
    }

    private static void WriteItem(Stream s, byte[] h, uint tag, uint length, bool big)
    {
        PutU16(h, 0, (ushort)(tag >> 16), big);
        PutU16(h, 2, (ushort)tag, big);
        PutU32(h, 4, length, big);
        s.Write(h, 0, 8);
    }

    private static void WriteU32(Stream s, byte[] h, uint v, bool big)
    {
        PutU32(h, 0, v, big);
        s.Write(h, 0, 4);
    }

    private static void PutU16(byte[] b, int at, ushort v, bool big)
    {
        if (big) { b[at] = (byte)(v >> 8); b[at + 1] = (byte)v; }
        else { b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); }
    }

    private static void PutU32(byte[] b, int at, uint v, bool big)
    {
        if (big) { b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v; }
        else { b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); b[at + 2] = (byte)(v >> 16); b[at + 3] = (byte)(v >> 24); }
    }

    /// <summary>
    /// A write-only buffer in front of the output with a pooled array; Dispose returns the array without flushing
    /// (the caller flushes on success) and never closes the output.
    /// </summary>
    private sealed class PooledWriteBuffer : Stream
    {
        private const int Size = 64 * 1024;
        private readonly Stream _inner;
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Size);
        private int _count;

        public PooledWriteBuffer(Stream inner) => _inner = inner;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var b = _buffer ?? throw new ObjectDisposedException(nameof(PooledWriteBuffer));
            if (count > b.Length - _count)
            {
                FlushBuffer();
                if (count >= b.Length)
                {
                    _inner.Write(buffer, offset, count);
                    return;
                }
            }
            Buffer.BlockCopy(buffer, offset, b, _count, count);
            _count += count;
        }

        public override void WriteByte(byte value)
        {
            var b = _buffer ?? throw new ObjectDisposedException(nameof(PooledWriteBuffer));
            if (_count == b.Length) FlushBuffer();
            b[_count++] = value;
        }

        public override void Flush()
        {
            FlushBuffer();
            _inner.Flush();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
            base.Dispose(disposing);
        }

        private void FlushBuffer()
        {
            if (_count == 0 || _buffer is null) return;
            _inner.Write(_buffer, 0, _count);
            _count = 0;
        }
    }

    /// <summary>
    /// Copies values to the output: in-memory bytes directly, deferred bytes through one pooled 1 MiB buffer from a
    /// source stream opened once per source for the whole write (not once per fragment).
    /// </summary>
    private sealed class Copier : IDisposable
    {
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        private IDicomByteSource? _source;
        private Stream? _stream;
        private Dictionary<IDicomByteSource, Stream>? _more;

        public void Copy(DicomValue value, Stream destination, int targetSwapUnit)
        {
            if (!value.IsDeferred || value.Length == 0)
            {
                value.CopyTo(destination, _buffer, targetSwapUnit);
                return;
            }
            var source = value.Source!;
            var s = Open(source);
            // Swap only when source and target byte orders differ; chunks are multiples of 8 so units never split.
            var swap = value.SourceSwapUnit > 1 ? (targetSwapUnit > 1 ? 0 : value.SourceSwapUnit) : targetSwapUnit;
            if (swap <= 1 && s is MemoryStream ms && ms.TryGetBuffer(out var all))
            {
                // The source is already in memory (read once by the caller): one write, no staging copy.
                if (value.Offset < 0 || value.Offset + value.Length > all.Count)
                    throw new DicomFormatException(source.Name, Math.Min(value.Offset, all.Count), null, $"the source ended while copying a deferred value ({value.Offset + value.Length - all.Count} bytes missing); was the file changed after it was read?");
                destination.Write(all.Array!, all.Offset + (int)value.Offset, (int)value.Length);
                return;
            }
            var chunk = _buffer.Length - (_buffer.Length % 8);
            s.Position = value.Offset;
            var left = value.Length;
            var at = value.Offset;
            while (left > 0)
            {
                var want = (int)Math.Min(chunk, left);
                var got = 0;
                while (got < want)
                {
                    var n = s.Read(_buffer, got, want - got);
                    if (n <= 0) throw new DicomFormatException(source.Name, at + got, null, $"the source ended while copying a deferred value ({left - got} bytes missing); was the file changed after it was read?");
                    got += n;
                }
                if (swap > 1) ByteSwap.InPlace(_buffer.AsSpan(0, want - (want % swap)), swap);
                destination.Write(_buffer, 0, want);
                left -= want;
                at += want;
            }
        }

        private Stream Open(IDicomByteSource source)
        {
            if (ReferenceEquals(source, _source) && _stream is not null) return _stream;
            if (_stream is null)
            {
                _stream = source.OpenRead();
                _source = source;
                return _stream;
            }
            _more ??= new Dictionary<IDicomByteSource, Stream>();
            if (!_more.TryGetValue(source, out var s))
            {
                s = source.OpenRead();
                _more[source] = s;
            }
            return s;
        }

        public void Dispose()
        {
            _stream?.Dispose();
            if (_more is not null) foreach (var s in _more.Values) s.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
