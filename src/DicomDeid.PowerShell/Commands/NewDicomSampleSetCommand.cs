using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using DicomDeid.Engine.Samples;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a seeded set of synthetic DICOM files laden with fake identity.</para>
/// <para type="description">For rehearsing a de-identification pipeline and for benchmarks; the same seed gives byte-identical files.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "DicomSampleSet", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class NewDicomSampleSetCommand : PSCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The destination folder (created when missing).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The named size of the set: Demo (default), Bench or Large.</summary>
    [Parameter]
    public SampleSetPreset Preset { get; set; } = SampleSetPreset.Demo;

    /// <summary>The seed; the same seed and parameters give byte-identical files.</summary>
    [Parameter]
    public int Seed { get; set; } = 1;

    /// <summary>Number of patients (overrides the preset).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int PatientCount { get; set; }

    /// <summary>Studies per patient (overrides the preset).</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int StudiesPerPatient { get; set; }

    /// <summary>Series per study (overrides the preset).</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int SeriesPerStudy { get; set; }

    /// <summary>Instances per series (overrides the preset).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int InstancesPerSeries { get; set; }

    /// <summary>Modalities cycled over the studies (CT, MR, US); SR adds a report to each study.</summary>
    [Parameter]
    [ValidateSet("CT", "MR", "US", "SR", IgnoreCase = true)]
    public string[]? Modality { get; set; }

    /// <summary>Image sizes: Small or Realistic (overrides the preset).</summary>
    [Parameter]
    public SampleSizeProfile SizeProfile { get; set; }

    /// <summary>Replace files of the same names that already exist in the destination.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var options = SampleSetOptions.ForPreset(Preset);
        options.OutputPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        options.Seed = Seed;
        if (PatientCount > 0) options.PatientCount = PatientCount;
        if (StudiesPerPatient > 0) options.StudiesPerPatient = StudiesPerPatient;
        if (SeriesPerStudy > 0) options.SeriesPerStudy = SeriesPerStudy;
        if (InstancesPerSeries > 0) options.InstancesPerSeries = InstancesPerSeries;
        if (Modality is { Length: > 0 }) options.Modalities = new List<string>(Modality);
        if (MyInvocation.BoundParameters.ContainsKey(nameof(SizeProfile))) options.SizeProfile = SizeProfile;

        SyntheticDataGenerator generator;
        IReadOnlyList<GeneratedSampleFile> plan;
        try
        {
            generator = new SyntheticDataGenerator(options);
            plan = generator.Plan();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.OptionInvalid, ex, null));
            return;
        }

        var action = string.Format(CultureInfo.InvariantCulture, "Create {0} synthetic DICOM files ({1} preset, seed {2})", plan.Count, Preset, Seed);
        if (!ShouldProcess(options.OutputPath, action)) return;

        if (!Force)
        {
            foreach (var p in plan)
            {
                var full = System.IO.Path.Combine(options.OutputPath, p.RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
                if (!File.Exists(full)) continue;
                ThrowTerminatingError(DicomErrors.Create(ErrorIds.OutputExists,
                    $"'{full}' already exists.", full, "Use -Force to replace the sample files, or choose another -Path."));
            }
        }

        var progress = new ProgressRecord(0x5A3, "New-DicomSampleSet", "Writing synthetic DICOM files");
        var sw = Stopwatch.StartNew();
        var done = 0;
        try
        {
            foreach (var f in generator.Generate(_cancel.Token))
            {
                done++;
                var pso = PSObject.AsPSObject(new FileInfo(f.Path));
                pso.Properties.Add(new PSNoteProperty("SampleKind", f.Kind));
                pso.Properties.Add(new PSNoteProperty("PatientId", f.PatientId));
                pso.Properties.Add(new PSNoteProperty("SopInstanceUid", f.SopInstanceUid));
                pso.Properties.Add(new PSNoteProperty("BurnedInTextRegion", f.BurnedInTextRegion));
                WriteObject(pso);
                if (done % 10 == 0 || done == plan.Count)
                {
                    var rate = done / Math.Max(0.001, sw.Elapsed.TotalSeconds);
                    progress.PercentComplete = (int)(100L * done / plan.Count);
                    progress.StatusDescription = string.Format(CultureInfo.InvariantCulture, "{0} of {1} files, {2:0} files/s", done, plan.Count, rate);
                    progress.SecondsRemaining = (int)((plan.Count - done) / Math.Max(0.001, rate));
                    WriteProgress(progress);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            ThrowTerminatingError(DicomErrors.FromException(ex, options.OutputPath, writing: true));
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _cancel.Cancel();
}
