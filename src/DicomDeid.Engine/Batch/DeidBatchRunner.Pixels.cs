using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using DicomDeid.Dicom;
using DicomDeid.Engine.Audit;

namespace DicomDeid.Engine.Batch;

public sealed partial class DeidBatchRunner
{
    // The quarantine holds files whose pixels may still show identity: never inside the destination (data that
    // leaves) nor inside an input folder (the source tree), and the destination never inside it.
    private void ValidateQuarantine(IReadOnlyList<DeidBatchItem> items, string? destinationRoot)
    {
        if (string.IsNullOrEmpty(_settings.QuarantineRoot)) return;
        var q = TrimSeparator(Path.GetFullPath(_settings.QuarantineRoot));
        if (destinationRoot is not null && (IsSameOrUnder(q, destinationRoot) || IsSameOrUnder(destinationRoot, q)))
            throw new DeidBatchException(DeidErrorIds.DestinationInvalid,
                "The quarantine folder '" + q + "' and the destination '" + destinationRoot + "' overlap; quarantined files must be kept apart from the de-identified output. Choose a quarantine folder outside the destination.", q);
        foreach (var item in items)
        {
            if (!item.FromDirectory) continue;
            var inputRoot = TrimSeparator(item.InputRoot);
            if (IsSameOrUnder(q, inputRoot))
                throw new DeidBatchException(DeidErrorIds.DestinationInvalid,
                    "The quarantine folder '" + q + "' is inside the input folder '" + inputRoot + "'. Choose a quarantine folder outside it.", q);
        }
    }

    private static void RecordPixels(DeidAuditRecord record, PixelWork w, BlockingCollection<Message> done)
    {
        record.BurnedInRisk = w.Assessment.Risk;
        record.BurnedInRiskReasons = w.Assessment.Reasons;
        record.PixelAction = w.Action;
        record.PixelRulesMatched = w.RulesMatched;
        record.BlankedRegions = w.Blanked;
        record.DetectorRegions = w.DetectorRegions;
        var redaction = w.Outcome?.Redaction;
        if (redaction is { Cleaned: true })
        {
            record.PixelMethod = redaction.Method;
            var removed = new List<string>(redaction.OverlaysRemoved);
            if (redaction.IconImageRemoved) removed.Add("IconImageSequence");
            record.PixelRemoved = removed;
        }
        foreach (var v in w.Verbose) done.Add(Message.ForVerbose(record.Source + ": " + v));
    }

    /// <summary>
    /// Holds a file back: never written to the destination. With a quarantine folder the de-identified header with
    /// the untouched pixels (Burned In Annotation as it was, no Clean Pixel Data claim) goes there for review.
    /// </summary>
    private DeidAuditRecord Quarantine(DeidAuditRecord record, Work w, DicomFile file, IDeidFileProcessor processor, string reason, CancellationToken token)
    {
        var src = w.Item.SourcePath;
        record.Status = DeidAuditStatus.Quarantined;
        record.ErrorId = DeidErrorIds.Quarantined;
        record.OutputSha256 = null;
        var head = "Quarantined '" + src + "': " + reason + ". Not written to the destination" + (_settings.InPlace ? " (the original was left unchanged in place)" : string.Empty);
        if (string.IsNullOrEmpty(_settings.QuarantineRoot))
        {
            record.Error = head + "; give -QuarantinePath to keep a de-identified copy with untouched pixels for review.";
            return record;
        }
        var root = TrimSeparator(Path.GetFullPath(_settings.QuarantineRoot));
        var target = Path.GetFullPath(Path.Combine(root, w.Item.RelativePath));
        if (!IsSameOrUnder(target, root) || string.Equals(target, root, PathComparison))
        {
            record.Error = head + "; the relative path '" + w.Item.RelativePath + "' leaves the quarantine folder, so no copy was written.";
            return record;
        }
        try
        {
            var folder = Path.GetDirectoryName(target);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
                // As for destination folders: temp files a killed run left here go, once per folder and run.
                if (_cleanedQuarantineFolders.TryAdd(folder, 0)) AtomicFileWriter.CleanStale(folder, _runStartedUtc);
            }
            record.QuarantineSha256 = AtomicFileWriter.Write(target, _settings.Force, s => processor.Write(file, s), () => token.IsCancellationRequested, _settings.FlushToDisk);
            record.QuarantinePath = target;
            record.Error = head + "; a de-identified copy with untouched pixels was written for review to '" + target + "'.";
        }
        catch (DestinationExistsException)
        {
            record.Error = head + "; the quarantine copy '" + target + "' exists already (use -Force to overwrite it).";
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is DicomFormatException)
        {
            record.Error = head + "; the quarantine copy '" + target + "' could not be written: " + ex.Message;
        }
        return record;
    }
}
