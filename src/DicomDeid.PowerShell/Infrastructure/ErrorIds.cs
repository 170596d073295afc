using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace DicomDeid.PowerShell;

/// <summary>
/// Stable error ids of the module. They are API: scripts match <c>$err.FullyQualifiedErrorId -like 'DicomDeid.NotDicom,*'</c>,
/// so never rename one; add new ones with their category in <see cref="CategoryOf"/>.
/// </summary>
public static class ErrorIds
{
    /// <summary>A path does not exist (or a wildcard matched nothing). Category ObjectNotFound.</summary>
    public const string FileNotFound = "DicomDeid.FileNotFound";
    /// <summary>A path is not on the FileSystem provider. Category InvalidArgument.</summary>
    public const string NotFileSystem = "DicomDeid.NotFileSystem";
    /// <summary>The file is not DICOM at all. Category InvalidData.</summary>
    public const string NotDicom = "DicomDeid.NotDicom";
    /// <summary>The file is DICOM but malformed (message names file, offset and tag path). Category InvalidData.</summary>
    public const string InvalidDicom = "DicomDeid.InvalidDicom";
    /// <summary>Reading failed for an I/O reason. Category ReadError.</summary>
    public const string ReadFailed = "DicomDeid.ReadFailed";
    /// <summary>Writing an output failed. Category WriteError.</summary>
    public const string WriteFailed = "DicomDeid.WriteFailed";
    /// <summary>Access to a file or folder was denied. Category PermissionDenied.</summary>
    public const string AccessDenied = "DicomDeid.AccessDenied";
    /// <summary>An output exists and -Force was not given. Category ResourceExists.</summary>
    public const string OutputExists = "DicomDeid.OutputExists";
    /// <summary>The destination is unusable (inside the source tree, not a folder, not writable). Category InvalidArgument.</summary>
    public const string DestinationInvalid = "DicomDeid.DestinationInvalid";
    /// <summary>A profile document is invalid (message names line and problem). Category InvalidData.</summary>
    public const string ProfileInvalid = "DicomDeid.ProfileInvalid";
    /// <summary>A profile name or file was not found. Category ObjectNotFound.</summary>
    public const string ProfileNotFound = "DicomDeid.ProfileNotFound";
    /// <summary>An option name is unknown or not available yet. Category InvalidArgument.</summary>
    public const string OptionInvalid = "DicomDeid.OptionInvalid";
    /// <summary>A key file was not found. Category ObjectNotFound.</summary>
    public const string KeyFileNotFound = "DicomDeid.KeyFileNotFound";
    /// <summary>A key or key file is invalid. Category InvalidData.</summary>
    public const string KeyInvalid = "DicomDeid.KeyInvalid";
    /// <summary>A tag, keyword or tag path argument cannot be parsed. Category InvalidArgument.</summary>
    public const string TagInvalid = "DicomDeid.TagInvalid";
    /// <summary>The input is already de-identified (Patient Identity Removed = YES). Category InvalidOperation.</summary>
    public const string AlreadyDeidentified = "DicomDeid.AlreadyDeidentified";
    /// <summary>The engine refused to write a file (reason in the message). Category InvalidData.</summary>
    public const string Refused = "DicomDeid.Refused";
    /// <summary>A file was held back in quarantine (reason in the message). Category SecurityError.</summary>
    public const string Quarantined = "DicomDeid.Quarantined";
    /// <summary>A lookup table (CSV) is invalid. Category InvalidData.</summary>
    public const string LookupTableInvalid = "DicomDeid.LookupTableInvalid";
    /// <summary>Verification found identity in a file. Category SecurityError.</summary>
    public const string VerificationFailed = "DicomDeid.VerificationFailed";
    /// <summary>The operation was cancelled (Ctrl+C). Category OperationStopped.</summary>
    public const string Cancelled = "DicomDeid.Cancelled";
    /// <summary>Two inputs would be written to the same destination file. Category ResourceExists.</summary>
    public const string DuplicateDestination = "DicomDeid.DuplicateDestination";
    /// <summary>The engine failed on a file for a reason other than its format. Category NotSpecified.</summary>
    public const string DeidentificationFailed = "DicomDeid.DeidentificationFailed";
    /// <summary>The audit log could not be written. Category WriteError.</summary>
    public const string AuditLogFailed = "DicomDeid.AuditLogFailed";
    /// <summary>Any other failure; a bug report is welcome. Category NotSpecified.</summary>
    public const string Unexpected = "DicomDeid.Unexpected";

    private static readonly Dictionary<string, ErrorCategory> Categories = new(StringComparer.Ordinal)
    {
        [FileNotFound] = ErrorCategory.ObjectNotFound,
        [NotFileSystem] = ErrorCategory.InvalidArgument,
        [NotDicom] = ErrorCategory.InvalidData,
        [InvalidDicom] = ErrorCategory.InvalidData,
        [ReadFailed] = ErrorCategory.ReadError,
        [WriteFailed] = ErrorCategory.WriteError,
        [AccessDenied] = ErrorCategory.PermissionDenied,
        [OutputExists] = ErrorCategory.ResourceExists,
        [DestinationInvalid] = ErrorCategory.InvalidArgument,
        [ProfileInvalid] = ErrorCategory.InvalidData,
        [ProfileNotFound] = ErrorCategory.ObjectNotFound,
        [OptionInvalid] = ErrorCategory.InvalidArgument,
        [KeyFileNotFound] = ErrorCategory.ObjectNotFound,
        [KeyInvalid] = ErrorCategory.InvalidData,
        [TagInvalid] = ErrorCategory.InvalidArgument,
        [AlreadyDeidentified] = ErrorCategory.InvalidOperation,
        [Refused] = ErrorCategory.InvalidData,
        [Quarantined] = ErrorCategory.SecurityError,
        [LookupTableInvalid] = ErrorCategory.InvalidData,
        [VerificationFailed] = ErrorCategory.SecurityError,
        [Cancelled] = ErrorCategory.OperationStopped,
        [DuplicateDestination] = ErrorCategory.ResourceExists,
        [DeidentificationFailed] = ErrorCategory.NotSpecified,
        [AuditLogFailed] = ErrorCategory.WriteError,
        [Unexpected] = ErrorCategory.NotSpecified,
    };

    /// <summary>The documented category of an error id (NotSpecified for an unknown id).</summary>
    public static ErrorCategory CategoryOf(string errorId) =>
        errorId is not null && Categories.TryGetValue(errorId, out var c) ? c : ErrorCategory.NotSpecified;

    /// <summary>Every error id with its category (for documentation and tests).</summary>
    public static IReadOnlyDictionary<string, ErrorCategory> All => Categories;
}
