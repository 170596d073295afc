using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace DicomDeid.Dicom.IO;

/// <summary>
/// Reads DICOM Part 10 files and bare datasets into a <see cref="DicomFile"/>.
/// </summary>
/// <remarks>
/// <para>Encodings: Implicit VR Little Endian, Explicit VR Little/Big Endian (big-endian values are swapped to little
/// endian in memory; deferred values remember <see cref="DicomValue.SourceSwapUnit"/>), Deflated Explicit VR Little
/// Endian (inflated into memory, capped by <see cref="DicomReadOptions.MaxInMemoryLength"/>), and every encapsulated
/// transfer syntax (fragments and basic offset table kept as read).</para>
/// <para>Bare datasets (no preamble, no meta information) are recognised as dcmtk does: explicit VR when bytes 4-5 are
/// a VR of the standard, byte order from the first tag's group.</para>
/// <para>UN rule: an element stored as UN with undefined length is read as an implicit VR little endian sequence
/// (PS3.5 6.2.2) and becomes a <see cref="DicomSequence"/> with <see cref="DicomElement.OriginalVR"/> UN. So does a UN
/// of defined length whose tag the dictionary knows as a public SQ (only SQ), when its value starts with an item tag and
/// parses as implicit VR little endian items to exactly its length (the CP-246 case, a reader warning notes it);
/// otherwise it stays UN bytes. Every other explicit UN of defined length is kept as UN bytes even when the dictionary
/// knows the tag: its bytes may be in either byte order and the dictionary VR may differ from what the sender meant,
/// so reinterpreting is not safe (dcmtk keeps them as UN too).</para>
/// <para>Values at least <see cref="DicomReadOptions.DeferThreshold"/> long, and top-level pixel data, stay in the file
/// as (offset, length) references when the source is a file; nothing is loaded for them.</para>
/// </remarks>
public static class DicomFileReader
{
    private static readonly byte[] Dicm = { (byte)'D', (byte)'I', (byte)'C', (byte)'M' };

    /// <summary>Reads the file at <paramref name="path"/>; large values and pixel data stay deferred in the file.</summary>
    /// <exception cref="DicomNotDicomException">The file is not DICOM.</exception>
    /// <exception cref="DicomFormatException">The file is damaged; the message names file, byte offset and tag path.</exception>
    public static DicomFile Read(string path, DicomReadOptions? options = null)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var full = Path.GetFullPath(path);
        using var fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return ReadCore(fs, full, new FileByteSource(full), options ?? DicomReadOptions.Default);
    }

    /// <summary>
    /// Reads from <paramref name="stream"/> starting at its current position. Values are deferred only when the
    /// stream is a <see cref="FileStream"/>; otherwise everything is read into memory.
    /// </summary>
    /// <param name="stream">The source; a non-seekable stream is first copied into memory (capped by <see cref="DicomReadOptions.MaxInMemoryLength"/>).</param>
    /// <param name="name">A name for messages (defaults to the file name of a FileStream).</param>
    /// <param name="options">Reading options.</param>
    public static DicomFile Read(Stream stream, string? name = null, DicomReadOptions? options = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        var o = options ?? DicomReadOptions.Default;
        if (stream is FileStream fs)
            return ReadCore(fs, name ?? fs.Name, new FileByteSource(fs.Name), o);
        if (!stream.CanSeek)
        {
            using var ms = CopyToMemory(stream, o.MaxInMemoryLength, name);
            return ReadCore(ms, name, null, o);
        }
        return ReadCore(stream, name, null, o);
    }

    /// <summary>
    /// Reads from <paramref name="stream"/> (from its current position) whose bytes are also those of
    /// <paramref name="source"/>: large values and pixel data are deferred into <paramref name="source"/> instead of
    /// being copied, e.g. when a whole file was read into memory once (and hashed) and the writer copies from there.
    /// </summary>
    /// <param name="stream">A seekable stream over the same bytes as <paramref name="source"/>.</param>
    /// <param name="source">Where deferred values are read from later.</param>
    /// <param name="name">A name for messages (usually the file path).</param>
    /// <param name="options">Reading options.</param>
    /// <exception cref="DicomNotDicomException">The data is not DICOM.</exception>
    /// <exception cref="DicomFormatException">The data is damaged.</exception>
    public static DicomFile ReadWithSource(Stream stream, IDicomByteSource source, string? name, DicomReadOptions? options = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (source is null) throw new ArgumentNullException(nameof(source));
        return ReadCore(stream, name, source, options ?? DicomReadOptions.Default);
    }

    /// <summary>
    /// The sniff of <see cref="IsDicomFile(string)"/> on bytes already read: <paramref name="head"/> holds the first
    /// (up to 132) bytes of a file of <paramref name="fileLength"/> bytes.
    /// </summary>
    public static bool IsDicomHeader(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length >= 132 && head.Slice(128, 4).SequenceEqual(Dicm)) return true;
        return SniffBareDataset(head.Length > 132 ? head.Slice(0, 132) : head, fileLength, out _, out _);
    }

    /// <summary>
    /// A quick sniff: true when the file has a preamble followed by "DICM", or starts like a plausible dataset
    /// (file meta group, or a small even group with a valid explicit VR or a sane implicit length).
    /// </summary>
    public static bool IsDicomFile(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var head = new byte[132];
            var n = 0;
            while (n < head.Length)
            {
                var r = fs.Read(head, n, head.Length - n);
                if (r <= 0) break;
                n += r;
            }
            return IsDicomHeader(head.AsSpan(0, n), fs.Length);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Decides whether <paramref name="head"/> starts a bare dataset and how it is encoded, as dcmtk does: explicit VR
    /// when bytes 4-5 are a standard VR; little endian unless the big-endian reading of the group is the smaller one.
    /// </summary>
    internal static bool SniffBareDataset(ReadOnlySpan<byte> head, long fileLength, out bool explicitVR, out bool bigEndian)
    {
        explicitVR = false;
        bigEndian = false;
        if (head.Length < 8) return false;
        var groupLE = (ushort)(head[0] | (head[1] << 8));
        var groupBE = (ushort)((head[0] << 8) | head[1]);
        explicitVR = DicomVRInfo.TryParse(head[4], head[5], out var vr);
        bigEndian = explicitVR && groupBE < groupLE;
        var group = bigEndian ? groupBE : groupLE;
        // Datasets start with a low, even, public group (file meta 0002, identification 0008, ...).
        if (group < 0x0002 || group > 0x0028 || (group & 1) == 1) return false;
        long length;
        if (explicitVR)
        {
            if (vr.HasLongLength())
            {
                if (head.Length < 12) return false;
                length = bigEndian ? (uint)((head[8] << 24) | (head[9] << 16) | (head[10] << 8) | head[11]) : BitConverterLE.UInt32(head.Slice(8));
            }
            else
            {
                length = bigEndian ? (head[6] << 8) | head[7] : head[6] | (head[7] << 8);
            }
        }
        else
        {
            length = BitConverterLE.UInt32(head.Slice(4));
        }
        return length == 0xFFFFFFFF || length <= fileLength - 8;
    }

    private static MemoryStream CopyToMemory(Stream source, long cap, string? name)
    {
        var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (ms.Length + n > cap)
            {
                var at = ms.Length;
                ms.Dispose();
                throw new DicomFormatException(name, at, null, $"the data is larger than MaxInMemoryLength ({cap} bytes)");
            }
            ms.Write(buffer, 0, n);
        }
        ms.Position = 0;
        return ms;
    }

    private static DicomFile ReadCore(Stream stream, string? name, IDicomByteSource? source, DicomReadOptions o)
    {
        o.Validate();
        var start = stream.Position;
        var end = stream.Length;
        var warnings = new List<string>();
        var meta = new DicomDataset();
        var dataset = new DicomDataset();
        byte[]? preamble = null;
        var hasMeta = false;
        DicomTransferSyntax ts;
        bool stopped;
        using (var p = new DicomParser(stream, start, end, name, source, o, warnings))
        {
            if (p.Remaining == 0) throw new DicomNotDicomException(name, "the file is empty");
            p.Explicit = true;
            if (p.Remaining >= 132 && p.Ensure(132) && p.Peek(132).Slice(128, 4).SequenceEqual(Dicm))
            {
                preamble = p.Peek(128).ToArray();
                p.Advance(132);
                hasMeta = true;
            }
            else if (p.Remaining >= 8 && p.Ensure(8) && p.Peek(2)[0] == 0x02 && p.Peek(2)[1] == 0x00 && DicomVRInfo.TryParse(p.Peek(6)[4], p.Peek(6)[5], out _))
            {
                warnings.Add("at byte 0: file meta information without preamble and \"DICM\" prefix");
                hasMeta = true;
            }

            if (hasMeta)
            {
                p.ParseDataset(meta, -1, false, 0, metaOnly: true);
                var uid = meta.Get(DicomTag.TransferSyntaxUid);
                if (uid is not null && uid.Value.Length > 0 && !uid.Value.IsDeferred)
                {
                    ts = DicomTransferSyntax.Lookup(DicomCharacterSet.DecodeAscii(uid.Value.GetBytes()));
                }
                else
                {
                    warnings.Add($"at byte {p.Position}: no Transfer Syntax UID (0002,0010) in the file meta information; encoding detected from the dataset");
                    ts = Detect(p, name);
                }
            }
            else
            {
                ts = Detect(p, name);
            }

            if (ts.IsDeflated)
            {
                var datasetStart = p.Position;
                stream.Position = datasetStart;
                using var inflated = Inflate(stream, name, datasetStart, o.MaxInMemoryLength);
                using var q = new DicomParser(inflated, 0, inflated.Length, name, null, o, warnings) { Explicit = true, BigEndian = false };
                q.ParseDataset(dataset, -1, false, 0);
                stopped = q.Stopped;
            }
            else
            {
                p.Explicit = ts.IsExplicitVR;
                p.BigEndian = ts.IsBigEndian;
                p.ParseDataset(dataset, -1, false, 0);
                stopped = p.Stopped;
            }
        }
        var file = new DicomFile(meta, dataset, ts)
        {
            Preamble = preamble,
            HadFileMetaInformation = hasMeta,
            SourceName = name,
            SourceLength = end - start,
        };
        file.IsPartial = stopped;
        file.Warnings.AddRange(warnings);
        return file;
    }

    private static DicomTransferSyntax Detect(DicomParser p, string? name)
    {
        var n = (int)Math.Min(12, p.Remaining);
        if (n < 8 || !p.Ensure(n)) throw new DicomNotDicomException(name, "no preamble and too short for a dataset");
        if (!SniffBareDataset(p.Peek(n), p.Remaining, out var explicitVR, out var big))
            throw new DicomNotDicomException(name, "no \"DICM\" prefix at byte 128 and the first bytes are not a plausible dataset");
        return explicitVR
            ? (big ? DicomTransferSyntax.ExplicitVRBigEndian : DicomTransferSyntax.ExplicitVRLittleEndian)
            : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    /// <summary>Inflates the rest of <paramref name="stream"/> (raw deflate; a zlib header is tolerated) into memory.</summary>
    private static MemoryStream Inflate(Stream stream, string? name, long at, long cap)
    {
        var b0 = stream.ReadByte();
        var b1 = stream.ReadByte();
        // Some writers wrongly emit a zlib stream (RFC 1950): a 2-byte header whose value is a multiple of 31.
        if (b0 < 0 || b1 < 0 || (b0 & 0x0F) != 8 || ((b0 << 8) | b1) % 31 != 0) stream.Position = at;
        var ms = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            using var z = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
            int n;
            while ((n = z.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (ms.Length + n > cap)
                {
                    ms.Dispose();
                    throw new DicomFormatException(name, at, null, $"the inflated dataset is larger than MaxInMemoryLength ({cap} bytes)");
                }
                ms.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException ex)
        {
            ms.Dispose();
            throw new DicomFormatException(name, at, null, "the deflated dataset is corrupt: " + ex.Message, ex);
        }
        ms.Position = 0;
        return ms;
    }
}
