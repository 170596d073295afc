using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using DicomDeid.Dicom;
using DicomDeid.Engine.Audit;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// De-identifies a set of independent files with a bounded pool of workers. Pull model: <see cref="Run"/> returns
/// the audit records in order of completion and does all host calls (ShouldProcess, warnings, verbose, progress)
/// on the enumerating thread, so a cmdlet drains it on its own thread and alone calls WriteObject/WriteProgress.
/// Each worker reads, applies, and writes atomically (temp file + flush + rename); a failing file becomes a record
/// with a stable error id and the run goes on. Inputs are never written unless <see cref="DeidBatchSettings.InPlace"/>.
/// </summary>
public sealed partial class DeidBatchRunner
{
    private static readonly DicomTag SopInstanceUidTag = new(0x0008, 0x0018);
    private static readonly StringComparison PathComparison =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly DeidBatchSettings _settings;
    private readonly Func<IDeidFileProcessor> _processorFactory;
    private readonly ConcurrentDictionary<string, byte> _cleanedQuarantineFolders = new(StringComparer.Ordinal);
    private DateTime _runStartedUtc;

    /// <summary>Creates a runner with a processor factory (one processor per worker).</summary>
    internal DeidBatchRunner(DeidBatchSettings settings, Func<IDeidFileProcessor> processorFactory)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _processorFactory = processorFactory ?? throw new ArgumentNullException(nameof(processorFactory));
        RunId = Guid.NewGuid().ToString("D");
    }

    /// <summary>Id of this run (in the audit header and every record).</summary>
    public string RunId { get; }

    /// <summary>
    /// Checks the settings against the inputs, opens the audit log, and returns the records as files finish.
    /// Enumerate on the thread that owns <paramref name="host"/>; disposing the enumerator early stops the workers.
    /// </summary>
    /// <exception cref="DeidBatchException">The destination is missing, inside the source tree, or the audit log cannot be opened.</exception>
    public IEnumerable<DeidAuditRecord> Run(IReadOnlyList<DeidBatchItem> items, IDeidHost host)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        if (host is null) throw new ArgumentNullException(nameof(host));
        var destinationRoot = Validate(items);
        var log = OpenLog();
        return RunCore(items, host, destinationRoot, log);
    }

    private string? Validate(IReadOnlyList<DeidBatchItem> items)
    {
        if (_settings.InPlace && _settings.DestinationRoot is not null)
            throw new DeidBatchException(DeidErrorIds.DestinationInvalid, "Give either a destination or in-place work, not both.");
        if (_settings.InPlace)
        {
            ValidateQuarantine(items, null);
            return null;
        }
        if (string.IsNullOrEmpty(_settings.DestinationRoot))
            throw new DeidBatchException(DeidErrorIds.DestinationInvalid, "A destination folder is required (in-place work needs its explicit switch).");
        var root = TrimSeparator(Path.GetFullPath(_settings.DestinationRoot));
        ValidateQuarantine(items, root);
        foreach (var item in items)
        {
            if (!item.FromDirectory) continue;
            var inputRoot = TrimSeparator(item.InputRoot);
            if (IsSameOrUnder(root, inputRoot))
                throw new DeidBatchException(DeidErrorIds.DestinationInvalid,
                    "The destination '" + root + "' is inside the input folder '" + inputRoot + "'; outputs would be written into the source tree. Choose a destination outside it.", root);
        }
        return root;
    }

    private DeidAuditLog? OpenLog()
    {
        if (string.IsNullOrEmpty(_settings.AuditLogPath)) return null;
        try
        {
            return DeidAuditLog.Open(_settings.AuditLogPath!);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
        {
            throw new DeidBatchException(DeidErrorIds.AuditLogFailed, "The audit log '" + _settings.AuditLogPath + "' cannot be opened for appending: " + ex.Message, _settings.AuditLogPath, ex);
        }
    }

    private IEnumerable<DeidAuditRecord> RunCore(IReadOnlyList<DeidBatchItem> items, IDeidHost host, string? destinationRoot, DeidAuditLog? log)
    {
        var started = DateTimeOffset.UtcNow;
        _runStartedUtc = started.UtcDateTime;
        var clock = Stopwatch.StartNew();
        var throttle = Math.Max(1, _settings.ThrottleLimit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(host.CancellationToken);
        var work = new BlockingCollection<Work>(throttle * 2);
        var done = new BlockingCollection<Message>();
        var workers = new List<Thread>(throttle);
        var statusCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var destinations = new HashSet<string>(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var cleanedFolders = new HashSet<string>(StringComparer.Ordinal);
        var progress = new DeidBatchProgress { Total = items.Count };
        var outstanding = 0;
        var completed = false;

        log?.WriteHeader(new DeidAuditRunHeader
        {
            RunId = RunId,
            StartTime = started,
            ModuleVersion = _settings.ModuleVersion ?? EngineInfo.Version,
            ProfileName = _settings.Profile?.Profile.Name,
            ProfileVersion = _settings.Profile?.Profile.Version,
            ProfileSha256 = _settings.Profile?.Profile.Sha256,
            Options = _settings.Profile?.Options ?? Array.Empty<string>(),
            KeyFingerprint = _settings.KeyFingerprint,
            EphemeralKey = _settings.EphemeralKey,
            MachineName = Environment.MachineName,
            Destination = destinationRoot,
            InPlace = _settings.InPlace,
            ThrottleLimit = throttle,
        });

        try
        {
            for (var i = 0; i < throttle; i++)
            {
                var t = new Thread(() => WorkerLoop(work, done, log, stop.Token)) { IsBackground = true, Name = "DicomDeid worker " + i };
                t.Start();
                workers.Add(t);
            }

            foreach (var item in items)
            {
                stop.Token.ThrowIfCancellationRequested();
                while (done.TryTake(out var ready))
                {
                    var r = Deliver(ready, host, progress, clock, statusCounts, ref outstanding);
                    if (r is not null) yield return r;
                }

                var planned = Plan(item, destinationRoot, destinations, out var destination);
                if (planned is not null)
                {
                    log?.WriteRecord(planned);
                    Count(statusCounts, planned);
                    progress.Completed++;
                    if (planned.ErrorId is not null) host.WriteWarning(planned.Error ?? planned.ErrorId);
                    ReportProgress(host, progress, clock, planned.Source);
                    yield return planned;
                    continue;
                }

                var action = _settings.InPlace ? "De-identify in place (replaces the original)" : "De-identify to " + destination;
                if (!host.ShouldProcess(item.SourcePath, action))
                {
                    progress.Total--;
                    continue;
                }

                var folder = Path.GetDirectoryName(destination!);
                if (folder is not null && cleanedFolders.Add(folder) && Directory.Exists(folder))
                {
                    var n = AtomicFileWriter.CleanStale(folder, started.UtcDateTime);
                    if (n > 0) host.WriteVerbose("Removed " + n + " stale temp file(s) left by an interrupted run in " + folder + ".");
                }

                var w = new Work(item, destination!);
                outstanding++;
                while (!work.TryAdd(w, 25, stop.Token))
                {
                    while (done.TryTake(out var ready))
                    {
                        var r = Deliver(ready, host, progress, clock, statusCounts, ref outstanding);
                        if (r is not null) yield return r;
                    }
                }
            }

            work.CompleteAdding();
            while (outstanding > 0)
            {
                var m = done.Take(stop.Token);
                var r = Deliver(m, host, progress, clock, statusCounts, ref outstanding);
                if (r is not null) yield return r;
            }
            completed = true;
        }
        finally
        {
            if (!completed) stop.Cancel();
            if (!work.IsAddingCompleted) work.CompleteAdding();
            foreach (var t in workers) t.Join();
            if (log is not null)
            {
                try
                {
                    log.WriteSummary(new DeidAuditRunSummary
                    {
                        RunId = RunId,
                        EndTime = DateTimeOffset.UtcNow,
                        Files = progress.Completed,
                        StatusCounts = statusCounts,
                        Cancelled = !completed,
                    });
                }
                catch (IOException) { }
                log.Dispose();
            }
            work.Dispose();
            done.Dispose();
        }
    }

    private DeidAuditRecord? Plan(DeidBatchItem item, string? destinationRoot, HashSet<string> destinations, out string? destination)
    {
        if (_settings.InPlace)
        {
            destination = item.SourcePath;
            return null;
        }
        destination = Path.GetFullPath(Path.Combine(destinationRoot!, item.RelativePath));
        if (!IsSameOrUnder(destination, destinationRoot!) || string.Equals(destination, destinationRoot, PathComparison))
            return NewRecord(item.SourcePath, destination, DeidAuditStatus.Failed, DeidErrorIds.DestinationInvalid,
                "The relative path '" + item.RelativePath + "' leaves the destination folder.");
        if (string.Equals(destination, item.SourcePath, PathComparison))
            return NewRecord(item.SourcePath, destination, DeidAuditStatus.Skipped, DeidErrorIds.DestinationInvalid,
                "The output would replace the input '" + item.SourcePath + "'; use a different destination, or -InPlace to rewrite originals.");
        if (!destinations.Add(destination))
            return NewRecord(item.SourcePath, destination, DeidAuditStatus.Skipped, DeidErrorIds.DuplicateDestination,
                "Another input of this run already goes to '" + destination + "'; skipped '" + item.SourcePath + "'.");
        if (!_settings.Force && File.Exists(destination))
            return NewRecord(item.SourcePath, destination, DeidAuditStatus.Skipped, DeidErrorIds.OutputExists,
                "The output '" + destination + "' exists; skipped (use -Force to overwrite it).");
        return null;
    }

    private DeidAuditRecord NewRecord(string source, string? destination, DeidAuditStatus status, string? errorId, string? error) => new()
    {
        RunId = RunId,
        Source = source,
        Destination = destination,
        Status = status,
        ErrorId = errorId,
        Error = error,
        ProfileName = _settings.Profile?.Profile.Name,
        ProfileVersion = _settings.Profile?.Profile.Version,
        ProfileSha256 = _settings.Profile?.Profile.Sha256,
        Options = _settings.Profile?.Options ?? Array.Empty<string>(),
        KeyFingerprint = _settings.KeyFingerprint,
    };

    private DeidAuditRecord? Deliver(Message m, IDeidHost host, DeidBatchProgress progress, Stopwatch clock, Dictionary<string, int> statusCounts, ref int outstanding)
    {
        if (m.Warning is not null) { host.WriteWarning(m.Warning); return null; }
        if (m.Verbose is not null) { host.WriteVerbose(m.Verbose); return null; }
        var r = m.Record!;
        outstanding--;
        progress.Completed++;
        if (r.Status == DeidAuditStatus.Failed || r.Status == DeidAuditStatus.Refused) progress.Failed++;
        Count(statusCounts, r);
        ReportProgress(host, progress, clock, r.Source);
        return r;
    }

    private static void Count(Dictionary<string, int> counts, DeidAuditRecord r)
    {
        var k = r.Status.ToString();
        counts.TryGetValue(k, out var n);
        counts[k] = n + 1;
    }

    private static void ReportProgress(IDeidHost host, DeidBatchProgress p, Stopwatch clock, string current)
    {
        p.Elapsed = clock.Elapsed;
        p.CurrentFile = current;
        var secs = p.Elapsed.TotalSeconds;
        p.FilesPerSecond = secs > 0 ? p.Completed / secs : 0;
        p.Remaining = p.FilesPerSecond > 0 && p.Total >= p.Completed ? TimeSpan.FromSeconds((p.Total - p.Completed) / p.FilesPerSecond) : null;
        host.WriteProgress(p);
    }

    private void WorkerLoop(BlockingCollection<Work> work, BlockingCollection<Message> done, DeidAuditLog? log, CancellationToken token)
    {
        IDeidFileProcessor? processor = null;
        // Hashing buffer of a streamed input; used by one hash at a time (each file joins its hash before the next).
        var buffer = new byte[1 << 20];
        try
        {
            foreach (var w in work.GetConsumingEnumerable(token))
            {
                var record = ProcessOne(ref processor, w, buffer, done, token);
                if (record is null) return; // cancelled: nothing more to report
                try { log?.WriteRecord(record); }
                catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException)
                {
                    done.Add(Message.ForWarning("The audit log could not be written for '" + record.Source + "': " + ex.Message));
                }
                done.Add(Message.ForRecord(record));
            }
        }
        catch (OperationCanceledException) { }
        catch (InvalidOperationException) when (done.IsAddingCompleted) { }
        finally
        {
            (processor as IDisposable)?.Dispose();
        }
    }

    /// <summary>One file, start to end; null when the run was cancelled before the file was finished.</summary>
    private DeidAuditRecord? ProcessOne(ref IDeidFileProcessor? processorSlot, Work w, byte[] buffer, BlockingCollection<Message> done, CancellationToken token)
    {
        var sw = Stopwatch.StartNew();
        var src = w.Item.SourcePath;
        var record = NewRecord(src, w.Destination, DeidAuditStatus.Success, null, null);
        var warnings = new List<string>();
        IDisposable? pixelScope = null;
        Task<string>? inputHash = null;
        try
        {
            var processor = processorSlot ??= _processorFactory();

            // Step 1: is it DICOM, and read it (header only; bulk stays on disk).
            DicomFile file;
            try
            {
                // One read into memory when the processor can work from it; else sniff, hash and read separately.
                var input = processor is EngineFileProcessor ? InputBuffer.TryLoad(src) : null;
                if (!(input?.LooksLikeDicom ?? processor.IsDicomFile(src)))
                {
                    record.Status = DeidAuditStatus.Skipped;
                    record.ErrorId = DeidErrorIds.NotDicom;
                    record.Error = "Not a DICOM file; skipped: " + src;
                    done.Add(Message.ForWarning(record.Error));
                    return record;
                }
                if (input is not null) record.InputSha256 = input.Sha256;
                // A file too large for memory is read twice (hash, then copy of its bulk): hash it on a thread of its
                // own meanwhile (not the pool, which may be starved), so one large file takes about one pass, not
                // two; joined before the output is committed.
                else if (processor is EngineFileProcessor)
                    inputHash = Task.Factory.StartNew(() => Hex.Sha256File(src, buffer, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                else record.InputSha256 = Hex.Sha256File(src, buffer);
                file = input is null ? processor.Read(src) : ((EngineFileProcessor)processor).Read(input);
            }
            catch (DicomNotDicomException ex)
            {
                Fail(record, DeidAuditStatus.Skipped, DeidErrorIds.NotDicom, "Not a DICOM file; skipped: " + ex.Message);
                done.Add(Message.ForWarning(record.Error!));
                return record;
            }
            catch (DicomFormatException ex)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.InvalidDicom, ex.Message);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.ReadFailed, "Cannot read '" + src + "': " + ex.Message);
            }
            foreach (var warning in file.Warnings)
            {
                warnings.Add(warning);
                done.Add(Message.ForVerbose(src + ": " + warning));
            }

            var before = file.Dataset.GetString(SopInstanceUidTag);
            if (!string.IsNullOrEmpty(before)) record.SopInstanceUidBeforeHash = processor.HashIdentifier(before!.TrimEnd('\0', ' '));
            token.ThrowIfCancellationRequested();

            // Step 2: de-identify (pure, in memory).
            DeidResult result;
            try
            {
                result = processor.Apply(file);
            }
            catch (DicomFormatException ex)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.InvalidDicom, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.DeidentificationFailed,
                    "De-identification failed for '" + src + "': " + ex.GetType().Name + ": " + ex.Message);
            }
            if (result.SourceSopInstanceUidHash is not null) record.SopInstanceUidBeforeHash = result.SourceSopInstanceUidHash;
            record.Changes = result.Changes;
            record.ActionCounts = result.ActionCounts;
            record.SopInstanceUidAfter = result.NewSopInstanceUid;
            pixelScope = result.Pixels;
            if (result.Pixels is not null) RecordPixels(record, result.Pixels, done);
            foreach (var warning in result.Warnings)
            {
                warnings.Add(warning);
                done.Add(Message.ForWarning(src + ": " + warning));
            }
            if (result.Refusal is not null)
                return Fail(record, DeidAuditStatus.Refused, DeidErrorIds.Refused, "Refused '" + src + "': " + result.Refusal);
            if (result.PixelCleaningRequested && result.Pixels is null)
            {
                // A processor without the pixel step: never write a file whose pixels were asked to be cleaned and were not.
                return Fail(record, DeidAuditStatus.Refused, DeidErrorIds.Refused, "Refused '" + src +
                    "': Clean Pixel Data / Clean Recognizable Visual Features was requested, but this processor has no pixel step; the pixels would not be cleaned, so the file was not written.");
            }
            token.ThrowIfCancellationRequested();
            if (result.Pixels?.QuarantineReason is not null) return Quarantine(record, w, file, processor, result.Pixels.QuarantineReason, token);

            // Step 3: write atomically.
            try
            {
                var folder = Path.GetDirectoryName(w.Destination);
                if (folder is not null) Directory.CreateDirectory(folder);
                record.OutputSha256 = AtomicFileWriter.Write(w.Destination, _settings.Force || _settings.InPlace,
                    s => processor.Write(file, s), () => JoinInputHash(record, ref inputHash) || token.IsCancellationRequested, _settings.FlushToDisk);
            }
            catch (InputHashException ex)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.ReadFailed, "Cannot read '" + src + "': " + ex.Message);
            }
            catch (DestinationExistsException ex)
            {
                return Fail(record, DeidAuditStatus.Skipped, DeidErrorIds.OutputExists, ex.Message);
            }
            catch (DicomFormatException ex)
            {
                // A deferred value could not be copied (source changed or truncated after the header).
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.InvalidDicom, ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.AccessDenied, "Access denied writing '" + w.Destination + "': " + ex.Message);
            }
            catch (IOException ex)
            {
                return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.WriteFailed, "Cannot write '" + w.Destination + "': " + ex.Message);
            }
            record.Status = result.AlreadyDeidentified ? DeidAuditStatus.AlreadyDeidentified : DeidAuditStatus.Success;
            return record;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never let one file take the worker (and the process) down.
            return Fail(record, DeidAuditStatus.Failed, DeidErrorIds.DeidentificationFailed,
                "Unexpected failure on '" + src + "': " + ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            // Paths that end before the write (refused, invalid, quarantined) still record the input's hash.
            if (inputHash is not null)
            {
                try { JoinInputHash(record, ref inputHash); }
                catch (InputHashException) { }
                catch (OperationCanceledException) { }
            }
            pixelScope?.Dispose();
            record.Warnings = warnings;
            record.Duration = sw.Elapsed;
        }
    }

    /// <summary>Waits for the input's hash (streamed files) and records it; false, so it can sit in an abort check.</summary>
    /// <exception cref="InputHashException">The input could not be read for hashing.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    private static bool JoinInputHash(DeidAuditRecord record, ref Task<string>? inputHash)
    {
        if (inputHash is null) return false;
        var task = inputHash;
        inputHash = null;
        try
        {
            record.InputSha256 = task.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new InputHashException(ex.Message, ex);
        }
        return false;
    }

    private static DeidAuditRecord Fail(DeidAuditRecord record, DeidAuditStatus status, string errorId, string message)
    {
        record.Status = status;
        record.ErrorId = errorId;
        record.Error = message;
        record.OutputSha256 = null;
        return record;
    }

    private static string TrimSeparator(string path)
    {
        var root = Path.GetPathRoot(path);
        while (path.Length > (root?.Length ?? 0) && (path[path.Length - 1] == Path.DirectorySeparatorChar || path[path.Length - 1] == Path.AltDirectorySeparatorChar))
            path = path.Substring(0, path.Length - 1);
        return path;
    }

    private static bool IsSameOrUnder(string path, string folder)
    {
        path = TrimSeparator(path);
        folder = TrimSeparator(folder);
        if (string.Equals(path, folder, PathComparison)) return true;
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }

    private sealed class Work
    {
        public Work(DeidBatchItem item, string destination)
        {
            Item = item;
            Destination = destination;
        }

        public DeidBatchItem Item { get; }

        public string Destination { get; }
    }

    private sealed class Message
    {
        public DeidAuditRecord? Record { get; private set; }

        public string? Warning { get; private set; }

        public string? Verbose { get; private set; }

        public static Message ForRecord(DeidAuditRecord r) => new() { Record = r };

        public static Message ForWarning(string s) => new() { Warning = s };

        public static Message ForVerbose(string s) => new() { Verbose = s };
    }
}
