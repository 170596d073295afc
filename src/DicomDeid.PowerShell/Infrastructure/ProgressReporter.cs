using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace DicomDeid.PowerShell;

/// <summary>
/// Write-Progress for long work: one activity id, "N of M files, R files/s", time left, throttled so that progress
/// never costs more than the work; <see cref="Complete"/> closes the bar. Call on the pipeline thread only.
/// </summary>
public sealed class ProgressReporter
{
    /// <summary>Default activity id of the module's progress bars.</summary>
    public const int DefaultActivityId = 0x0D1C;

    private readonly Cmdlet _cmdlet;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _activity;
    private readonly int _activityId;
    private long _lastWriteMs = -1000;
    private bool _written;

    /// <summary>Creates a reporter for <paramref name="activity"/>; <paramref name="total"/> may be 0 when unknown.</summary>
    public ProgressReporter(Cmdlet cmdlet, string activity, long total = 0, int activityId = DefaultActivityId)
    {
        _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
        _activity = activity ?? throw new ArgumentNullException(nameof(activity));
        _activityId = activityId;
        Total = total;
    }

    /// <summary>Items expected (0 when unknown); may grow while input streams in.</summary>
    public long Total { get; set; }

    /// <summary>Items done so far.</summary>
    public long Done { get; private set; }

    /// <summary>Minimum interval between two progress records, in milliseconds.</summary>
    public int IntervalMilliseconds { get; set; } = 250;

    /// <summary>No bar before this many milliseconds: short runs do not flash one.</summary>
    public int FirstDelayMilliseconds { get; set; } = 500;

    /// <summary>Records <paramref name="done"/> items finished; writes a record when the interval passed.</summary>
    public void Report(long done, string? currentItem = null)
    {
        Done = done;
        var now = _clock.ElapsedMilliseconds;
        if (!_written && now < FirstDelayMilliseconds) return;
        if (now - _lastWriteMs < IntervalMilliseconds) return;
        _lastWriteMs = now;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var rate = done / seconds;
        var status = Total > 0
            ? string.Format(CultureInfo.InvariantCulture, "{0} of {1} files, {2:0.#} files/s", done, Total, rate)
            : string.Format(CultureInfo.InvariantCulture, "{0} files, {1:0.#} files/s", done, rate);
        var record = new ProgressRecord(_activityId, _activity, status);
        if (Total > 0)
        {
            record.PercentComplete = (int)Math.Min(100, done * 100 / Total);
            if (rate > 0 && done > 0) record.SecondsRemaining = (int)Math.Min(int.MaxValue, Math.Ceiling((Total - done) / rate));
        }
        if (!string.IsNullOrEmpty(currentItem)) record.CurrentOperation = currentItem;
        _cmdlet.WriteProgress(record);
        _written = true;
    }

    /// <summary>Records one more item finished.</summary>
    public void Increment(string? currentItem = null) => Report(Done + 1, currentItem);

    /// <summary>Closes the progress bar (when one was shown).</summary>
    public void Complete()
    {
        if (!_written) return;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        _written = false;
    }
}
