using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Audit;

/// <summary>The first line a run appends to the audit log: who, when, with what profile and key.</summary>
public sealed class DeidAuditRunHeader
{
    /// <summary>Unique id of the run; every file line carries it.</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartTime { get; set; }

    /// <summary>Version of the module (or engine) that ran.</summary>
    public string ModuleVersion { get; set; } = string.Empty;

    /// <summary>Profile name.</summary>
    public string? ProfileName { get; set; }

    /// <summary>Profile version.</summary>
    public string? ProfileVersion { get; set; }

    /// <summary>SHA-256 of the profile document.</summary>
    public string? ProfileSha256 { get; set; }

    /// <summary>Options in force.</summary>
    public IReadOnlyList<string> Options { get; set; } = Array.Empty<string>();

    /// <summary>Fingerprint of the key.</summary>
    public string? KeyFingerprint { get; set; }

    /// <summary>True when the key was generated for this run only (outputs will not agree with other runs).</summary>
    public bool EphemeralKey { get; set; }

    /// <summary>Machine that ran.</summary>
    public string MachineName { get; set; } = string.Empty;

    /// <summary>Destination root, or null for in-place work.</summary>
    public string? Destination { get; set; }

    /// <summary>True when files were rewritten in place.</summary>
    public bool InPlace { get; set; }

    /// <summary>Number of parallel workers.</summary>
    public int ThrottleLimit { get; set; }
}

/// <summary>The last line a run appends when it ends normally (absent after a crash).</summary>
public sealed class DeidAuditRunSummary
{
    /// <summary>The run id.</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>When the run ended (UTC).</summary>
    public DateTimeOffset EndTime { get; set; }

    /// <summary>Files seen.</summary>
    public int Files { get; set; }

    /// <summary>Count per status name.</summary>
    public IReadOnlyDictionary<string, int> StatusCounts { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>True when the run was stopped before all files were done.</summary>
    public bool Cancelled { get; set; }
}
