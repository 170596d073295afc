using System;

namespace DicomDeid.Dicom.IO;

/// <summary>Options for <see cref="DicomFileReader"/>: deferral of large values and caps against hostile input.</summary>
public sealed class DicomReadOptions
{
    /// <summary>The defaults (64 KiB deferral threshold, 64 nesting levels, 5 million elements).</summary>
    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Values at least this long (bytes) stay in the source file as (offset, length) references when the source is a file.
    /// Top-level pixel data is always deferred when the source is a file. Default 64 KiB.
    /// </summary>
    public long DeferThreshold { get; set; } = 64 * 1024;

    /// <summary>Maximum sequence nesting depth (a top-level element has depth 0). Default 64, at most 1000.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Maximum number of elements, items and fragments in one file. Default 5,000,000.</summary>
    public int MaxElementCount { get; set; } = 5_000_000;

    /// <summary>
    /// Maximum number of bytes held in memory for a source that cannot be deferred: the inflated dataset of a
    /// Deflated Explicit VR Little Endian file, or the content of a non-seekable stream. Default 512 MiB.
    /// </summary>
    public long MaxInMemoryLength { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// When set, reading stops at the first top-level element whose tag is greater than this tag (a fast header scan);
    /// the dataset then holds only the elements up to it. Null (default) reads everything.
    /// </summary>
    public DicomTag? StopAfterTag { get; set; }

    internal void Validate()
    {
        if (DeferThreshold < 0) throw new ArgumentOutOfRangeException(nameof(DeferThreshold), "DeferThreshold cannot be negative.");
        if (MaxDepth < 1 || MaxDepth > 1000) throw new ArgumentOutOfRangeException(nameof(MaxDepth), "MaxDepth must be between 1 and 1000.");
        if (MaxElementCount < 1) throw new ArgumentOutOfRangeException(nameof(MaxElementCount), "MaxElementCount must be positive.");
        if (MaxInMemoryLength < 0) throw new ArgumentOutOfRangeException(nameof(MaxInMemoryLength), "MaxInMemoryLength cannot be negative.");
    }
}
