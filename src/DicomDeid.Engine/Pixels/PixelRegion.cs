using System;
using System.Globalization;

namespace DicomDeid.Engine.Pixels;

/// <summary>What a region blanks.</summary>
public enum PixelTarget
{
    /// <summary>Pixel Data (7FE0,0010).</summary>
    PixelData = 0,
    /// <summary>Overlay planes (60xx,3000): the planes are removed when a file is cleaned.</summary>
    Overlays = 1,
    /// <summary>The Icon Image Sequence (0088,0200): removed when a file is cleaned.</summary>
    IconImage = 2,
}

/// <summary>
/// A concrete rectangle in image pixels: origin top-left, x to the right, y down, half-open
/// [<see cref="X0"/>, <see cref="X1"/>) × [<see cref="Y0"/>, <see cref="Y1"/>), for frames
/// <see cref="FirstFrame"/>..<see cref="LastFrame"/> (1-based, inclusive, as DICOM numbers frames).
/// </summary>
public sealed class PixelRegion : IEquatable<PixelRegion>
{
    /// <summary>Creates a region from its corners (half-open).</summary>
    /// <exception cref="ArgumentOutOfRangeException">x1 &lt; x0, y1 &lt; y0, or the frame range is empty or starts below 1.</exception>
    public PixelRegion(int x0, int y0, int x1, int y1, int firstFrame = 1, int lastFrame = int.MaxValue, PixelTarget target = PixelTarget.PixelData, string? ruleId = null)
    {
        if (x1 < x0) throw new ArgumentOutOfRangeException(nameof(x1), "x1 must not be left of x0.");
        if (y1 < y0) throw new ArgumentOutOfRangeException(nameof(y1), "y1 must not be above y0.");
        if (firstFrame < 1 || lastFrame < firstFrame) throw new ArgumentOutOfRangeException(nameof(firstFrame), "Frames are numbered from 1 and the range must not be empty.");
        X0 = x0; Y0 = y0; X1 = x1; Y1 = y1;
        FirstFrame = firstFrame; LastFrame = lastFrame;
        Target = target;
        RuleId = ruleId;
    }

    /// <summary>Creates a region from its top-left corner and size, for every frame.</summary>
    public static PixelRegion FromRectangle(int x, int y, int width, int height, string? ruleId = null) => new(x, y, x + width, y + height, ruleId: ruleId);

    /// <summary>Left edge (inclusive).</summary>
    public int X0 { get; }
    /// <summary>Top edge (inclusive).</summary>
    public int Y0 { get; }
    /// <summary>Right edge (exclusive).</summary>
    public int X1 { get; }
    /// <summary>Bottom edge (exclusive).</summary>
    public int Y1 { get; }
    /// <summary>First frame (1-based).</summary>
    public int FirstFrame { get; }
    /// <summary>Last frame (1-based, inclusive; <see cref="int.MaxValue"/> = to the end).</summary>
    public int LastFrame { get; }
    /// <summary>What the region blanks.</summary>
    public PixelTarget Target { get; }
    /// <summary>The rule that produced the region, when any.</summary>
    public string? RuleId { get; }

    /// <summary>Width in pixels.</summary>
    public int Width => X1 - X0;
    /// <summary>Height in pixels.</summary>
    public int Height => Y1 - Y0;
    /// <summary>True when the rectangle has no pixels.</summary>
    public bool IsEmpty => X1 <= X0 || Y1 <= Y0;

    /// <summary>True when the region applies to frame <paramref name="frame"/> (1-based).</summary>
    public bool AppliesToFrame(int frame) => frame >= FirstFrame && frame <= LastFrame;

    /// <summary>The region cut to an image of <paramref name="columns"/> × <paramref name="rows"/> (may become empty).</summary>
    public PixelRegion ClipTo(int columns, int rows)
    {
        int x0 = Clamp(X0, 0, columns), x1 = Clamp(X1, 0, columns), y0 = Clamp(Y0, 0, rows), y1 = Clamp(Y1, 0, rows);
        if (x1 < x0) x1 = x0;
        if (y1 < y0) y1 = y0;
        return x0 == X0 && x1 == X1 && y0 == Y0 && y1 == Y1 ? this : new PixelRegion(x0, y0, x1, y1, FirstFrame, LastFrame, Target, RuleId);
    }

    internal static int Clamp(int v, int lo, int hi) => v < lo ? lo : v > hi ? hi : v;

    /// <summary>True when the point (x, y) lies inside the rectangle.</summary>
    public bool Contains(int x, int y) => x >= X0 && x < X1 && y >= Y0 && y < Y1;

    /// <inheritdoc />
    public bool Equals(PixelRegion? other) => other is not null && X0 == other.X0 && Y0 == other.Y0 && X1 == other.X1 && Y1 == other.Y1
        && FirstFrame == other.FirstFrame && LastFrame == other.LastFrame && Target == other.Target;
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PixelRegion);
    /// <inheritdoc />
    public override int GetHashCode() => unchecked((((((X0 * 397) ^ Y0) * 397 ^ X1) * 397 ^ Y1) * 397 ^ FirstFrame) * 397 ^ LastFrame);

    /// <summary>Formats as <c>[x0,x1)x[y0,y1)</c> with the frame range and target when not the defaults.</summary>
    public override string ToString()
    {
        var s = string.Format(CultureInfo.InvariantCulture, "[{0},{1})x[{2},{3})", X0, X1, Y0, Y1);
        if (FirstFrame != 1 || LastFrame != int.MaxValue)
            s += LastFrame == int.MaxValue ? string.Format(CultureInfo.InvariantCulture, " frames {0}-", FirstFrame) : string.Format(CultureInfo.InvariantCulture, " frames {0}-{1}", FirstFrame, LastFrame);
        if (Target != PixelTarget.PixelData) s += " " + Target;
        return s;
    }
}

/// <summary>A rectangle actually blanked in one frame (after clipping and, for JPEG, growing to whole blocks).</summary>
public sealed class BlankedRectangle
{
    internal BlankedRectangle(int frame, int x0, int y0, int x1, int y1, string? ruleId)
    {
        Frame = frame; X0 = x0; Y0 = y0; X1 = x1; Y1 = y1; RuleId = ruleId;
    }

    /// <summary>Frame number (1-based).</summary>
    public int Frame { get; }
    /// <summary>Left edge (inclusive).</summary>
    public int X0 { get; }
    /// <summary>Top edge (inclusive).</summary>
    public int Y0 { get; }
    /// <summary>Right edge (exclusive).</summary>
    public int X1 { get; }
    /// <summary>Bottom edge (exclusive).</summary>
    public int Y1 { get; }
    /// <summary>The rule that asked for it, when any.</summary>
    public string? RuleId { get; }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "frame {0} [{1},{2})x[{3},{4})", Frame, X0, X1, Y0, Y1);
}
