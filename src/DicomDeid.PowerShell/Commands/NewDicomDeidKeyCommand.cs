using System;
using System.IO;
using System.Management.Automation;
using DicomDeid.Engine;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Creates a de-identification key file.</para>
/// <para type="description">Writes 32 random bytes as a key file (mode 0600 on Unix). The same key makes every run
/// give the same UIDs, pseudonyms and date offsets. Refuses to overwrite an existing file without -Force.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "DicomDeidKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class NewDicomDeidKeyCommand : PSCmdlet
{
    /// <summary>Where to write the key file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("LiteralPath", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Overwrites an existing key file (the old key is lost: outputs made with it can no longer be matched).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string full;
        try
        {
            full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                WriteError(DicomErrors.Create(ErrorIds.NotFileSystem, "The path '" + Path + "' is not on the file system.", Path));
                return;
            }
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or ArgumentException or NotSupportedException)
        {
            WriteError(DicomErrors.Create(ErrorIds.FileNotFound, ex, Path));
            return;
        }

        if (Directory.Exists(full))
        {
            WriteError(DicomErrors.Create(ErrorIds.DestinationInvalid, "'" + full + "' is a folder; give a file path for the key.", Path));
            return;
        }
        if (File.Exists(full) && !Force.IsPresent)
        {
            WriteError(DicomErrors.Create(ErrorIds.OutputExists,
                "The key file '" + full + "' exists. Overwriting it loses the old key (outputs made with it can no longer be matched); use -Force to do so anyway.",
                Path, "Choose another path, or add -Force."));
            return;
        }
        if (!ShouldProcess(full, File.Exists(full) ? "Overwrite the de-identification key file" : "Create a de-identification key file")) return;

        var key = DeidKey.Generate();
        try
        {
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            key.Save(full, overwrite: Force.IsPresent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(DicomErrors.FromException(ex, full, writing: true));
            return;
        }
        var result = PSObject.AsPSObject(new FileInfo(full));
        result.Properties.Add(new PSNoteProperty("Fingerprint", key.Fingerprint));
        WriteObject(result);
    }
}
