using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// The pixel part of one file's processing, around <see cref="Deidentifier.Apply"/>: <see cref="Before"/> judges the
/// burned-in text risk, matches the region rules on the ORIGINAL attributes (de-identification may change Station
/// Name, descriptions...) and runs <see cref="PixelPipeline.Apply"/>; <see cref="After"/> adds the Clean Pixel Data
/// evidence only for pixels that were actually changed. Thread-safe (no mutable state).
/// </summary>
internal sealed class PixelStep
{
    // Photographic and 3D surface classes: a face or body surface may be recognizable (CleanRecognizableVisualFeatures).
    private static readonly HashSet<string> VisualFeatureSopClasses = new(StringComparer.Ordinal)
    {
        "1.2.840.10008.5.1.4.1.1.77.1.1",     // VL Endoscopic Image
        "1.2.840.10008.5.1.4.1.1.77.1.1.1",   // Video Endoscopic Image
        "1.2.840.10008.5.1.4.1.1.77.1.4",     // VL Photographic Image
        "1.2.840.10008.5.1.4.1.1.77.1.4.1",   // Video Photographic Image
        "1.2.840.10008.5.1.4.1.1.77.1.5.1",   // Ophthalmic Photography 8 Bit
        "1.2.840.10008.5.1.4.1.1.77.1.5.2",   // Ophthalmic Photography 16 Bit
        "1.2.840.10008.5.1.4.1.1.77.1.5.5",   // Wide Field Ophthalmic Photography Stereographic Projection
        "1.2.840.10008.5.1.4.1.1.77.1.5.6",   // Wide Field Ophthalmic Photography 3D Coordinates
        "1.2.840.10008.5.1.4.1.1.77.1.7",     // Dermoscopic Photography
        "1.2.840.10008.5.1.4.1.1.66.5",       // Surface Segmentation
        "1.2.840.10008.5.1.4.1.1.68.1",       // Surface Scan Mesh
        "1.2.840.10008.5.1.4.1.1.68.2",       // Surface Scan Point Cloud
    };

    private static readonly HashSet<string> VisualFeatureModalities = new(StringComparer.Ordinal) { "XC", "OP", "ES", "OSS", "DMS" };
    private static readonly string[] RenderedImageTypes = { "VOLREN", "VOLUME RENDERING", "3D", "SSD", "SURFACE" };

    private readonly PixelRuleSet? _rules;
    private readonly bool _cleanPixelData;
    private readonly bool _cleanVisualFeatures;
    private readonly bool _detectText;

    public PixelStep(CompiledProfile profile, PixelRuleSet? extraRules, bool detectText)
    {
        if (profile is null) throw new ArgumentNullException(nameof(profile));
        foreach (var o in profile.Options)
        {
            if (o == DeidOptions.CleanPixelData) _cleanPixelData = true;
            else if (o == DeidOptions.CleanRecognizableVisualFeatures) _cleanVisualFeatures = true;
        }
        _detectText = detectText;
        // The starter library is parsed only when pixels are to be cleaned; a user's rules apply on top of it (union).
        if (_cleanPixelData)
        {
            var starter = PixelRuleSet.Starter;
            _rules = extraRules is null ? starter : new PixelRuleSet
            {
                Name = starter.Name + " + " + extraRules.Name,
                Version = starter.Version + "+" + extraRules.Version,
                Rules = new List<PixelRule>(starter.Rules.Concat(extraRules.Rules)),
            };
        }
    }

    /// <summary>
    /// Risk, rules and (for Clean) the redaction, all judged on the original header; call before Apply. Redacting
    /// before Apply is safe: Apply never touches pixel data, Rows/Columns or Burned In Annotation.
    /// </summary>
    public PixelWork Before(DicomFile file)
    {
        var ds = file.Dataset;
        var visual = _cleanVisualFeatures ? VisualFeaturesProblem(ds) : null;
        if (!_cleanPixelData || visual is not null)
        {
            var w = new PixelWork(BurnedInRiskAssessor.Assess(ds), null);
            if (visual is not null)
                w.Quarantine("CleanRecognizableVisualFeatures: " + visual + "; no automatic method removes recognizable features here");
            else if (_cleanVisualFeatures)
                w.Action = PixelDecisionKind.Pass;
            if (w.Assessment.Risk >= BurnedInRisk.Likely && !_cleanPixelData)
                w.Warnings.Add("burned-in text risk " + w.Assessment.Risk + " (" + string.Join("; ", w.Assessment.Reasons) + "): the pixels are written unchanged; use -Option CleanPixelData to blank known regions or quarantine the file.");
            else if (w.Assessment.Risk == BurnedInRisk.Possible)
                w.Verbose.Add("burned-in text risk Possible (" + string.Join("; ", w.Assessment.Reasons) + ").");
            return w;
        }

        // Rule ids first: a clean changes Burned In Annotation and removes overlays, which conditions may test.
        var matched = new List<string>();
        if (ds.Contains(PixelTags.PixelData))
            foreach (var rule in _rules!.Match(ds, file.FileMetaInformation)) matched.Add(rule.Id);
        var outcome = PixelPipeline.Apply(file, _rules, cleanRequested: true, useDetector: _detectText);
        var work = new PixelWork(outcome.Assessment, outcome);
        work.RulesMatched.AddRange(matched);
        if (outcome.Quarantined)
        {
            work.Quarantine(outcome.QuarantineReason ?? "burned-in text risk");
            return work;
        }
        work.Action = outcome.Decision.Kind;
        var redaction = outcome.Redaction;
        if (redaction is null)
        {
            if (outcome.Decision.Reason is not null) work.Verbose.Add("pixels passed unchanged: " + outcome.Decision.Reason);
            return work;
        }
        foreach (var warning in redaction.Warnings) work.Warnings.Add("pixel redaction: " + warning);
        work.Verbose.Add(string.Format(CultureInfo.InvariantCulture, "pixels cleaned ({0}): {1} rectangle(s) in {2} of {3} frame(s)",
            redaction.Method, redaction.Blanked.Count, redaction.FramesChanged, redaction.FrameCount));
        return work;
    }

    /// <summary>After a successful Apply: the Clean Pixel Data evidence, only when pixel values were changed.</summary>
    public static void After(DicomFile file, PixelWork work)
    {
        var redaction = work.Outcome?.Redaction;
        if (work.QuarantineReason is null && redaction is { Cleaned: true, AddCleanPixelDataCode: true })
            Deidentifier.MarkPixelDataCleaned(file.Dataset);
    }

    // Recognizable Visual Features YES, or absent where a face or body surface is likely (photographs, 3D surfaces, renderings).
    private static string? VisualFeaturesProblem(DicomDataset ds)
    {
        var rvf = ds.GetString(PixelTags.RecognizableVisualFeatures)?.Trim().ToUpperInvariant();
        if (rvf == "YES") return "Recognizable Visual Features (0028,0302) is YES";
        if (rvf is not null && rvf.Length > 0) return null; // NO: trusted
        var sop = ds.GetString(PixelTags.SopClassUid)?.Trim('\0', ' ');
        if (sop is not null && VisualFeatureSopClasses.Contains(sop)) return "Recognizable Visual Features (0028,0302) is absent on a photographic or 3D SOP class (" + sop + ")";
        var modality = ds.GetString(PixelTags.Modality)?.Trim().ToUpperInvariant();
        if (modality is not null && VisualFeatureModalities.Contains(modality)) return "Recognizable Visual Features (0028,0302) is absent on modality " + modality;
        foreach (var raw in ds.Get(PixelTags.ImageType)?.GetStrings(ds.CharacterSet) ?? Array.Empty<string>())
        {
            var v = raw.Trim().ToUpperInvariant();
            if (Array.IndexOf(RenderedImageTypes, v) >= 0) return "Recognizable Visual Features (0028,0302) is absent on a rendered image (Image Type " + v + ")";
        }
        return null;
    }
}

/// <summary>What the pixel step found and did for one file (the engine's <see cref="PixelOutcome"/> plus the run's view).</summary>
internal sealed class PixelWork : IDisposable
{
    public PixelWork(BurnedInRiskAssessment assessment, PixelOutcome? outcome)
    {
        Assessment = assessment;
        Outcome = outcome;
    }

    public BurnedInRiskAssessment Assessment { get; }

    /// <summary>The pixel pipeline's outcome; null when CleanPixelData was not requested (or a visual-features quarantine came first).</summary>
    public PixelOutcome? Outcome { get; }

    /// <summary>Null when no pixel option was requested.</summary>
    public PixelDecisionKind? Action { get; set; }

    public List<string> RulesMatched { get; } = new();

    public string? QuarantineReason { get; private set; }

    public List<string> Warnings { get; } = new();

    public List<string> Verbose { get; } = new();

    public IReadOnlyList<BlankedRectangle> Blanked => Outcome?.Redaction is { Cleaned: true } r ? r.Blanked : Array.Empty<BlankedRectangle>();

    public IReadOnlyList<TextRegionFinding> DetectorRegions => Outcome?.Findings ?? Array.Empty<TextRegionFinding>();

    public void Quarantine(string reason)
    {
        Action = PixelDecisionKind.Quarantine;
        QuarantineReason = reason;
    }

    public void Dispose() => Outcome?.Dispose();
}
