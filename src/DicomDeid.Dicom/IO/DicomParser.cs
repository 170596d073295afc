using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace DicomDeid.Dicom.IO;

/// <summary>
/// The element parser behind <see cref="DicomFileReader"/>: one buffered pass over a seekable stream, tags as uint,
/// every declared length checked against the bytes left before anything is allocated or skipped.
/// </summary>
internal sealed class DicomParser : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private const uint Undefined = 0xFFFFFFFF;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimTag = 0xFFFEE00D;
    private const uint SeqDelimTag = 0xFFFEE0DD;
    private const uint PixelDataTag = 0x7FE00010;

    private readonly Stream _s;
    private readonly long _end;
    private readonly string? _name;
    private readonly IDicomByteSource? _source;
    private readonly DicomReadOptions _o;
    private readonly List<string> _warnings;
    private byte[] _buf;
    private int _pos;
    private int _len;
    private long _bufStart;

    // Tag path of the element being read: tags and item indexes of the enclosing sequences.
    private readonly uint[] _pathTags;
    private readonly int[] _pathItems;
    private int _pathLen;
    private int _elementCount;

    public DicomParser(Stream stream, long start, long end, string? name, IDicomByteSource? source, DicomReadOptions options, List<string> warnings)
    {
        _s = stream;
        _bufStart = start;
        _end = end;
        _name = name;
        _source = source;
        _o = options;
        _warnings = warnings;
        _buf = ArrayPool<byte>.Shared.Rent(BufferSize);
        _pathTags = new uint[options.MaxDepth + 2];
        _pathItems = new int[options.MaxDepth + 2];
    }

    /// <summary>True for explicit VR encoding.</summary>
    public bool Explicit { get; set; }

    /// <summary>True for big-endian byte order.</summary>
    public bool BigEndian { get; set; }

    /// <summary>True when <see cref="DicomReadOptions.StopAfterTag"/> ended the read early.</summary>
    public bool Stopped { get; private set; }

    public long Position => _bufStart + _pos;

    public long Remaining => _end - Position;

    public void Dispose()
    {
        if (_buf.Length > 0) ArrayPool<byte>.Shared.Return(_buf);
        _buf = Array.Empty<byte>();
    }

    // ---------------------------------------------------------------- buffer

    /// <summary>Makes at least <paramref name="n"/> (≤ buffer size) bytes available; false at end of data.</summary>
    public bool Ensure(int n)
    {
        if (_len - _pos >= n) return true;
        if (Remaining < n) return false;
        var rem = _len - _pos;
        if (rem > 0 && _pos > 0) Buffer.BlockCopy(_buf, _pos, _buf, 0, rem);
        _bufStart += _pos;
        _pos = 0;
        _len = rem;
        var space = (int)Math.Min(_buf.Length - _len, _end - (_bufStart + _len));
        while (_len < n)
        {
            var r = _s.Read(_buf, _len, space);
            if (r <= 0) return false;
            _len += r;
            space -= r;
        }
        return true;
    }

    /// <summary>The bytes at the current position (after <see cref="Ensure"/>).</summary>
    public ReadOnlySpan<byte> Peek(int n) => new(_buf, _pos, n);

    public void Advance(int n) => _pos += n;

    public void Skip(long n)
    {
        if (n <= _len - _pos)
        {
            _pos += (int)n;
            return;
        }
        var target = Position + n;
        _s.Position = target;
        _bufStart = target;
        _pos = 0;
        _len = 0;
    }

    /// <summary>Reads <paramref name="n"/> bytes (already checked against the bytes left) into a new array.</summary>
    private byte[] ReadBytes(int n, uint tag)
    {
        if (n == 0) return Array.Empty<byte>();
        var r = new byte[n];
        var avail = Math.Min(_len - _pos, n);
        Buffer.BlockCopy(_buf, _pos, r, 0, avail);
        _pos += avail;
        if (avail == n) return r;
        // The rest comes straight from the stream (whose position is at the end of the buffer).
        var done = avail;
        var at = _bufStart + _len;
        while (done < n)
        {
            var k = _s.Read(r, done, n - done);
            if (k <= 0) throw Fail(at + done - avail, tag, $"the data ended while reading a {n}-byte value (truncated file)");
            done += k;
        }
        _bufStart = at + (n - avail);
        _pos = 0;
        _len = 0;
        return r;
    }

    private ushort U16(int off) => BigEndian
        ? (ushort)((_buf[_pos + off] << 8) | _buf[_pos + off + 1])
        : (ushort)(_buf[_pos + off] | (_buf[_pos + off + 1] << 8));

    private uint U32(int off) => BigEndian
        ? (uint)((_buf[_pos + off] << 24) | (_buf[_pos + off + 1] << 16) | (_buf[_pos + off + 2] << 8) | _buf[_pos + off + 3])
        : (uint)(_buf[_pos + off] | (_buf[_pos + off + 1] << 8) | (_buf[_pos + off + 2] << 16) | (_buf[_pos + off + 3] << 24));

    private uint Tag(int off) => ((uint)U16(off) << 16) | U16(off + 2);

    /// <summary>The group of the next tag in the current byte order, or -1 when fewer than 4 bytes are left.</summary>
    public int PeekGroup()
    {
        if (!Ensure(4)) return -1;
        return U16(0);
    }

    // ---------------------------------------------------------------- errors

    public DicomFormatException Fail(long offset, uint tag, string problem) => new(_name, offset, PathString(tag), problem);

    private DicomFormatException FailAtLevel(long offset, string problem) => new(_name, offset, PathString(null), problem);

    private void Warn(long offset, uint? tag, string problem)
    {
        if (_warnings.Count >= 1000) return;
        var path = PathString(tag);
        _warnings.Add(string.Format(CultureInfo.InvariantCulture, "at byte {0}{1}: {2}", offset, path is null ? string.Empty : ", tag " + path, problem));
    }

    private string? PathString(uint? tag)
    {
        if (_pathLen == 0 && tag is null) return null;
        var sb = new StringBuilder();
        for (var i = 0; i < _pathLen; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(new DicomTag(_pathTags[i]).ToString());
            if (_pathItems[i] >= 0) sb.Append('[').Append(_pathItems[i].ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        if (tag is uint t)
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append(new DicomTag(t).ToString());
        }
        return sb.ToString();
    }

    private void CountElement(long at, uint tag)
    {
        if (++_elementCount > _o.MaxElementCount)
            throw Fail(at, tag, $"more than {_o.MaxElementCount} elements (MaxElementCount); refusing to read further");
    }

    // ---------------------------------------------------------------- datasets

    /// <summary>
    /// Reads elements into <paramref name="ds"/> until <paramref name="end"/> (defined length), an Item Delimitation
    /// Item (<paramref name="untilDelimiter"/>), the end of data (top level), or — with <paramref name="metaOnly"/> — the
    /// first tag outside group 0002.
    /// </summary>
    public void ParseDataset(DicomDataset ds, long end, bool untilDelimiter, int depth, bool metaOnly = false)
    {
        var stopAfter = depth == 0 && _o.StopAfterTag is DicomTag st ? st.Value : uint.MaxValue;
        // A group length element read at this level: its group and where the group should end (to warn when wrong).
        var lengthGroup = -1;
        long lengthGroupEnd = -1;
        while (true)
        {
            var at = Position;
            if (lengthGroup >= 0)
            {
                var ended = (end >= 0 && at >= end) || Remaining < 4 || PeekGroup() != lengthGroup;
                if (ended)
                {
                    if (at != lengthGroupEnd)
                        Warn(at, null, string.Format(CultureInfo.InvariantCulture, "group length ({0:X4},0000) says the group ends at byte {1}, it ends at byte {2}; the writer recomputes it", lengthGroup, lengthGroupEnd, at));
                    lengthGroup = -1;
                }
            }
            if (end >= 0 && at >= end)
            {
                if (at > end) throw FailAtLevel(at, $"an element ran {at - end} bytes past the end of its item (item length too small)");
                return;
            }
            var left = end >= 0 ? end - at : Remaining;
            if (left == 0)
            {
                if (untilDelimiter) throw FailAtLevel(at, "the data ended inside an item of undefined length (missing item delimiter; truncated file)");
                return;
            }
            if (left < 8 || !Ensure(8))
            {
                if (depth == 0 && !untilDelimiter && end < 0 && AllZero(left))
                {
                    Warn(at, null, $"{left} trailing padding bytes ignored");
                    Skip(left);
                    return;
                }
                throw FailAtLevel(at, $"only {left} bytes left where an element header (8 bytes) was expected (truncated file)");
            }
            var tag = Tag(0);
            if (metaOnly && (tag >> 16) != 0x0002) return;
            if ((tag >> 16) == 0xFFFE)
            {
                if (tag == ItemDelimTag)
                {
                    var dl = U32(4);
                    Advance(8);
                    if (untilDelimiter)
                    {
                        if (dl != 0) Warn(at, null, $"item delimitation item with non-zero length {dl}");
                        return;
                    }
                    if (depth == 0) { Warn(at, null, "stray item delimitation item at top level ignored"); continue; }
                    throw FailAtLevel(at, "item delimitation item inside an item of defined length (wrong item delimiter)");
                }
                if (tag == SeqDelimTag)
                {
                    if (depth == 0 && !untilDelimiter)
                    {
                        Advance(8);
                        Warn(at, null, "stray sequence delimitation item at top level ignored");
                        continue;
                    }
                    throw FailAtLevel(at, "sequence delimitation item where an element or item delimiter was expected (missing item delimiter)");
                }
                throw Fail(at, tag, tag == ItemTag ? "item tag outside a sequence" : "invalid tag in group FFFE");
            }
            if (tag > stopAfter)
            {
                Stopped = true;
                return;
            }
            CountElement(at, tag);
            DicomVR vr;
            uint length;
            bool shortLength;
            if (Explicit)
            {
                var b0 = _buf[_pos + 4];
                var b1 = _buf[_pos + 5];
                if (!DicomVRInfo.TryParse(b0, b1, out vr))
                    throw Fail(at, tag, string.Format(CultureInfo.InvariantCulture, "invalid VR bytes 0x{0:X2} 0x{1:X2}", b0, b1));
                if (vr.HasLongLength())
                {
                    if (left < 12 || !Ensure(12)) throw Fail(at, tag, "the element header is truncated");
                    length = U32(8);
                    Advance(12);
                    shortLength = false;
                }
                else
                {
                    length = U16(6);
                    Advance(8);
                    shortLength = true;
                }
            }
            else
            {
                length = U32(4);
                Advance(8);
                vr = ImplicitVR(tag, ds);
                shortLength = false;
            }

            DicomElement element;
            if (length == Undefined && !shortLength)
            {
                if (tag == PixelDataTag || (Explicit && (vr == DicomVR.OB || vr == DicomVR.OW)))
                {
                    // Encapsulated data is OB (PS3.5 A.4); an OW here is a writer's mistake, read (and written) as OB as dcmtk does.
                    if (Explicit && vr != DicomVR.OB) Warn(at, tag, $"encapsulated pixel data with VR {vr.Code()}; read as OB");
                    element = ParseFragments(tag, DicomVR.OB, depth, at);
                }
                else if (vr == DicomVR.SQ || vr == DicomVR.UN || !Explicit)
                    element = ParseSequence(ds, tag, vr, Undefined, depth, at);
                else
                    throw Fail(at, tag, $"undefined length is not allowed for VR {vr.Code()}");
            }
            else
            {
                var limit = end >= 0 ? end - Position : Remaining;
                if (length > limit)
                    throw Fail(at, tag, string.Format(CultureInfo.InvariantCulture,
                        "value length {0} goes past the end of the {1} ({2} bytes left)", length, end >= 0 ? "item" : "file", limit));
                if (vr == DicomVR.SQ) element = ParseSequence(ds, tag, vr, length, depth, at);
                else if (vr == DicomVR.UN && Explicit && length >= 8 && IsPublicSequence(tag) && TryParseUNSequence(ds, tag, length, depth, at) is DicomSequence unSeq) element = unSeq;
                else element = ReadPlain(tag, vr, length, depth, at);
            }
            element.SourceOffset = at;
            var n = ds.Count;
            if (n > 0 && ds.Elements[n - 1].Tag.Value >= tag)
                Warn(at, tag, ds.Contains(new DicomTag(tag)) ? "duplicate element replaced" : "element out of tag order");
            if ((tag & 0xFFFF) == 0 && element.VR == DicomVR.UL && element.Value.Length == 4 && !element.Value.IsDeferred)
            {
                lengthGroup = (int)(tag >> 16);
                lengthGroupEnd = Position + BitConverterLE.UInt32(element.Value.Span);
            }
            ds.AddInOrder(element);
        }
    }

    private static bool IsPublicSequence(uint tag)
    {
        if ((tag & 0x00010000) != 0) return false;
        var entry = DicomDictionary.Lookup(new DicomTag(tag));
        return entry is not null && entry.ValueRepresentations.Count == 1 && entry.VR == DicomVR.SQ;
    }

    /// <summary>
    /// A public sequence stored as UN with a defined length (PS3.5 6.2.2, CP-246: the value is the sequence in
    /// implicit VR little endian). Parsed as such when it starts with an item tag and parses to exactly its length;
    /// otherwise the reader rewinds and the value stays UN bytes. Null when it does not parse.
    /// </summary>
    private DicomSequence? TryParseUNSequence(DicomDataset ds, uint tag, uint length, int depth, long at)
    {
        if (!Ensure(8)) return null;
        if (_buf[_pos] != 0xFE || _buf[_pos + 1] != 0xFF || _buf[_pos + 2] != 0x00 || _buf[_pos + 3] != 0xE0) return null;
        var start = Position;
        var warnings = _warnings.Count;
        var count = _elementCount;
        var pathLen = _pathLen;
        var wasExplicit = Explicit;
        var wasBig = BigEndian;
        try
        {
            var seq = ParseSequence(ds, tag, DicomVR.UN, length, depth, at);
            Warn(at, tag, "public sequence stored as UN read as an implicit VR little endian sequence (PS3.5 6.2.2)");
            return seq;
        }
        catch (DicomFormatException)
        {
            if (_warnings.Count > warnings) _warnings.RemoveRange(warnings, _warnings.Count - warnings);
            _elementCount = count;
            _pathLen = pathLen;
            Explicit = wasExplicit;
            BigEndian = wasBig;
            _s.Position = start;
            _bufStart = start;
            _pos = 0;
            _len = 0;
            return null;
        }
    }

    private bool AllZero(long left)
    {
        if (left > 7 || !Ensure((int)left)) return false;
        for (var i = 0; i < left; i++) if (_buf[_pos + i] != 0) return false;
        return true;
    }

    private DicomElement ReadPlain(uint tag, DicomVR vr, uint length, int depth, long at)
    {
        var unit = vr == DicomVR.AT ? 4 : vr.UnitSize();
        if (unit > 1 && length % unit != 0)
            throw Fail(at, tag, string.Format(CultureInfo.InvariantCulture, "value length {0} is not a multiple of {1} as VR {2} requires", length, unit, vr.Code()));
        if ((length & 1) != 0) Warn(at, tag, $"odd value length {length} (VR {vr.Code()}); will be padded on write");
        var swap = BigEndian ? SwapUnit(vr) : 0;
        DicomValue value;
        if (_source is not null && length > 0 && (length >= _o.DeferThreshold || (tag == PixelDataTag && depth == 0)))
        {
            value = new DicomValue(_source, Position, length, swap);
            Skip(length);
        }
        else
        {
            if (length > int.MaxValue - 64) throw Fail(at, tag, $"a {length}-byte value cannot be held in memory (source is not a file)");
            var bytes = ReadBytes((int)length, tag);
            if (swap > 1) ByteSwap.InPlace(bytes, swap);
            value = bytes.Length == 0 ? DicomValue.Empty : new DicomValue(bytes);
        }
        return new DicomElement(new DicomTag(tag), vr, value);
    }

    /// <summary>Byte-swap unit of a VR's values in a big-endian encoding (0 for bytes and text).</summary>
    internal static int SwapUnit(DicomVR vr) => vr switch
    {
        DicomVR.OB or DicomVR.UN or DicomVR.None or DicomVR.SQ => 0,
        _ => vr.IsString() ? 0 : vr.UnitSize(),
    };

    private DicomSequence ParseSequence(DicomDataset owner, uint tag, DicomVR vr, uint length, int depth, long at)
    {
        if (depth + 1 > _o.MaxDepth) throw Fail(at, tag, $"sequences nested deeper than {_o.MaxDepth} levels (MaxDepth)");
        var seq = new DicomSequence(new DicomTag(tag))
        {
            UndefinedLength = length == Undefined,
            EncodedLength = length == Undefined ? -1 : length,
        };
        // An undefined-length UN (or an implicit element the dictionary does not know) holds an implicit VR LE sequence (PS3.5 6.2.2).
        var wasExplicit = Explicit;
        var wasBig = BigEndian;
        if (vr == DicomVR.UN || (!Explicit && vr != DicomVR.SQ))
        {
            seq.OriginalVR = DicomVR.UN;
            Explicit = false;
            BigEndian = false;
        }
        var end = length == Undefined ? -1 : Position + length;
        _pathTags[_pathLen] = tag;
        _pathItems[_pathLen] = -1;
        _pathLen++;
        var index = 0;
        while (true)
        {
            var itemAt = Position;
            if (end >= 0 && itemAt >= end)
            {
                if (itemAt > end) throw FailAtLevel(itemAt, $"the items ran {itemAt - end} bytes past the end of the sequence (sequence length too small)");
                break;
            }
            var left = end >= 0 ? end - itemAt : Remaining;
            if (left < 8 || !Ensure(8))
                throw FailAtLevel(itemAt, length == Undefined
                    ? "the data ended inside a sequence of undefined length (missing sequence delimiter; truncated file)"
                    : $"only {left} bytes left in the sequence where an item (8 bytes) was expected");
            var itemTag = Tag(0);
            var itemLength = U32(4);
            Advance(8);
            if (itemTag == SeqDelimTag)
            {
                if (length == Undefined) break;
                throw FailAtLevel(itemAt, "sequence delimitation item inside a sequence of defined length (wrong delimiter)");
            }
            if (itemTag != ItemTag)
                throw FailAtLevel(itemAt, string.Format(CultureInfo.InvariantCulture, "expected an item tag (FFFE,E000) in the sequence, found {0} (wrong or missing item delimiter)", new DicomTag(itemTag)));
            CountElement(itemAt, itemTag);
            _pathItems[_pathLen - 1] = index;
            var item = new DicomDataset { Parent = owner, SourceOffset = itemAt, UndefinedLength = itemLength == Undefined };
            if (itemLength == Undefined)
            {
                ParseDataset(item, -1, true, depth + 1);
            }
            else
            {
                var limit = end >= 0 ? end - Position : Remaining;
                if (itemLength > limit)
                    throw FailAtLevel(itemAt, string.Format(CultureInfo.InvariantCulture,
                        "item length {0} goes past the end of the {1} ({2} bytes left)", itemLength, end >= 0 ? "sequence" : "file", limit));
                ParseDataset(item, Position + itemLength, false, depth + 1);
            }
            seq.Items.Add(item);
            index++;
        }
        _pathLen--;
        Explicit = wasExplicit;
        BigEndian = wasBig;
        return seq;
    }

    private DicomFragmentSequence ParseFragments(uint tag, DicomVR vr, int depth, long at)
    {
        var fs = new DicomFragmentSequence(new DicomTag(tag), vr);
        var first = true;
        // Encapsulated data is little endian whatever the dataset's byte order (PS3.5 A.4).
        var wasBig = BigEndian;
        BigEndian = false;
        _pathTags[_pathLen] = tag;
        _pathItems[_pathLen] = -1;
        _pathLen++;
        var index = 0;
        while (true)
        {
            var itemAt = Position;
            if (Remaining < 8 || !Ensure(8))
                throw FailAtLevel(itemAt, "the data ended inside encapsulated pixel data (missing sequence delimiter; truncated file)");
            var itemTag = Tag(0);
            var itemLength = U32(4);
            Advance(8);
            if (itemTag == SeqDelimTag) break;
            if (itemTag != ItemTag)
                throw FailAtLevel(itemAt, string.Format(CultureInfo.InvariantCulture, "expected a fragment item (FFFE,E000) in encapsulated data, found {0}", new DicomTag(itemTag)));
            CountElement(itemAt, itemTag);
            _pathItems[_pathLen - 1] = index;
            if (itemLength == Undefined) throw FailAtLevel(itemAt, "a fragment item of undefined length");
            if (itemLength > Remaining)
                throw FailAtLevel(itemAt, string.Format(CultureInfo.InvariantCulture, "fragment length {0} goes past the end of the file ({1} bytes left)", itemLength, Remaining));
            DicomValue v;
            if (_source is not null && itemLength > 0 && (itemLength >= _o.DeferThreshold || (tag == PixelDataTag && depth == 0 && !first)))
            {
                v = new DicomValue(_source, Position, itemLength);
                Skip(itemLength);
            }
            else
            {
                if (itemLength > int.MaxValue - 64) throw FailAtLevel(itemAt, $"a {itemLength}-byte fragment cannot be held in memory (source is not a file)");
                var b = ReadBytes((int)itemLength, itemTag);
                v = b.Length == 0 ? DicomValue.Empty : new DicomValue(b);
            }
            if (first) fs.OffsetTable = v;
            else fs.Fragments.Add(v);
            first = false;
            index++;
        }
        _pathLen--;
        BigEndian = wasBig;
        return fs;
    }

    // ---------------------------------------------------------------- implicit VR

    /// <summary>
    /// The VR of an implicit-VR element from the dictionary, resolving "OB or OW" to OW and "US or SS" by Pixel
    /// Representation as dcmtk does; private creators are LO, other private and unknown tags UN.
    /// </summary>
    internal static DicomVR ImplicitVR(uint tag, DicomDataset ds)
    {
        var element = (ushort)tag;
        if (element == 0x0000) return DicomVR.UL;
        var group = (ushort)(tag >> 16);
        if ((group & 1) == 1)
        {
            if (group > 0x0008 && group != 0xFFFF && element >= 0x0010 && element <= 0x00FF) return DicomVR.LO;
            return DicomVR.UN;
        }
        var entry = DicomDictionary.Lookup(new DicomTag(tag));
        if (entry is null) return DicomVR.UN;
        var vrs = entry.ValueRepresentations;
        if (vrs.Count == 0) return DicomVR.UN;
        if (vrs.Count == 1) return vrs[0];
        var hasOW = false;
        var hasSS = false;
        foreach (var v in vrs)
        {
            if (v == DicomVR.OW) hasOW = true;
            else if (v == DicomVR.SS) hasSS = true;
        }
        if (hasOW) return DicomVR.OW;
        if (hasSS)
        {
            // LUT descriptors are always US for their first and third values (PS3.3 C.11.1.1); dcmtk reads them as US.
            if (group == 0x0028 && (element is 0x1101 or 0x1102 or 0x1103 or 0x1111 or 0x1112 or 0x1113 or 0x3002)) return DicomVR.US;
            return PixelRepresentation(ds) == 1 ? DicomVR.SS : DicomVR.US;
        }
        return vrs[0];
    }

    private static int PixelRepresentation(DicomDataset ds)
    {
        for (var d = ds; d is not null; d = d.Parent)
        {
            var e = d.Get(new DicomTag(0x00280103));
            if (e is not null && e.VR == DicomVR.US && e.Value.Length >= 2 && !e.Value.IsDeferred) return BitConverterLE.UInt16(e.Value.Span);
        }
        return 0;
    }
}
