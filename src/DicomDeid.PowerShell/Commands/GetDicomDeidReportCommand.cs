using System;
using System.Collections.Generic;
using System.Management.Automation;
using DicomDeid.Engine;
using DicomDeid.Engine.Verification;
using DicomDeid.PowerShell.Completers;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// Summarises verification results: files passed and failed, findings by HIPAA Safe Harbor category and by check,
/// and for the profile in use a table of the 18 Safe Harbor identifiers showing which rule covers each and which
/// remain for human review.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DicomDeidReport")]
[OutputType(typeof(DeidReport))]
public sealed class GetDicomDeidReportCommand : PSCmdlet
{
    private readonly List<DeidVerificationResult> _results = new();

    /// <summary>Results of Test-DicomDeidentified (pipe them in).</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public DeidVerificationResult[] InputObject { get; set; } = Array.Empty<DeidVerificationResult>();

    /// <summary>The profile the files were de-identified with (built-in name or profile file).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeidProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Profile { get; set; } = DeidProfiles.Basic;

    /// <summary>The options that were used, in addition to the profile's own.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DeidOptionNameCompleter))]
    public string[] Option { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var r in InputObject) if (r is not null) _results.Add(r);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var (profile, compiled) = DeidArguments.LoadProfile(this, Profile, Option);
        var expectations = new ProfileExpectations(compiled, profile.Rules);
        WriteObject(DeidReport.Build(_results, expectations));
    }
}
