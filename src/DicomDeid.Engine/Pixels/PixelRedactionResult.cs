using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Pixels;

/// <summary>
/// What <see cref="PixelRedactor.Redact"/> did: either the rectangles blanked per frame (and the header changes that
/// follow), or a refusal reason with the file left exactly as it was. Dispose it after the file is written: large
/// multi-frame results may keep the new pixel data in a temporary file.
/// </summary>
public sealed class PixelRedactionResult : IDisposable
{
    private IDisposable? _resource;

    internal PixelRedactionResult(string? refusal) => Refusal = refusal;

    /// <summary>Why nothing was changed; null when the pixels were cleaned.</summary>
    public string? Refusal { get; }

    /// <summary>True when pixel values were overwritten in every listed rectangle.</summary>
    public bool Cleaned => Refusal is null;

    /// <summary>The rectangles blanked, per frame (after clipping; for JPEG Baseline grown to whole MCUs).</summary>
    public List<BlankedRectangle> Blanked { get; } = new();

    /// <summary>
    /// True when the caller must add code 113101 (Clean Pixel Data, DCM) to De-identification Method Code Sequence
    /// (0012,0064): set only when pixel values were actually changed.
    /// </summary>
    public bool AddCleanPixelDataCode { get; internal set; }

    /// <summary>True when Burned In Annotation (0028,0301) was set to NO.</summary>
    public bool BurnedInAnnotationSetToNo { get; internal set; }

    /// <summary>Overlay groups (60xx) removed, e.g. "6000".</summary>
    public List<string> OverlaysRemoved { get; } = new();

    /// <summary>True when the Icon Image Sequence (0088,0200) was removed.</summary>
    public bool IconImageRemoved { get; internal set; }

    /// <summary>Number of frames whose pixels changed.</summary>
    public int FramesChanged { get; internal set; }

    /// <summary>Number of frames in the image.</summary>
    public int FrameCount { get; internal set; }

    /// <summary>The method used, e.g. "native", "rle", "jpeg-baseline-blocks", "jpeg-lossless".</summary>
    public string Method { get; internal set; } = string.Empty;

    /// <summary>Notes that did not stop the work (e.g. a symbol missing from a Huffman table forced new tables).</summary>
    public List<string> Warnings { get; } = new();

    internal void Own(IDisposable? resource) => _resource = resource;

    /// <summary>Releases a temporary file holding the new pixel data (call after the file is written).</summary>
    public void Dispose()
    {
        _resource?.Dispose();
        _resource = null;
    }

    /// <inheritdoc />
    public override string ToString() => Cleaned ? $"cleaned ({Method}): {Blanked.Count} rectangle(s) in {FramesChanged} of {FrameCount} frame(s)" : "refused: " + Refusal;
}
