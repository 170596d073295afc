using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using DicomDeid.Engine;
using DicomDeid.Engine.Audit;
using DicomDeid.Engine.Batch;
using DicomDeid.PowerShell.Completers;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">De-identifies DICOM files to PS3.15 Annex E and writes one audit record per file.</para>
/// <para type="description">Thin over <see cref="DeidBatchRunner"/>: binds parameters, resolves paths, loads the
/// profile and key, then drains the runner's records on the pipeline thread (WriteObject, WriteError, WriteProgress).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DicomDeidentification", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DeidAuditRecord))]
public sealed class InvokeDicomDeidentificationCommand : DeidProfileCmdletBase
{
    private readonly List<DeidBatchItem> _items = new();
    private CrosswalkCollector? _crosswalk;
    private string? _crosswalkPath;
    private string? _namedArgument;
    private string? _namedFullPath;

    /// <summary>Output root; each input keeps its folder tree relative to its input root.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Rewrites the inputs themselves (explicit opt-in; each original is replaced atomically).</summary>
    [Parameter]
    public SwitchParameter InPlace { get; set; }

    /// <summary>Includes files in subfolders of folder inputs.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>A passphrase the key is derived from.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Key { get; set; }

    /// <summary>CSV of original → replacement values for PatientID/PatientName/AccessionNumber.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PseudonymTable { get; set; }

    /// <summary>Writes a crosswalk (original → pseudonym) CSV for lawful re-identification.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CrosswalkPath { get; set; }

    /// <summary>JSON-lines audit log to append to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLog { get; set; }

    /// <summary>Overwrites existing outputs (never the inputs).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>A pixel region rule file (DicomDeid.PixelRules/1) used with CleanPixelData on top of the starter library.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PixelRules { get; set; }

    /// <summary>Folder for quarantined files (de-identified header, untouched pixels), same relative tree; none: not written.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? QuarantinePath { get; set; }

    /// <summary>With CleanPixelData: also blank the text lines the text-region detector finds.</summary>
    [Parameter]
    public SwitchParameter DetectText { get; set; }

    /// <summary>Number of files worked on at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc />
    protected override bool RecurseFolders => Recurse.IsPresent;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (InPlace.IsPresent == (Destination is not null))
        {
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.DestinationInvalid,
                InPlace.IsPresent ? "Give either -Destination or -InPlace, not both." : "Give -Destination (a folder for the outputs), or -InPlace to rewrite the originals.",
                Destination, "Add -Destination <folder>; use -InPlace only when the originals may be replaced."));
        }
        if (KeyFile is not null && Key is not null)
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.KeyInvalid, "Give either -KeyFile or -Key, not both.", null));
    }

    /// <summary>Collects the file; the work starts in EndProcessing, when the whole input is known (for progress and the source-tree check).</summary>
    protected override void ProcessPath(ResolvedInputPath input)
    {
        if (input is null || AtomicTemp(input.FullPath)) return;
        _items.Add(new DeidBatchItem(input.FullPath, input.RelativePath, FromFolder(input)));
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var compiled = LoadProfile().Compiled;
        var (key, ephemeral) = LoadKey();
        var settings = new DeidBatchSettings
        {
            DestinationRoot = Destination is null ? null : ProviderPath(Destination),
            InPlace = InPlace.IsPresent,
            Force = Force.IsPresent,
            ThrottleLimit = ThrottleLimit,
            KeyFingerprint = key.Fingerprint,
            EphemeralKey = ephemeral,
            Profile = compiled,
            ModuleVersion = typeof(InvokeDicomDeidentificationCommand).Assembly.GetName().Version?.ToString(),
            QuarantineRoot = QuarantinePath is null ? null : ProviderPath(QuarantinePath),
            PixelRules = LoadPixelRules(),
            DetectText = DetectText.IsPresent,
        };
        var cleanPixels = false;
        foreach (var o in compiled.Options) cleanPixels |= string.Equals(o, DeidOptions.CleanPixelData, StringComparison.Ordinal);
        if (!cleanPixels && (PixelRules is not null || DetectText.IsPresent))
            WriteWarning("-PixelRules and -DetectText take effect only with -Option CleanPixelData; they are ignored in this run.");
        if (AuditLog is not null)
        {
            var log = ProviderPath(AuditLog);
            // Under -WhatIf nothing is written, the audit log included.
            if (ShouldProcess(log, "Append audit records")) settings.AuditLogPath = log;
        }
        var deidSettings = BuildDeidentifierSettings();

        if (_items.Count == 0) return;
        var runner = new DeidBatchRunner(settings, compiled, key, deidSettings);
        var host = new CmdletDeidHost(this, Cancellation);
        var progress = new ProgressReporter(this, "De-identifying DICOM files", _items.Count);
        host.Progress = progress;
        IEnumerable<DeidAuditRecord> records;
        try
        {
            records = runner.Run(_items, host);
        }
        catch (DeidBatchException ex)
        {
            ThrowTerminatingError(DicomErrors.Create(ex.ErrorId, ex, ex.Target));
            return;
        }

        try
        {
            foreach (var r in records)
            {
                WriteObject(r);
                if (r.Status is DeidAuditStatus.Failed or DeidAuditStatus.Refused or DeidAuditStatus.Quarantined)
                    WriteError(DicomErrors.Create(r.ErrorId ?? ErrorIds.Unexpected, r.Error ?? r.Status.ToString(), r.Source));
            }
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            progress.Complete();
            WriteCrosswalk();
        }
    }

    private DicomDeid.Engine.Pixels.PixelRuleSet? LoadPixelRules()
    {
        if (PixelRules is null) return null;
        var path = ProviderPath(PixelRules);
        if (!File.Exists(path))
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.FileNotFound, "The pixel rule file '" + path + "' does not exist.", PixelRules));
        try
        {
            return DicomDeid.Engine.Pixels.PixelRuleSet.Load(path);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.ProfileInvalid, "The pixel rule file '" + path + "' is not valid: " + ex.Message, PixelRules));
            throw; // not reached
        }
    }

    private (DeidKey Key, bool Ephemeral) LoadKey()
    {
        var fromFile = LoadKeyFile();
        if (fromFile is not null) return (fromFile, false);
        if (Key is not null)
        {
            if (Key.Length == 0) ThrowTerminatingError(DicomErrors.Create(ErrorIds.KeyInvalid, "The -Key passphrase is empty.", null));
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(Key);
                return (DeidKey.FromPassphrase(Marshal.PtrToStringUni(ptr) ?? string.Empty), false);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
        var key = DeidKey.Generate();
        WriteWarning("No -KeyFile or -Key: a random key (fingerprint " + key.Fingerprint + ") was made for this run only. " +
                     "UIDs and pseudonyms will not agree with any other run. Create a key with New-DicomDeidKey and pass -KeyFile to get the same results every time.");
        return (key, true);
    }

    private DeidentifierSettings BuildDeidentifierSettings()
    {
        var s = new DeidentifierSettings();
        if (PseudonymTable is not null)
        {
            var path = ProviderPath(PseudonymTable);
            if (!File.Exists(path))
                ThrowTerminatingError(DicomErrors.Create(ErrorIds.FileNotFound, "The pseudonym table '" + path + "' does not exist.", PseudonymTable));
            try
            {
                s.PseudonymTable = DicomDeid.Engine.PseudonymTable.LoadCsv(path);
            }
            catch (Exception ex) when (ex is DeidProfileException or IOException or UnauthorizedAccessException or FormatException)
            {
                ThrowTerminatingError(DicomErrors.Create(ErrorIds.LookupTableInvalid, ex, PseudonymTable));
            }
        }
        if (CrosswalkPath is not null)
        {
            var path = ProviderPath(CrosswalkPath);
            if (ShouldProcess(path, "Write the re-identification crosswalk (holds original identifiers)"))
            {
                _crosswalkPath = path;
                _crosswalk = new CrosswalkCollector();
                s.Crosswalk = _crosswalk;
            }
        }
        return s;
    }

    private void WriteCrosswalk()
    {
        if (_crosswalk is null || _crosswalkPath is null) return;
        try
        {
            var folder = System.IO.Path.GetDirectoryName(_crosswalkPath);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            _crosswalk.WriteCsv(_crosswalkPath);
            WriteVerbose("Wrote " + _crosswalk.Count + " crosswalk row(s) to " + _crosswalkPath + ".");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(DicomErrors.FromException(ex, _crosswalkPath, writing: true));
        }
    }


    private static bool AtomicTemp(string path) => path.EndsWith(".dicomdeid-tmp", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // The argument's provider path is cached for one record only (the location cannot change within it).
        _namedArgument = null;
        base.ProcessRecord();
    }

    // A file named directly is not "source tree" for the destination check; a folder argument (or a wildcard) is.
    // Resolving the argument costs ~40 µs; a folder argument yields thousands of files, so it is resolved once.
    private bool FromFolder(ResolvedInputPath input)
    {
        string? named;
        if (_namedArgument is not null && string.Equals(_namedArgument, input.Argument, StringComparison.Ordinal))
        {
            named = _namedFullPath;
        }
        else
        {
            try { named = ProviderPath(input.Argument); }
            catch (Exception ex) when (ex is ItemNotFoundException or ArgumentException or NotSupportedException) { named = null; }
            _namedArgument = input.Argument;
            _namedFullPath = named;
        }
        if (named is null) return true;
        var cmp = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return !string.Equals(System.IO.Path.GetFullPath(named), input.FullPath, cmp);
    }

    /// <summary>The runner's host: every call arrives on the pipeline thread (the runner guarantees it).</summary>
    private sealed class CmdletDeidHost : IDeidHost
    {
        private readonly PowerShellEngineHost _host;

        public CmdletDeidHost(InvokeDicomDeidentificationCommand cmdlet, CancellationToken token)
        {
            _host = new PowerShellEngineHost(cmdlet, token);
        }

        public ProgressReporter? Progress { get; set; }

        public CancellationToken CancellationToken => _host.Cancellation;

        public bool ShouldProcess(string target, string action) => _host.ShouldProcess(target, action);

        public void WriteWarning(string message) => _host.Warning(message);

        public void WriteVerbose(string message) => _host.Verbose(message);

        public void WriteProgress(DeidBatchProgress progress)
        {
            if (Progress is null) return;
            Progress.Total = progress.Total;
            Progress.Report(progress.Completed, progress.CurrentFile);
        }
    }
}
