using System;
using System.IO;
using System.Management.Automation;
using DicomDeid.Dicom;

namespace DicomDeid.PowerShell;

/// <summary>Builds <see cref="ErrorRecord"/>s with the stable ids of <see cref="ErrorIds"/>.</summary>
public static class DicomErrors
{
    /// <summary>An error record with <paramref name="errorId"/>, its documented category and <paramref name="target"/> (usually the path).</summary>
    public static ErrorRecord Create(string errorId, Exception exception, object? target)
    {
        if (exception is null) throw new ArgumentNullException(nameof(exception));
        return new ErrorRecord(exception, errorId, ErrorIds.CategoryOf(errorId), target);
    }

    /// <summary>An error record for a message without an underlying exception.</summary>
    public static ErrorRecord Create(string errorId, string message, object? target) =>
        Create(errorId, ExceptionFor(errorId, message), target);

    /// <summary>An error record with a recommended action shown by PowerShell under the message.</summary>
    public static ErrorRecord Create(string errorId, string message, object? target, string recommendedAction)
    {
        var r = Create(errorId, message, target);
        r.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        return r;
    }

    /// <summary>
    /// Maps an exception from reading or processing <paramref name="path"/> to an error record: a non-DICOM file
    /// to NotDicom, a malformed one to InvalidDicom (the message names file, byte offset and tag path), missing
    /// files, access and I/O problems to their ids; anything else to Unexpected.
    /// </summary>
    public static ErrorRecord FromException(Exception exception, string? path, bool writing = false)
    {
        if (exception is null) throw new ArgumentNullException(nameof(exception));
        var id = IdFor(exception, writing);
        var record = Create(id, exception, path);
        if (id == ErrorIds.NotDicom)
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = "Remove the file from the input, or filter the input with Get-DicomFile." };
        return record;
    }

    /// <summary>The error id <see cref="FromException"/> uses for <paramref name="exception"/>.</summary>
    public static string IdFor(Exception exception, bool writing = false) => exception switch
    {
        DicomNotDicomException => ErrorIds.NotDicom,
        DicomFormatException => ErrorIds.InvalidDicom,
        FileNotFoundException or DirectoryNotFoundException or ItemNotFoundException => ErrorIds.FileNotFound,
        UnauthorizedAccessException => ErrorIds.AccessDenied,
        OperationCanceledException or PipelineStoppedException => ErrorIds.Cancelled,
        IOException => writing ? ErrorIds.WriteFailed : ErrorIds.ReadFailed,
        _ => ErrorIds.Unexpected,
    };

    private static Exception ExceptionFor(string errorId, string message) => errorId switch
    {
        ErrorIds.FileNotFound or ErrorIds.ProfileNotFound or ErrorIds.KeyFileNotFound => new ItemNotFoundException(message),
        ErrorIds.NotDicom => new DicomNotDicomException(message),
        ErrorIds.InvalidDicom => new DicomFormatException(message),
        ErrorIds.ReadFailed or ErrorIds.WriteFailed or ErrorIds.OutputExists => new IOException(message),
        ErrorIds.AccessDenied => new UnauthorizedAccessException(message),
        ErrorIds.TagInvalid or ErrorIds.OptionInvalid or ErrorIds.DestinationInvalid or ErrorIds.NotFileSystem => new ArgumentException(message),
        ErrorIds.Cancelled => new OperationCanceledException(message),
        _ => new InvalidOperationException(message),
    };
}
