using System.Threading;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// What a de-identification run needs from whoever drives it (a cmdlet, a test, another program). Every member is
/// called on the thread that enumerates <see cref="DeidBatchRunner.Run"/>, never on a worker thread, so a cmdlet
/// can pass its own ShouldProcess/WriteWarning/WriteVerbose/WriteProgress straight through.
/// </summary>
public interface IDeidHost
{
    /// <summary>Asks whether <paramref name="action"/> may be done to <paramref name="target"/> (-WhatIf/-Confirm).</summary>
    bool ShouldProcess(string target, string action);

    /// <summary>A problem that did not stop the work.</summary>
    void WriteWarning(string message);

    /// <summary>Detail for -Verbose.</summary>
    void WriteVerbose(string message);

    /// <summary>Progress after each finished file.</summary>
    void WriteProgress(DeidBatchProgress progress);

    /// <summary>Signalled when the caller stops the run (Ctrl+C, StopProcessing).</summary>
    CancellationToken CancellationToken { get; }
}

/// <summary>A snapshot of a run's progress.</summary>
public sealed class DeidBatchProgress
{
    /// <summary>Files finished (any status).</summary>
    public int Completed { get; set; }

    /// <summary>Files in the run.</summary>
    public int Total { get; set; }

    /// <summary>Files that failed or were refused so far.</summary>
    public int Failed { get; set; }

    /// <summary>Time since the run started.</summary>
    public System.TimeSpan Elapsed { get; set; }

    /// <summary>Finished files per second so far.</summary>
    public double FilesPerSecond { get; set; }

    /// <summary>Estimated time left, when it can be estimated.</summary>
    public System.TimeSpan? Remaining { get; set; }

    /// <summary>The file just finished.</summary>
    public string? CurrentFile { get; set; }

    /// <summary>Percentage finished, 0-100.</summary>
    public int PercentComplete => Total <= 0 ? 0 : (int)System.Math.Min(100, (long)Completed * 100 / Total);
}
