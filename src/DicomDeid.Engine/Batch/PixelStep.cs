using System;
using System.Collections.Generic;
using System.Globalization;
using DicomDeid.Dicom;
using DicomDeid.Engine.Pixels;

namespace DicomDeid.Engine.Batch;

/// <summary>
/// The pixel part of one file's processing, around <see cref="Deidentifier.Apply"/>: <see cref="Before"/> judges the
/// burned-in text risk and matches the region rules on the ORIGINAL attributes (de-identification may change
/// Manufacturer, model or descriptions); <see cref="After"/> decides, redacts and adds the Clean Pixel Data evidence
/// only for pixels that were actually changed. Thread-safe (no mutable state).
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

    private readonly IReadOnlyList<PixelRuleSet> _ruleSets;
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
        // The starter library is parsed only when pixels are to be cleaned.
        _ruleSets = !_cleanPixelData ? Array.Empty<PixelRuleSet>() : extraRules is null ? new[] { PixelRuleSet.Starter } : new[] { PixelRuleSet.Starter, extraRules };
    }

    /// <summary>Risk and regions from the original header (call before Apply).</summary>
    public PixelOutcome Before(DicomFile file)
    {
        var ds = file.Dataset;
        var risk = BurnedInRiskAssessor.Assess(ds);
        var o = new PixelOutcome(risk);
        if (_cleanVisualFeatures) o.VisualFeaturesReason = VisualFeaturesProblem(ds, risk);
        if (!_cleanPixelData)
        {
            if (risk.Risk >= BurnedInRisk.Likely)
                o.Warnings.Add("burned-in text risk " + risk.Risk + " (" + string.Join("; ", risk.Reasons) + "): the pixels are written unchanged; use -Option CleanPixelData to blank known regions or quarantine the file.");
            else if (risk.Risk == BurnedInRisk.Possible)
                o.Verbose.Add("burned-in text risk Possible (" + string.Join("; ", risk.Reasons) + "); pixels written unchanged.");
            return o;
        }
        if (!risk.HasPixelData) return o;
        foreach (var set in _ruleSets)
        {
            foreach (var rule in set.Match(ds, file.FileMetaInformation)) o.RulesMatched.Add(rule.Id);
            o.Regions.AddRange(set.Resolve(ds, file.FileMetaInformation));
        }
        if (_detectText) Detect(file, o);
        return o;
    }

    /// <summary>Decides and, for Clean, redacts (call after a successful Apply, before the write).</summary>
    public void After(DicomFile file, PixelOutcome o)
    {
        if (o.VisualFeaturesReason is not null)
        {
            o.Quarantine("CleanRecognizableVisualFeatures: " + o.VisualFeaturesReason + "; no automatic method removes recognizable features here");
            return;
        }
        if (!_cleanPixelData)
        {
            if (_cleanVisualFeatures) o.Action = PixelDecisionKind.Pass;
            return;
        }
        var decision = PixelDecision.Decide(o.Assessment, o.Regions, file.TransferSyntax, cleanRequested: true);
        o.Action = decision.Kind;
        switch (decision.Kind)
        {
            case PixelDecisionKind.Quarantine:
                o.Quarantine(decision.Reason ?? "burned-in text risk");
                return;
            case PixelDecisionKind.Pass:
                if (decision.Reason is not null) o.Verbose.Add("pixels passed unchanged: " + decision.Reason);
                return;
        }

        var redaction = PixelRedactor.Redact(file, decision.Regions);
        o.Redaction = redaction;
        if (!redaction.Cleaned)
        {
            o.Quarantine("the pixels could not be cleaned: " + redaction.Refusal);
            return;
        }
        o.Blanked.AddRange(redaction.Blanked);
        o.Method = redaction.Method;
        o.OverlaysRemoved.AddRange(redaction.OverlaysRemoved);
        o.IconImageRemoved = redaction.IconImageRemoved;
        foreach (var w in redaction.Warnings) o.Warnings.Add("pixel redaction: " + w);
        if (redaction.AddCleanPixelDataCode) Deidentifier.MarkPixelDataCleaned(file.Dataset);
        o.Verbose.Add(string.Format(CultureInfo.InvariantCulture, "pixels cleaned ({0}): {1} rectangle(s) in {2} of {3} frame(s)",
            redaction.Method, redaction.Blanked.Count, redaction.FramesChanged, redaction.FrameCount));
    }

    private static void Detect(DicomFile file, PixelOutcome o)
    {
        var frames = Math.Max(1, PixelLayout.Int(file.Dataset, PixelTags.NumberOfFrames, 1));
        try
        {
            for (var f = 1; f <= frames; f++)
            {
                foreach (var finding in TextRegionDetector.Detect(file, f))
                {
                    o.DetectorRegions.Add(finding);
                    o.Regions.Add(finding.ToRegion());
                }
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.IO.InvalidDataException or DicomFormatException or ArgumentException or System.IO.IOException)
        {
            o.Warnings.Add("the text detector could not read the pixels: " + ex.Message);
        }
    }

    // Recognizable Visual Features YES, or absent where a face or body surface is likely (photographs, 3D surfaces, renderings).
    private static string? VisualFeaturesProblem(DicomDataset ds, BurnedInRiskAssessment risk)
    {
        if (risk.RecognizableVisualFeatures) return "Recognizable Visual Features (0028,0302) is YES";
        var rvf = ds.GetString(PixelTags.RecognizableVisualFeatures)?.Trim();
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

/// <summary>What the pixel step found and did for one file (filled in two halves around Apply).</summary>
internal sealed class PixelOutcome : IDisposable
{
    public PixelOutcome(BurnedInRiskAssessment assessment) => Assessment = assessment;

    public BurnedInRiskAssessment Assessment { get; }

    /// <summary>Null when no pixel option was requested.</summary>
    public PixelDecisionKind? Action { get; set; }

    public List<PixelRegion> Regions { get; } = new();

    public List<string> RulesMatched { get; } = new();

    public List<TextRegionFinding> DetectorRegions { get; } = new();

    public List<BlankedRectangle> Blanked { get; } = new();

    public List<string> OverlaysRemoved { get; } = new();

    public bool IconImageRemoved { get; set; }

    public string? Method { get; set; }

    public string? VisualFeaturesReason { get; set; }

    public string? QuarantineReason { get; private set; }

    public List<string> Warnings { get; } = new();

    public List<string> Verbose { get; } = new();

    public PixelRedactionResult? Redaction { get; set; }

    public void Quarantine(string reason)
    {
        Action = PixelDecisionKind.Quarantine;
        QuarantineReason = reason;
    }

    public void Dispose() => Redaction?.Dispose();
}
