using System;
using System.Collections.Generic;
using DicomDeid.Dicom;

// The public surface the batch runner and cmdlets code against (names and signatures kept from the contract);
// the behaviour lives in Profiles/, Actions/, Keys/ and Deidentifier.cs.
namespace DicomDeid.Engine;

/// <summary>A de-identification profile as a document: base profile, options and user rules; versioned and hashed.</summary>
public sealed partial class DeidProfile
{
    /// <summary>Profile name, e.g. "Basic", "HipaaSafeHarbor", "Research", or the name inside a profile file.</summary>
    public string Name { get; set; } = "Basic";

    /// <summary>Version string from the document.</summary>
    public string Version { get; set; } = "1";

    /// <summary>SHA-256 (hex) of the canonical document text.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>Options the profile turns on by itself (e.g. CleanDescriptors for Safe Harbor).</summary>
    public IList<string> Options { get; } = new List<string>();
}

/// <summary>A profile compiled with a set of options into O(1) decisions.</summary>
public sealed partial class CompiledProfile
{
    /// <summary>The source profile.</summary>
    public DeidProfile Profile { get; }

    /// <summary>The options in force (profile's plus the caller's), canonical names.</summary>
    public IReadOnlyList<string> Options { get; }

}

/// <summary>One change made to a dataset: where, what, why. Never carries an original value.</summary>
public sealed class DeidChange
{
    /// <summary>Creates a change record.</summary>
    public DeidChange(string tagPath, string action, string ruleId)
    {
        TagPath = tagPath;
        Action = action;
        RuleId = ruleId;
    }

    /// <summary>Tag path in hexadecimal form, e.g. <c>(0008,1115)[0].(0020,000E)</c>.</summary>
    public string TagPath { get; }

    /// <summary>The action applied: X, Z, D, K, C, U, or a user action (replace, hash, shift, keep, remove).</summary>
    public string Action { get; }

    /// <summary>The rule that decided, e.g. "E.1-1:(0010,0010)", "option:RetainUIDs", "user:3", "vr-default:PN".</summary>
    public string RuleId { get; }
}

/// <summary>What <see cref="Deidentifier.Apply"/> did to one file.</summary>
public sealed class DeidResult
{
    /// <summary>Every change, in dataset order.</summary>
    public List<DeidChange> Changes { get; } = new();

    /// <summary>Counts per action code.</summary>
    public Dictionary<string, int> ActionCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The SOP Instance UID after de-identification.</summary>
    public string? NewSopInstanceUid { get; set; }

    /// <summary>True when the input already carried Patient Identity Removed = YES (dates were not shifted again).</summary>
    public bool AlreadyDeidentified { get; set; }

    /// <summary>When the file must not be written: the reason (e.g. an encapsulated document that cannot be cleaned).</summary>
    public string? Refusal { get; set; }

    /// <summary>Warnings that did not stop the work (never carry original values).</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>Keyed hash (16 hex digits) of the SOP Instance UID before de-identification: joins audit records without revealing the UID.</summary>
    public string? SourceSopInstanceUidHash { get; set; }

    /// <summary>True when the profile asked for pixel cleaning (CleanPixelData / CleanRecognizableVisualFeatures): the pixel work must run.</summary>
    public bool PixelCleaningRequested { get; set; }

    /// <summary>Set by the batch pipeline's pixel step: risk, decision and what was blanked (null when it did not run).</summary>
    internal Batch.PixelWork? Pixels { get; set; }

    /// <summary>Adds a change and counts its action.</summary>
    public void Add(DeidChange change)
    {
        if (change is null) throw new ArgumentNullException(nameof(change));
        Changes.Add(change);
        ActionCounts.TryGetValue(change.Action, out var n);
        ActionCounts[change.Action] = n + 1;
    }
}
