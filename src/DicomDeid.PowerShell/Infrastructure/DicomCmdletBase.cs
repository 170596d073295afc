using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;

namespace DicomDeid.PowerShell;

/// <summary>
/// Base of the cmdlets that take files: -Path (position 0, wildcards, pipeline strings) and -LiteralPath
/// (aliases PSPath, LP, FullName: binds FileInfo from Get-ChildItem and DicomFileInfo from Get-DicomFile by
/// property name), one shared resolver, per-file non-terminating errors with stable ids, and cancellation on Ctrl+C.
/// </summary>
/// <remarks>
/// Derived cmdlets implement <see cref="ProcessPath"/> (called once per file on the pipeline thread). Cmdlets that work
/// in batches override <see cref="ProcessRecord"/> and collect <see cref="ResolveInputPaths"/> instead. A cmdlet
/// with its own folder-recursion switch overrides <see cref="RecurseFolders"/>.
/// </remarks>
public abstract class DicomCmdletBase : PSCmdlet
{
    /// <summary>Name of the -Path parameter set.</summary>
    protected const string PathSet = "Path";

    /// <summary>Name of the -LiteralPath parameter set.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    private readonly CancellationTokenSource _stop = new();

    /// <summary>Files or folders; wildcards allowed. Strings piped in bind here.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Files or folders taken exactly as written (no wildcards). Objects with a PSPath or FullName bind here.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>True when folder arguments include their subfolders. Cmdlets with a -Recurse switch override this.</summary>
    protected virtual bool RecurseFolders => false;

    /// <summary>Signalled when the user stops the pipeline (Ctrl+C).</summary>
    protected CancellationToken Cancellation => _stop.Token;

    /// <summary>True when the current call used -LiteralPath.</summary>
    protected bool IsLiteral => string.Equals(ParameterSetName, LiteralPathSet, StringComparison.Ordinal);

    /// <summary>The files named by the current record's -Path/-LiteralPath; bad arguments are reported as non-terminating errors.</summary>
    protected IEnumerable<ResolvedInputPath> ResolveInputPaths() =>
        DicomPathResolver.Resolve(this, IsLiteral ? LiteralPath : Path, IsLiteral, RecurseFolders, WriteError, Cancellation);

    /// <summary>Handles one file. Exceptions become non-terminating errors for that file (see <see cref="DicomErrors.FromException"/>).</summary>
    protected abstract void ProcessPath(ResolvedInputPath input);

    /// <summary>Calls <see cref="ProcessPath"/> for every resolved file; one file's failure does not stop the others.</summary>
    protected override void ProcessRecord()
    {
        foreach (var input in ResolveInputPaths())
        {
            if (Cancellation.IsCancellationRequested) break;
            try
            {
                ProcessPath(input);
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
            {
                WriteError(DicomErrors.FromException(ex, input.FullPath));
            }
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing()
    {
        _stop.Cancel();
        base.StopProcessing();
    }
}
