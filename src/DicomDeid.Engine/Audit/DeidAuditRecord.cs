using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Audit;

/// <summary>
/// What was done to one file: one per file, to the pipeline and to the JSON-lines audit log. Property names are
/// stable (they become CSV/JSON columns). Never carries an original value: the SOP Instance UID before is a keyed
/// hash, changes name tag paths, actions and rules only, and errors are messages without element values.
/// </summary>
public sealed class DeidAuditRecord
{
    /// <summary>The run this record belongs to (the run header's id).</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>Full path of the input file.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Full path of the output file (set even when nothing was written, to say where it would have gone).</summary>
    public string? Destination { get; set; }

    /// <summary>The outcome.</summary>
    public DeidAuditStatus Status { get; set; }

    /// <summary>Keyed hash (HMAC-SHA256, hex) of the original SOP Instance UID; never the UID itself.</summary>
    public string? SopInstanceUidBeforeHash { get; set; }

    /// <summary>The SOP Instance UID written.</summary>
    public string? SopInstanceUidAfter { get; set; }

    /// <summary>Profile name.</summary>
    public string? ProfileName { get; set; }

    /// <summary>Profile version.</summary>
    public string? ProfileVersion { get; set; }

    /// <summary>SHA-256 of the profile document.</summary>
    public string? ProfileSha256 { get; set; }

    /// <summary>Options in force (canonical names).</summary>
    public IReadOnlyList<string> Options { get; set; } = Array.Empty<string>();

    /// <summary>Fingerprint of the key (not the key).</summary>
    public string? KeyFingerprint { get; set; }

    /// <summary>Number of changes per action code.</summary>
    public IReadOnlyDictionary<string, int> ActionCounts { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Every change: tag path, action, rule id.</summary>
    public IReadOnlyList<DeidChange> Changes { get; set; } = Array.Empty<DeidChange>();

    /// <summary>Number of changes (for narrow tables).</summary>
    public int ChangeCount => Changes.Count;

    /// <summary>SHA-256 (hex) of the input file.</summary>
    public string? InputSha256 { get; set; }

    /// <summary>SHA-256 (hex) of the output file as written.</summary>
    public string? OutputSha256 { get; set; }

    /// <summary>Wall time spent on the file.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Stable error id (e.g. DicomDeid.InvalidDicom) when the status is not a success.</summary>
    public string? ErrorId { get; set; }

    /// <summary>Why the file failed or was skipped; never an element value.</summary>
    public string? Error { get; set; }

    /// <summary>Warnings that did not stop the work (reader and engine).</summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    /// <summary>Burned-in text risk judged on the original header (null when the file was not read).</summary>
    public Pixels.BurnedInRisk? BurnedInRisk { get; set; }

    /// <summary>Why that risk, e.g. <c>Modality=US without BurnedInAnnotation</c>.</summary>
    public IReadOnlyList<string> BurnedInRiskReasons { get; set; } = Array.Empty<string>();

    /// <summary>Pass, Clean or Quarantine under CleanPixelData / CleanRecognizableVisualFeatures; null when neither was requested.</summary>
    public Pixels.PixelDecisionKind? PixelAction { get; set; }

    /// <summary>Ids of the pixel region rules that matched the original header.</summary>
    public IReadOnlyList<string> PixelRulesMatched { get; set; } = Array.Empty<string>();

    /// <summary>The rectangles blanked, per frame (rule id "detector" for text-detector regions).</summary>
    public IReadOnlyList<Pixels.BlankedRectangle> BlankedRegions { get; set; } = Array.Empty<Pixels.BlankedRectangle>();

    /// <summary>Text lines the detector proposed (-DetectText), per frame.</summary>
    public IReadOnlyList<Pixels.TextRegionFinding> DetectorRegions { get; set; } = Array.Empty<Pixels.TextRegionFinding>();

    /// <summary>How the pixels were cleaned (native, rle, jpeg-baseline-blocks, jpeg-lossless); null when not cleaned.</summary>
    public string? PixelMethod { get; set; }

    /// <summary>Overlay groups (60xx) removed by the pixel clean, and "IconImageSequence" when the icon went.</summary>
    public IReadOnlyList<string> PixelRemoved { get; set; } = Array.Empty<string>();

    /// <summary>Where the quarantined copy (de-identified header, pixels untouched) was written; null when none was.</summary>
    public string? QuarantinePath { get; set; }

    /// <summary>SHA-256 (hex) of the quarantined copy; null when none was written.</summary>
    public string? QuarantineSha256 { get; set; }

    /// <summary>True when an output file was written.</summary>
    public bool Written => OutputSha256 is not null;

    /// <inheritdoc />
    public override string ToString() => Status + " " + Source;
}
