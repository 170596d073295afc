using System;
using System.IO;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Samples;

/// <summary>Paints one row of one frame of synthetic pixel data.</summary>
internal interface IRowPainter
{
    /// <summary>Bytes per row (columns × samples × bytes per sample).</summary>
    int RowBytes { get; }

    /// <summary>Rows per frame.</summary>
    int Rows { get; }

    /// <summary>Number of frames.</summary>
    int Frames { get; }

    /// <summary>Fills <paramref name="row"/> (exactly <see cref="RowBytes"/> long) with row <paramref name="y"/> of frame <paramref name="frame"/>.</summary>
    void PaintRow(int frame, int y, Span<byte> row);
}

/// <summary>
/// A byte source whose bytes are computed on read from a seeded painter, so a 1 GB multi-frame value is written
/// stream to stream without ever existing in memory. Reading at any position gives the same bytes.
/// </summary>
internal sealed class ProceduralPixelSource : IDicomByteSource
{
    private readonly IRowPainter _painter;

    public ProceduralPixelSource(string name, IRowPainter painter)
    {
        Name = name;
        _painter = painter;
        Length = (long)painter.RowBytes * painter.Rows * painter.Frames;
    }

    public string Name { get; }

    /// <summary>Total number of bytes (even when row bytes are).</summary>
    public long Length { get; }

    public Stream OpenRead() => new PainterStream(_painter, Length);

    /// <summary>A deferred value over all the bytes (padded to even length by the painter's geometry).</summary>
    public DicomValue ToValue() => new(this, 0, Length);

    private sealed class PainterStream : Stream
    {
        private readonly IRowPainter _painter;
        private readonly byte[] _row;
        private readonly long _length;
        private long _position;
        private long _cachedRow = -1;

        public PainterStream(IRowPainter painter, long length)
        {
            _painter = painter;
            _length = length;
            _row = new byte[painter.RowBytes];
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => _position = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var done = 0;
            var rowBytes = _row.Length;
            while (count > 0 && _position < _length)
            {
                var rowIndex = _position / rowBytes;
                var inRow = (int)(_position - (rowIndex * rowBytes));
                var n = Math.Min(count, rowBytes - inRow);
                if (inRow == 0 && n == rowBytes)
                {
                    // Whole row: paint straight into the caller's buffer.
                    Paint(rowIndex, buffer.AsSpan(offset, rowBytes));
                }
                else
                {
                    if (_cachedRow != rowIndex) { Paint(rowIndex, _row); _cachedRow = rowIndex; }
                    Buffer.BlockCopy(_row, inRow, buffer, offset, n);
                }
                offset += n; count -= n; done += n; _position += n;
            }
            return done;
        }

        private void Paint(long rowIndex, Span<byte> dest)
        {
            var frame = (int)(rowIndex / _painter.Rows);
            var y = (int)(rowIndex % _painter.Rows);
            _painter.PaintRow(frame, y, dest);
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => _length + offset,
            };
            return _position;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A CT/MR-like phantom: body ellipse, two lungs, a spine, seeded noise; 16-bit little-endian, 12 bits stored.</summary>
internal sealed class PhantomPainter : IRowPainter
{
    private readonly int _columns;
    private readonly uint _seed;
    private readonly int _firstSlice;
    private readonly bool _mr;

    public PhantomPainter(int rows, int columns, int frames, uint seed, int firstSlice, bool mr)
    {
        Rows = rows;
        _columns = columns;
        Frames = frames;
        _seed = seed;
        _firstSlice = firstSlice;
        _mr = mr;
    }

    public int RowBytes => _columns * 2;
    public int Rows { get; }
    public int Frames { get; }

    public void PaintRow(int frame, int y, Span<byte> row)
    {
        var slice = _firstSlice + frame;
        // Shapes change a little along z so slices differ. Each shape's extent on this row is solved once, so the
        // per-pixel work is a few integer compares and a xorshift step (the generator writes ~1 GB/s).
        var grow = 1.0 + (0.08 * Math.Sin(slice * 0.07));
        double cx = _columns / 2.0, cy = Rows / 2.0;
        double bodyA = _columns * 0.42 * grow, bodyB = Rows * 0.32 * grow;
        double lungA = _columns * 0.13, lungB = Rows * 0.18 * grow;
        var spineR = _columns * 0.05;
        var dy = y - cy;
        int air = _mr ? 0 : 24, tissue = _mr ? 900 : 1064, lung = _mr ? 80 : 224, bone = _mr ? 300 : 1724;
        Span(cx, bodyA, dy / bodyB, out var b0, out var b1);
        var ly = (dy + (Rows * 0.03)) / lungB;
        Span(cx - (_columns * 0.2), lungA, ly, out var l0, out var l1);
        Span(cx + (_columns * 0.2), lungA, ly, out var r0, out var r1);
        Span(cx, spineR, (dy - (Rows * 0.2)) / spineR, out var s0, out var s1);
        var state = SampleRandom.Hash(_seed, (uint)slice, (uint)y, 0x51u) | 1u;
        for (var x = 0; x < _columns; x++)
        {
            int v;
            if (x < b0 || x > b1) v = air;
            else if ((x >= l0 && x <= l1) || (x >= r0 && x <= r1)) v = lung;
            else if (x >= s0 && x <= s1) v = bone;
            else v = tissue;
            state ^= state << 13; state ^= state >> 17; state ^= state << 5;
            v += (int)(state & 63) - 32;
            if (v < 0) v = 0;
            row[2 * x] = (byte)v;
            row[(2 * x) + 1] = (byte)(v >> 8);
        }
    }

    /// <summary>The columns [x0, x1] of an ellipse centred at <paramref name="centre"/> with half-width <paramref name="halfWidth"/> on a row at normalised height <paramref name="t"/>; empty when |t| &gt;= 1.</summary>
    private static void Span(double centre, double halfWidth, double t, out int x0, out int x1)
    {
        if (t <= -1 || t >= 1) { x0 = 1; x1 = 0; return; }
        var w = halfWidth * Math.Sqrt(1 - (t * t));
        x0 = (int)Math.Ceiling(centre - w);
        x1 = (int)Math.Floor(centre + w);
    }
}

/// <summary>
/// An ultrasound-like RGB image (speckle in a sector, grey) with yellow text burned into a known rectangle of
/// every frame; planar configuration 0 (RGBRGB...).
/// </summary>
internal sealed class UltrasoundPainter : IRowPainter
{
    /// <summary>The colour of burned-in text; nothing else in the image has it.</summary>
    public static readonly byte[] TextColor = { 255, 255, 0 };

    private readonly int _columns;
    private readonly uint _seed;
    private readonly bool[,] _text;
    private readonly int _textX, _textY, _textW, _textH;

    public UltrasoundPainter(int rows, int columns, int frames, uint seed, bool[,] text, int textX, int textY)
    {
        Rows = rows;
        _columns = columns;
        Frames = frames;
        _seed = seed;
        _text = text;
        _textX = textX;
        _textY = textY;
        _textH = text.GetLength(0);
        _textW = text.GetLength(1);
    }

    public int RowBytes => _columns * 3;
    public int Rows { get; }
    public int Frames { get; }

    public void PaintRow(int frame, int y, Span<byte> row)
    {
        double apexX = _columns / 2.0, apexY = Rows * 0.08;
        var dy = y - apexY;
        var maxR = Rows * 0.9;
        var state = SampleRandom.Hash(_seed, (uint)frame, (uint)y, 0x55u) | 1u;
        for (var x = 0; x < _columns; x++)
        {
            byte g = 0;
            var dx = x - apexX;
            var r2 = (dx * dx) + (dy * dy);
            state ^= state << 13; state ^= state >> 17; state ^= state << 5;
            if (dy > 0 && r2 < maxR * maxR && Math.Abs(dx) < dy * 0.9) g = (byte)(40 + (state % 160));
            var ty = y - _textY;
            var tx = x - _textX;
            if (ty >= 0 && ty < _textH && tx >= 0 && tx < _textW && _text[ty, tx])
            {
                row[3 * x] = TextColor[0]; row[(3 * x) + 1] = TextColor[1]; row[(3 * x) + 2] = TextColor[2];
            }
            else
            {
                // Grey stays below 255 so it never equals the text colour.
                row[3 * x] = g; row[(3 * x) + 1] = g; row[(3 * x) + 2] = g;
            }
        }
    }
}
