using System.Management.Automation;

namespace DicomDeid.PowerShell.Commands;

/// <summary>Placeholder until the cmdlet work lands.</summary>
[Cmdlet(VerbsCommon.Get, "DicomFile")]
[OutputType(typeof(string))]
public sealed class GetDicomFileCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() => WriteObject(DicomDeid.Dicom.DicomDictionary.Edition);
}
