namespace DicomDeid.Engine.Batch;

/// <summary>
/// Stable error ids of a de-identification run (they appear in audit records, in ErrorRecord.FullyQualifiedErrorId
/// and in scripts that filter on them): never rename one.
/// </summary>
public static class DeidErrorIds
{
    /// <summary>The input is not a DICOM file (skipped with a warning).</summary>
    public const string NotDicom = "DicomDeid.NotDicom";

    /// <summary>The input claims to be DICOM but cannot be parsed (the codec names offset and tag path).</summary>
    public const string InvalidDicom = "DicomDeid.InvalidDicom";

    /// <summary>The input could not be opened or read (missing, locked, access denied).</summary>
    public const string ReadFailed = "DicomDeid.ReadFailed";

    /// <summary>The engine failed on the file.</summary>
    public const string DeidentificationFailed = "DicomDeid.DeidentificationFailed";

    /// <summary>The engine refused the file (content it cannot clean); nothing written.</summary>
    public const string Refused = "DicomDeid.Refused";

    /// <summary>The output could not be written (folder not creatable, access denied, disk full, ...).</summary>
    public const string WriteFailed = "DicomDeid.WriteFailed";

    /// <summary>The output could not be written because access was denied.</summary>
    public const string AccessDenied = "DicomDeid.AccessDenied";

    /// <summary>The output exists and -Force was not given (skipped).</summary>
    public const string OutputExists = "DicomDeid.OutputExists";

    /// <summary>Two inputs map to the same output in one run (the second is skipped).</summary>
    public const string DuplicateDestination = "DicomDeid.DuplicateDestination";

    /// <summary>
    /// The destination is unusable: none given (and no in-place switch), both given, inside an input folder
    /// (terminating), or, for one file, the output would replace its input or leave the destination folder.
    /// </summary>
    public const string DestinationInvalid = "DicomDeid.DestinationInvalid";

    /// <summary>The audit log cannot be opened or written (terminating).</summary>
    public const string AuditLogFailed = "DicomDeid.AuditLogFailed";

    /// <summary>The file was held back for review (pixel risk no rule covers).</summary>
    public const string Quarantined = "DicomDeid.Quarantined";

    /// <summary>The run was stopped before the file was finished.</summary>
    public const string Cancelled = "DicomDeid.Cancelled";
}
