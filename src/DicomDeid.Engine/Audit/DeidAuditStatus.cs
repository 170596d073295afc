namespace DicomDeid.Engine.Audit;

/// <summary>The outcome of one file in a de-identification run.</summary>
public enum DeidAuditStatus
{
    /// <summary>De-identified and written.</summary>
    Success,

    /// <summary>Not processed: not a DICOM file, an existing output without -Force, or a duplicate destination.</summary>
    Skipped,

    /// <summary>Reading, de-identifying or writing failed; nothing was written under the final name.</summary>
    Failed,

    /// <summary>The engine refused the file (e.g. content it cannot clean); nothing was written.</summary>
    Refused,

    /// <summary>The input already carried Patient Identity Removed = YES; written without shifting dates twice.</summary>
    AlreadyDeidentified,

    /// <summary>Held back for a person to look at (pixel risk no rule covers); not written to the destination.</summary>
    Quarantined,
}
