using System;

namespace DicomDeid.Engine.Batch;

/// <summary>How a run writes: where, whether it may overwrite, how many workers, where the audit goes.</summary>
public sealed class DeidBatchSettings
{
    /// <summary>Output root: each input goes to its relative path under it. Null only with <see cref="InPlace"/>.</summary>
    public string? DestinationRoot { get; set; }

    /// <summary>Overwrite existing outputs (never the inputs, unless <see cref="InPlace"/>).</summary>
    public bool Force { get; set; }

    /// <summary>Rewrite each input in place (explicit opt-in; the original is replaced atomically).</summary>
    public bool InPlace { get; set; }

    /// <summary>Parallel workers; default the processor count.</summary>
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Flush each output to the disk (fsync) before it is renamed into place (default). A killed process never leaves
    /// a partial file under a final name either way; this also covers an operating-system crash or power loss, at the
    /// price of one disk flush per file.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>JSON-lines audit log to append to; null for none.</summary>
    public string? AuditLogPath { get; set; }

    /// <summary>The compiled profile (name, version, hash and options go into every record).</summary>
    public CompiledProfile? Profile { get; set; }

    /// <summary>Fingerprint of the key in use (recorded; the key never is).</summary>
    public string? KeyFingerprint { get; set; }

    /// <summary>True when the key was generated for this run only.</summary>
    public bool EphemeralKey { get; set; }

    /// <summary>
    /// Where quarantined files go (same relative tree): the de-identified header with the pixels untouched, for a person
    /// to review. Null: a quarantined file is not written at all (only its audit record).
    /// </summary>
    public string? QuarantineRoot { get; set; }

    /// <summary>Pixel region rules used with CleanPixelData on top of the embedded starter library.</summary>
    public Pixels.PixelRuleSet? PixelRules { get; set; }

    /// <summary>With CleanPixelData: also blank the text lines the text-region detector proposes.</summary>
    public bool DetectText { get; set; }

    /// <summary>Version recorded in the audit header; defaults to the engine's.</summary>
    public string? ModuleVersion { get; set; }
}
