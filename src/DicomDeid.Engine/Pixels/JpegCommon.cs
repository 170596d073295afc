using System;
using System.Collections.Generic;
using System.IO;

namespace DicomDeid.Engine.Pixels;

/// <summary>A Huffman table (ITU T.81 Annex C): BITS and HUFFVAL, with decoding and encoding look-ups.</summary>
internal sealed class JpegHuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly int[] _code = new int[256];
    private readonly int[] _size = new int[256];
    private const int LookBits = 9;
    private readonly short[] _fast = new short[1 << LookBits]; // (length << 8) | symbol, 0 = not a short code

    internal JpegHuffmanTable(byte[] bits, byte[] values)
    {
        Bits = bits;
        Values = values;
        // Annex C: code sizes and codes; F.2.2.3: MINCODE/MAXCODE/VALPTR.
        var k = 0;
        var code = 0;
        for (var len = 1; len <= 16; len++)
        {
            _valPtr[len] = k;
            _minCode[len] = code;
            for (var i = 0; i < bits[len - 1]; i++)
            {
                if (k >= values.Length) throw new InvalidDataException("Huffman table has fewer values than its BITS count");
                var sym = values[k++];
                _code[sym] = code;
                _size[sym] = len;
                code++;
            }
            _maxCode[len] = bits[len - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        _maxCode[17] = int.MaxValue;
        for (var sym = 0; sym < 256; sym++)
        {
            var n = _size[sym];
            if (n == 0 || n > LookBits) continue;
            var first = _code[sym] << (LookBits - n);
            for (var j = 0; j < 1 << (LookBits - n); j++) _fast[first + j] = (short)((n << 8) | sym);
        }
    }

    /// <summary>BITS: number of codes of each length 1..16.</summary>
    internal byte[] Bits { get; }

    /// <summary>HUFFVAL: symbols in code order.</summary>
    internal byte[] Values { get; }

    internal bool Has(int symbol) => _size[symbol] != 0;

    internal int Decode(JpegBitReader r)
    {
        var f = _fast[r.Peek(LookBits)];
        if (f != 0)
        {
            r.Skip(f >> 8);
            return f & 0xFF;
        }
        var code = r.Bit();
        for (var len = 1; len <= 16; len++)
        {
            if (_maxCode[len] >= 0 && code <= _maxCode[len] && code >= _minCode[len]) return Values[_valPtr[len] + code - _minCode[len]];
            code = (code << 1) | r.Bit();
        }
        throw new InvalidDataException("invalid Huffman code in the JPEG entropy-coded data");
    }

    internal void Encode(JpegBitWriter w, int symbol)
    {
        var n = _size[symbol];
        if (n == 0) throw new MissingHuffmanSymbolException(symbol);
        w.Put(_code[symbol], n);
    }

    /// <summary>An optimal table for <paramref name="freq"/> (libjpeg's jpeg_gen_optimal_table, T.81 K.2), codes at most 16 bits.</summary>
    internal static JpegHuffmanTable Optimal(long[] freqIn)
    {
        var freq = new long[257];
        Array.Copy(freqIn, freq, 256);
        freq[256] = 1; // reserves one code point so that no code is all ones
        var codesize = new int[257];
        var others = new int[257];
        for (var i = 0; i < 257; i++) others[i] = -1;
        while (true)
        {
            int c1 = -1, c2 = -1;
            long v = long.MaxValue;
            for (var i = 0; i <= 256; i++) if (freq[i] != 0 && freq[i] <= v) { v = freq[i]; c1 = i; }
            v = long.MaxValue;
            for (var i = 0; i <= 256; i++) if (freq[i] != 0 && freq[i] <= v && i != c1) { v = freq[i]; c2 = i; }
            if (c2 < 0) break;
            freq[c1] += freq[c2];
            freq[c2] = 0;
            codesize[c1]++;
            while (others[c1] >= 0) { c1 = others[c1]; codesize[c1]++; }
            others[c1] = c2;
            codesize[c2]++;
            while (others[c2] >= 0) { c2 = others[c2]; codesize[c2]++; }
        }
        var bits = new int[33];
        for (var i = 0; i <= 256; i++) if (codesize[i] != 0) bits[codesize[i]]++;
        for (var i = 32; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                var j = i - 2;
                while (bits[j] == 0) j--;
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        var lenMax = 16;
        while (bits[lenMax] == 0) lenMax--;
        bits[lenMax]--; // remove the reserved code point
        var outBits = new byte[16];
        for (var i = 1; i <= 16; i++) outBits[i - 1] = (byte)bits[i];
        var vals = new List<byte>();
        for (var len = 1; len <= 32; len++)
            for (var s = 0; s < 256; s++)
                if (codesize[s] == len) vals.Add((byte)s);
        return new JpegHuffmanTable(outBits, vals.ToArray());
    }
}

/// <summary>Raised when a re-encode needs a symbol its Huffman table lacks; the caller then builds new tables.</summary>
internal sealed class MissingHuffmanSymbolException : Exception
{
    internal MissingHuffmanSymbolException(int symbol) : base("Huffman table has no code for symbol " + symbol.ToString(System.Globalization.CultureInfo.InvariantCulture)) { }
}

/// <summary>Reads bits from entropy-coded data, removing stuffed zero bytes; feeds zeros at markers.</summary>
internal sealed class JpegBitReader
{
    private readonly byte[] _data;
    private int _pos;
    private readonly int _end;
    private ulong _acc;   // bits left-aligned at bit 63
    private int _bits;

    internal JpegBitReader(byte[] data, int start, int end)
    {
        _data = data;
        _pos = start;
        _end = end;
    }

    private void Fill()
    {
        while (_bits <= 56)
        {
            ulong b = 0;
            if (_pos < _end)
            {
                b = _data[_pos];
                if (b == 0xFF)
                {
                    var next = _pos + 1 < _end ? _data[_pos + 1] : 0xD9;
                    if (next == 0x00) _pos += 2;
                    else b = 0; // a marker: feed zeros and stay before it
                }
                else _pos++;
            }
            _acc |= b << (56 - _bits);
            _bits += 8;
        }
    }

    internal int Peek(int n)
    {
        if (_bits < n) Fill();
        return (int)(_acc >> (64 - n));
    }

    internal void Skip(int n)
    {
        _acc <<= n;
        _bits -= n;
    }

    internal int Bit()
    {
        if (_bits < 1) Fill();
        var v = (int)(_acc >> 63);
        _acc <<= 1;
        _bits--;
        return v;
    }

    internal int Receive(int n)
    {
        if (n == 0) return 0;
        if (_bits < n) Fill();
        var v = (int)(_acc >> (64 - n));
        _acc <<= n;
        _bits -= n;
        return v;
    }

    internal static int Extend(int v, int n) => n == 0 ? 0 : v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;

    /// <summary>Skips to the next RSTn marker, drops buffered bits, and returns its number (or -1).</summary>
    internal int ReadRestart()
    {
        // Bytes already pulled into the buffer lie before the marker (markers are never consumed by Fill).
        _acc = 0;
        _bits = 0;
        while (_pos + 1 < _end)
        {
            if (_data[_pos] == 0xFF && _data[_pos + 1] >= 0xD0 && _data[_pos + 1] <= 0xD7)
            {
                var n = _data[_pos + 1] - 0xD0;
                _pos += 2;
                return n;
            }
            _pos++;
        }
        return -1;
    }
}

/// <summary>Writes entropy-coded bits with 0xFF byte stuffing.</summary>
internal sealed class JpegBitWriter
{
    private readonly MemoryStream _out;
    private ulong _acc;
    private int _bits;

    internal JpegBitWriter(MemoryStream output) => _out = output;

    internal void Put(int code, int n)
    {
        if (n == 0) return;
        _acc = (_acc << n) | ((ulong)code & ((1UL << n) - 1));
        _bits += n;
        while (_bits >= 8)
        {
            _bits -= 8;
            var b = (byte)(_acc >> _bits);
            _out.WriteByte(b);
            if (b == 0xFF) _out.WriteByte(0);
        }
    }

    /// <summary>Pads the last byte with one bits (F.1.2.3).</summary>
    internal void Align()
    {
        if (_bits > 0) Put((1 << (8 - _bits)) - 1, 8 - _bits);
    }

    internal void Marker(int m)
    {
        Align();
        _out.WriteByte(0xFF);
        _out.WriteByte((byte)m);
    }

    internal static int Category(int v)
    {
        if (v < 0) v = -v;
        var n = 0;
        while (v != 0) { n++; v >>= 1; }
        return n;
    }

    internal void PutValue(int v, int n)
    {
        if (n == 0) return;
        Put(v < 0 ? v - 1 : v, n);
    }
}

/// <summary>One component of a JPEG frame.</summary>
internal sealed class JpegComponent
{
    internal int Id;
    internal int H = 1;
    internal int V = 1;
    internal int Tq;
    internal int Td;
    internal int Ta;
    internal int BlocksPerLine;
    internal int BlocksPerColumn;
    internal short[]? Coefficients; // zig-zag order, 64 per block, row-major blocks
}

/// <summary>A parsed JPEG stream with a single scan: the headers as read, tables, frame and scan parameters.</summary>
internal sealed class JpegStream
{
    internal byte[] Data = Array.Empty<byte>();
    internal int SofMarker;
    internal int Precision;
    internal int Width;
    internal int Height;
    internal readonly List<JpegComponent> Components = new();
    internal readonly ushort[][] Quant = new ushort[4][];
    internal readonly JpegHuffmanTable?[] Dc = new JpegHuffmanTable?[4];
    internal readonly JpegHuffmanTable?[] Ac = new JpegHuffmanTable?[4];
    internal int RestartInterval;
    internal int Ss;
    internal int Se;
    internal int Al;
    internal int ScanStart;   // first byte of entropy-coded data
    internal int ScanEnd;     // first byte of the marker that ends the scan
    internal int SosStart;    // position of the SOS marker
    internal readonly List<(int Start, int Length)> DhtSegments = new();
    internal int MaxH = 1;
    internal int MaxV = 1;

    internal static JpegStream Parse(byte[] data)
    {
        var j = new JpegStream { Data = data };
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw new InvalidDataException("the JPEG frame does not start with SOI");
        var p = 2;
        while (true)
        {
            while (p < data.Length && data[p] != 0xFF) p++;
            while (p < data.Length && data[p] == 0xFF) p++;
            if (p >= data.Length) throw new InvalidDataException("the JPEG stream ended before its scan");
            var m = data[p++];
            var segStart = p - 2;
            if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) continue;
            if (m == 0xD9) throw new InvalidDataException("the JPEG stream has no scan");
            if (p + 2 > data.Length) throw new InvalidDataException("truncated JPEG marker segment");
            var len = (data[p] << 8) | data[p + 1];
            var end = p + len;
            if (len < 2 || end > data.Length) throw new InvalidDataException("JPEG marker segment length runs past the data");
            var q = p + 2;
            switch (m)
            {
                case 0xC0: case 0xC1: case 0xC3:
                    j.SofMarker = m;
                    j.Precision = data[q];
                    j.Height = (data[q + 1] << 8) | data[q + 2];
                    j.Width = (data[q + 3] << 8) | data[q + 4];
                    var nf = data[q + 5];
                    for (var i = 0; i < nf; i++)
                    {
                        var o = q + 6 + (3 * i);
                        var c = new JpegComponent { Id = data[o], H = data[o + 1] >> 4, V = data[o + 1] & 15, Tq = data[o + 2] & 3 };
                        if (c.H < 1 || c.V < 1) throw new InvalidDataException("invalid JPEG sampling factors");
                        j.Components.Add(c);
                        j.MaxH = Math.Max(j.MaxH, c.H);
                        j.MaxV = Math.Max(j.MaxV, c.V);
                    }
                    break;
                case 0xC2: case 0xC5: case 0xC6: case 0xC7: case 0xC9: case 0xCA: case 0xCB: case 0xCD: case 0xCE: case 0xCF:
                    throw new NotSupportedException("JPEG process with marker FF" + m.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " (progressive, hierarchical or arithmetic) cannot be cleaned here");
                case 0xC4:
                    j.DhtSegments.Add((segStart, end - segStart));
                    while (q < end)
                    {
                        var tc = data[q] >> 4;
                        var th = data[q] & 3;
                        var bits = new byte[16];
                        Buffer.BlockCopy(data, q + 1, bits, 0, 16);
                        var count = 0;
                        foreach (var b in bits) count += b;
                        if (q + 17 + count > end) throw new InvalidDataException("DHT segment too short");
                        var vals = new byte[count];
                        Buffer.BlockCopy(data, q + 17, vals, 0, count);
                        var t = new JpegHuffmanTable(bits, vals);
                        if (tc == 0) j.Dc[th] = t; else j.Ac[th] = t;
                        q += 17 + count;
                    }
                    break;
                case 0xDB:
                    while (q < end)
                    {
                        var pq = data[q] >> 4;
                        var tq = data[q] & 3;
                        var table = new ushort[64];
                        for (var i = 0; i < 64; i++) table[i] = pq == 0 ? data[q + 1 + i] : (ushort)((data[q + 1 + (2 * i)] << 8) | data[q + 2 + (2 * i)]);
                        j.Quant[tq] = table;
                        q += 1 + (pq == 0 ? 64 : 128);
                    }
                    break;
                case 0xDD:
                    j.RestartInterval = (data[q] << 8) | data[q + 1];
                    break;
                case 0xDA:
                    if (j.SofMarker == 0) throw new InvalidDataException("JPEG scan before frame header");
                    j.SosStart = segStart;
                    var ns = data[q];
                    if (ns != j.Components.Count) throw new NotSupportedException("JPEG with one scan per component (non-interleaved multi-scan) cannot be cleaned here");
                    for (var i = 0; i < ns; i++)
                    {
                        var cid = data[q + 1 + (2 * i)];
                        var c = j.Components.Find(x => x.Id == cid) ?? throw new InvalidDataException("scan names an unknown component");
                        c.Td = data[q + 2 + (2 * i)] >> 4;
                        c.Ta = data[q + 2 + (2 * i)] & 15;
                        if (c.Td > 3 || c.Ta > 3) throw new InvalidDataException("invalid Huffman table selector");
                    }
                    var sp = q + 1 + (2 * ns);
                    j.Ss = data[sp];
                    j.Se = data[sp + 1];
                    j.Al = data[sp + 2] & 15;
                    j.ScanStart = end;
                    j.ScanEnd = FindScanEnd(data, end);
                    // A second scan means a multi-scan image.
                    var after = j.ScanEnd;
                    if (after + 1 < data.Length && data[after + 1] != 0xD9) throw new NotSupportedException("JPEG with more than one scan cannot be cleaned here");
                    return j;
            }
            p = end;
        }
    }

    private static int FindScanEnd(byte[] d, int p)
    {
        while (p + 1 < d.Length)
        {
            if (d[p] == 0xFF)
            {
                var n = d[p + 1];
                if (n != 0x00 && !(n >= 0xD0 && n <= 0xD7) && n != 0xFF) return p;
            }
            p++;
        }
        return d.Length;
    }

    /// <summary>Writes a DHT segment for the given tables.</summary>
    internal static byte[] Dht(IEnumerable<(int Class, int Id, JpegHuffmanTable Table)> tables)
    {
        using var ms = new MemoryStream();
        ms.WriteByte(0xFF);
        ms.WriteByte(0xC4);
        ms.WriteByte(0);
        ms.WriteByte(0);
        foreach (var (cls, id, t) in tables)
        {
            ms.WriteByte((byte)((cls << 4) | id));
            ms.Write(t.Bits, 0, 16);
            ms.Write(t.Values, 0, t.Values.Length);
        }
        var b = ms.ToArray();
        var len = b.Length - 2;
        b[2] = (byte)(len >> 8);
        b[3] = (byte)len;
        return b;
    }

    /// <summary>Header bytes up to the scan's entropy data, without DHT segments when <paramref name="newDht"/> replaces them.</summary>
    internal void WriteHeader(MemoryStream ms, byte[]? newDht)
    {
        if (newDht is null)
        {
            ms.Write(Data, 0, ScanStart);
            return;
        }
        var p = 0;
        foreach (var (start, length) in DhtSegments)
        {
            ms.Write(Data, p, start - p);
            p = start + length;
        }
        ms.Write(Data, p, SosStart - p);
        ms.Write(newDht, 0, newDht.Length);
        ms.Write(Data, SosStart, ScanStart - SosStart);
    }

    internal static readonly int[] ZigZag =
    {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };
}
