using System;
using System.IO;
using System.Management.Automation;
using DicomDeid.Engine;
using DicomDeid.PowerShell.Completers;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the built-in de-identification profiles, or shows a profile and its effective rules.</para>
/// <para type="description">Without arguments: every built-in profile. With -Name or -Path: that profile; with
/// -Effective: the rules in force once -Option is applied. A broken profile file is a terminating error that names
/// the line and the problem.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "DicomDeidProfile", DefaultParameterSetName = NameSet)]
[OutputType(typeof(DeidProfile), typeof(CompiledProfile), typeof(DeidDecision))]
public sealed class GetDicomDeidProfileCommand : PSCmdlet
{
    private const string NameSet = "Name";
    private const string PathSet = "Path";

    /// <summary>Built-in profile names (wildcards allowed).</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(DeidProfileNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>A profile file.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LiteralPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Options to apply before showing effective rules.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeidOptionNameCompleter))]
    [ValidateNotNull]
    public string[] Option { get; set; } = Array.Empty<string>();

    /// <summary>Outputs the effective rules (after options) instead of the profile.</summary>
    [Parameter]
    public SwitchParameter Effective { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        DeidArguments.ValidateOptions(this, Option);

        if (ParameterSetName == PathSet)
        {
            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!);
            if (!File.Exists(full))
                ThrowTerminatingError(DicomErrors.Create(ErrorIds.ProfileNotFound, "The profile file '" + full + "' does not exist.", Path));
            Emit(Load(full, Path!));
            return;
        }

        var names = Name ?? new[] { "*" };
        foreach (var n in names)
        {
            var pattern = new WildcardPattern(n, WildcardOptions.IgnoreCase);
            var found = false;
            foreach (var builtIn in DeidProfiles.BuiltInNames)
            {
                if (!pattern.IsMatch(builtIn)) continue;
                found = true;
                Emit(Load(builtIn, builtIn));
            }
            if (!found && !WildcardPattern.ContainsWildcardCharacters(n))
                WriteError(DicomErrors.Create(ErrorIds.ProfileNotFound, "'" + n + "' is not a built-in profile (" + string.Join(", ", DeidProfiles.BuiltInNames) + "). Use -Path for a profile file.", n));
        }
    }

    private DeidProfile Load(string nameOrPath, string shown)
    {
        try
        {
            return DeidProfiles.Resolve(nameOrPath);
        }
        catch (DeidProfileException ex)
        {
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.ProfileInvalid, ex, shown));
            throw; // not reached
        }
    }

    private void Emit(DeidProfile profile)
    {
        if (!Effective.IsPresent && Option.Length == 0)
        {
            WriteObject(profile);
            return;
        }
        CompiledProfile compiled;
        try
        {
            compiled = profile.Compile(Option);
        }
        catch (DeidProfileException ex)
        {
            ThrowTerminatingError(DicomErrors.Create(ex.Line > 0 ? ErrorIds.ProfileInvalid : ErrorIds.OptionInvalid, ex, profile.Name));
            return;
        }
        if (Effective.IsPresent) WriteObject(compiled.EffectiveRules, enumerateCollection: true);
        else WriteObject(compiled);
    }
}
