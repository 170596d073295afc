using System;
using System.IO;
using System.Management.Automation;
using DicomDeid.Engine;
using DicomDeid.PowerShell.Completers;

namespace DicomDeid.PowerShell;

/// <summary>
/// Resolution of the -Profile, -Option and -KeyFile arguments shared by the cmdlets that de-identify and the ones that
/// verify, so both read a profile, its options and a key the same way and fail with the same error ids.
/// </summary>
internal static class DeidArguments
{
    /// <summary>True when <paramref name="name"/> names a built-in profile (case-insensitive).</summary>
    public static bool IsBuiltIn(string name)
    {
        foreach (var n in DeidProfiles.BuiltInNames)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Reads and compiles the profile; a bad option, a missing file or an invalid document is a terminating error.</summary>
    public static (DeidProfile Profile, CompiledProfile Compiled) LoadProfile(PSCmdlet cmdlet, string profile, string[] options)
    {
        ValidateOptions(cmdlet, options);
        var nameOrPath = IsBuiltIn(profile) ? profile : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(profile);
        if (!IsBuiltIn(profile) && !File.Exists(nameOrPath))
        {
            cmdlet.ThrowTerminatingError(DicomErrors.Create(ErrorIds.ProfileNotFound,
                "'" + profile + "' is neither a built-in profile (" + string.Join(", ", DeidProfiles.BuiltInNames) + ") nor a profile file.", profile));
        }
        try
        {
            var p = DeidProfiles.Resolve(nameOrPath);
            return (p, p.Compile(options));
        }
        catch (DeidProfileException ex)
        {
            var id = ex.Line > 0 || File.Exists(nameOrPath) ? ErrorIds.ProfileInvalid : ErrorIds.OptionInvalid;
            cmdlet.ThrowTerminatingError(DicomErrors.Create(id, ex, profile));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>Stops with DicomDeid.OptionInvalid, naming the valid options, when an option name is unknown.</summary>
    public static void ValidateOptions(PSCmdlet cmdlet, string[] options)
    {
        foreach (var o in options)
        {
            if (DeidOptions.Normalize(o) is null)
                cmdlet.ThrowTerminatingError(DicomErrors.Create(ErrorIds.OptionInvalid,
                    "'" + o + "' is not a de-identification option. Valid options: " + string.Join(", ", DeidOptions.All) + ".", o));
        }
    }

    /// <summary>Loads a key file; a missing or invalid file is a terminating error.</summary>
    public static DeidKey LoadKeyFile(PSCmdlet cmdlet, string keyFile)
    {
        var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(keyFile);
        if (!File.Exists(path))
        {
            cmdlet.ThrowTerminatingError(DicomErrors.Create(ErrorIds.KeyFileNotFound, "The key file '" + path + "' does not exist.", keyFile,
                "Create one with New-DicomDeidKey -Path '" + keyFile + "', or give the key file of earlier runs."));
        }
        try
        {
            return DeidKey.Load(path);
        }
        catch (DeidKeyException ex)
        {
            cmdlet.ThrowTerminatingError(DicomErrors.Create(ErrorIds.KeyInvalid, ex, keyFile));
            throw; // not reached
        }
    }
}

/// <summary>Base of the file cmdlets that take a de-identification profile, options and a key file.</summary>
public abstract class DeidProfileCmdletBase : DicomCmdletBase
{
    /// <summary>A built-in profile name or a profile file.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeidProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Profile { get; set; } = DeidProfiles.Basic;

    /// <summary>PS3.15 options (on top of the profile's own).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeidOptionNameCompleter))]
    [ValidateNotNull]
    public string[] Option { get; set; } = Array.Empty<string>();

    /// <summary>A key file from New-DicomDeidKey.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyFile { get; set; }

    /// <summary>Reads and compiles -Profile with -Option (terminating error when either is bad).</summary>
    protected (DeidProfile Profile, CompiledProfile Compiled) LoadProfile() => DeidArguments.LoadProfile(this, Profile, Option);

    /// <summary>Loads -KeyFile, or returns null when it was not given (terminating error when it is bad).</summary>
    protected DeidKey? LoadKeyFile() => KeyFile is null ? null : DeidArguments.LoadKeyFile(this, KeyFile);

    /// <summary>The file-system path for a PowerShell path (relative to the current location).</summary>
    protected string ProviderPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
