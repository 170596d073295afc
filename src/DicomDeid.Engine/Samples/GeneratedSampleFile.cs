using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Samples;

/// <summary>A rectangle in pixel coordinates: X columns from the left, Y rows from the top, Width × Height pixels.</summary>
public sealed class SampleRegion
{
    /// <summary>Creates a region.</summary>
    public SampleRegion(int x, int y, int width, int height)
    {
        X = x; Y = y; Width = width; Height = height;
    }

    /// <summary>First column.</summary>
    public int X { get; }
    /// <summary>First row.</summary>
    public int Y { get; }
    /// <summary>Width in columns.</summary>
    public int Width { get; }
    /// <summary>Height in rows.</summary>
    public int Height { get; }

    /// <summary>True when (x, y) lies inside.</summary>
    public bool Contains(int x, int y) => x >= X && x < X + Width && y >= Y && y < Y + Height;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"x={X} y={Y} w={Width} h={Height}");
}

/// <summary>One file the generator wrote, with what it planted in it.</summary>
public sealed class GeneratedSampleFile
{
    /// <summary>Full path of the file.</summary>
    public string Path { get; set; } = string.Empty;
    /// <summary>Path relative to the output folder, with forward slashes.</summary>
    public string RelativePath { get; set; } = string.Empty;
    /// <summary>File size in bytes.</summary>
    public long Length { get; set; }
    /// <summary>Kind: CT, MR (multi-frame), US, US-MF (multi-frame), SR, or LARGE-MF.</summary>
    public string Kind { get; set; } = string.Empty;
    /// <summary>Modality (0008,0060).</summary>
    public string Modality { get; set; } = string.Empty;
    /// <summary>SOP Class UID.</summary>
    public string SopClassUid { get; set; } = string.Empty;
    /// <summary>SOP Instance UID.</summary>
    public string SopInstanceUid { get; set; } = string.Empty;
    /// <summary>Study Instance UID.</summary>
    public string StudyInstanceUid { get; set; } = string.Empty;
    /// <summary>Series Instance UID.</summary>
    public string SeriesInstanceUid { get; set; } = string.Empty;
    /// <summary>The fake Patient ID.</summary>
    public string PatientId { get; set; } = string.Empty;
    /// <summary>The fake Patient's Name as written (decoded).</summary>
    public string PatientName { get; set; } = string.Empty;
    /// <summary>Specific Character Set (empty for the default repertoire).</summary>
    public string SpecificCharacterSet { get; set; } = string.Empty;
    /// <summary>Number of frames (1 for single-frame and non-image files).</summary>
    public int NumberOfFrames { get; set; } = 1;
    /// <summary>Where text is burned into every frame's pixels (US only), else null.</summary>
    public SampleRegion? BurnedInTextRegion { get; set; }
    /// <summary>The text burned in (upper case, as painted), else null.</summary>
    public string? BurnedInText { get; set; }
    /// <summary>What the file carries for a de-identification to deal with (e.g. "Overlay", "PrivateUnsafe", "SRText").</summary>
    public IList<string> Features { get; } = new List<string>();
    /// <summary>SOP Instance UIDs this file references (all in the same study).</summary>
    public IList<string> ReferencedSopInstanceUids { get; } = new List<string>();
}
