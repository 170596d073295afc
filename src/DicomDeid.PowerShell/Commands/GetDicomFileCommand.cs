using System.Management.Automation;
using DicomDeid.Dicom.IO;

namespace DicomDeid.PowerShell.Commands;

/// <summary>Get-DicomFile: one <see cref="DicomFileInfo"/> per DICOM file, from a header-only read.</summary>
[Cmdlet(VerbsCommon.Get, "DicomFile", DefaultParameterSetName = PathSet)]
[OutputType(typeof(DicomFileInfo))]
public sealed class GetDicomFileCommand : DicomCmdletBase
{
    private static readonly DicomReadOptions HeaderOptions = new() { StopAfterTag = DicomFileInfo.HeaderEnd };
    private ProgressReporter? _progress;
    private long _count;

    /// <summary>Includes the files in subfolders of folder arguments.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Skips non-DICOM files without an error (a verbose message names each).</summary>
    [Parameter]
    public SwitchParameter SkipNonDicom { get; set; }

    /// <inheritdoc />
    protected override bool RecurseFolders => Recurse.IsPresent;

    /// <inheritdoc />
    protected override void BeginProcessing() => _progress = new ProgressReporter(this, "Reading DICOM headers");

    /// <inheritdoc />
    protected override void ProcessPath(ResolvedInputPath input)
    {
        _progress?.Report(++_count, input.FullPath);
        if (SkipNonDicom && !DicomFileReader.IsDicomFile(input.FullPath))
        {
            WriteVerbose("Skipped (not DICOM): " + input.FullPath);
            return;
        }
        var header = DicomFileReader.Read(input.FullPath, HeaderOptions);
        WriteObject(new DicomFileInfo(input.FullPath, header));
    }

    /// <inheritdoc />
    protected override void EndProcessing() => _progress?.Complete();
}
