using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DicomDeid.Engine;
using DicomDeid.Engine.Verification;
using DicomDeid.PowerShell.Completers;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// Verifies de-identified DICOM files independently of the tool that made them: Table E.1-1 under the options used,
/// markers, private elements, dates, UIDs, identity patterns in free text, burned-in text risk; with -Reference, a
/// leak scan against the originals; and set-level checks (references, merged/split patients).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "DicomDeidentified", DefaultParameterSetName = PathSet)]
[OutputType(typeof(DeidVerificationResult), typeof(bool))]
public sealed class TestDicomDeidentifiedCommand : DeidProfileCmdletBase
{
    private readonly List<ResolvedInputPath> _inputs = new();
    private ProfileExpectations? _expectations;

    /// <summary>Include the files of subfolders of folder arguments.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>The original files (a folder whose tree mirrors the input, or one file), for the leak scan.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reference { get; set; }

    /// <summary>The -AuditLog of the de-identification run, to match each output to its original.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLog { get; set; }

    /// <summary>Return one Boolean for the whole input: true when every file passed and none failed to read.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Files verified in parallel (default: processor count).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc />
    protected override bool RecurseFolders => Recurse.IsPresent;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var (profile, compiled) = LoadProfile();
        _expectations = new ProfileExpectations(compiled, profile.Rules);
    }

    /// <inheritdoc />
    protected override void ProcessPath(ResolvedInputPath input) => _inputs.Add(input);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var key = LoadKeyFile();

        VerificationSession session;
        try
        {
            session = new VerificationSession(new DeidVerifier(_expectations!),
                Reference is null ? null : ProviderPath(Reference),
                AuditLog is null ? null : ProviderPath(AuditLog), key);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.FileNotFound, ex, Reference ?? AuditLog));
            return;
        }

        var results = new DeidVerificationResult?[_inputs.Count];
        var errors = new ConcurrentQueue<ErrorRecord>();
        var done = new BlockingCollection<int>();
        var progress = new ProgressReporter(this, "Verifying de-identified DICOM files", _inputs.Count);
        var worker = Task.Run(() =>
        {
            try
            {
                Parallel.For(0, _inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = Cancellation }, i =>
                {
                    var input = _inputs[i];
                    try
                    {
                        results[i] = session.Verify(input.FullPath, input.RelativePath);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        errors.Enqueue(DicomErrors.FromException(ex, input.FullPath));
                    }
                    done.Add(i);
                });
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: report what was verified.
            }
            finally
            {
                done.CompleteAdding();
            }
        });

        // Only this thread talks to the host: progress and errors are written here.
        var failed = false;
        foreach (var i in done.GetConsumingEnumerable())
        {
            progress.Increment(_inputs[i].FullPath);
            while (errors.TryDequeue(out var err)) { failed = true; WriteError(err); }
        }
        worker.Wait();
        while (errors.TryDequeue(out var err)) { failed = true; WriteError(err); }
        progress.Complete();

        var setFindings = session.CheckSet();
        session.Dispose();
        var allPassed = !failed;
        foreach (var r in results)
        {
            if (r is null) continue;
            var result = r;
            if (setFindings.TryGetValue(r.Path, out var extra) && extra.Count > 0)
            {
                var merged = new List<DeidFinding>(r.Findings);
                merged.AddRange(extra);
                result = new DeidVerificationResult(r.Path, merged, r.ReferencePath);
            }
            if (!result.Passed) allPassed = false;
            if (!Quiet) WriteObject(result);
        }
        if (Quiet) WriteObject(allPassed && _inputs.Count > 0);
    }
}
