namespace DicomDeid.Engine.Verification;

/// <summary>How serious a verification finding is.</summary>
public enum FindingSeverity
{
    /// <summary>Worth a look; does not fail a file.</summary>
    Info = 0,
    /// <summary>Likely identity; fails a file.</summary>
    Warning = 1,
    /// <summary>Identity or a profile violation; fails a file.</summary>
    Error = 2,
}

/// <summary>
/// One verification finding. Never carries a full identifying value: <see cref="MaskedExcerpt"/> is masked.
/// Property names are stable (they become CSV/JSON columns).
/// </summary>
public sealed class DeidFinding
{
    /// <summary>Creates a finding.</summary>
    public DeidFinding(string check, string tagPath, string keyword, HipaaIdentifier category, FindingSeverity severity, string maskedExcerpt, string message)
    {
        Check = check;
        TagPath = tagPath;
        Keyword = keyword;
        HipaaCategory = category;
        Severity = severity;
        MaskedExcerpt = maskedExcerpt;
        Message = message;
    }

    /// <summary>The check or rule violated, e.g. "profile:X", "text-pattern:Email", "leak:PatientName", "private-not-allowed".</summary>
    public string Check { get; }

    /// <summary>Tag path of the element concerned (hexadecimal form), or empty for file-level findings.</summary>
    public string TagPath { get; }

    /// <summary>Keyword of the element, when known.</summary>
    public string Keyword { get; }

    /// <summary>Safe Harbor category (1-18), or None for DICOM-specific checks.</summary>
    public HipaaIdentifier HipaaCategory { get; }

    /// <summary>The Safe Harbor category as a number 0-18 (0 = DICOM-specific).</summary>
    public int HipaaCategoryNumber => (int)HipaaCategory;

    /// <summary>Severity.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>A masked excerpt of the offending value (never the full value).</summary>
    public string MaskedExcerpt { get; }

    /// <summary>What is wrong, in plain words, without the value.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Check + " " + TagPath + " " + MaskedExcerpt;
}
