using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>What happened to one file's pixels: the assessment, the decision and, when cleaned, the redaction.</summary>
public sealed class PixelOutcome : IDisposable
{
    internal PixelOutcome(BurnedInRiskAssessment assessment, PixelDecision decision, IReadOnlyList<TextRegionFinding> findings)
    {
        Assessment = assessment;
        Decision = decision;
        Findings = findings;
    }

    /// <summary>The header-based risk.</summary>
    public BurnedInRiskAssessment Assessment { get; }

    /// <summary>Pass, Clean or Quarantine.</summary>
    public PixelDecision Decision { get; private set; }

    /// <summary>Text-detector findings (empty when the detector was not asked for).</summary>
    public IReadOnlyList<TextRegionFinding> Findings { get; }

    /// <summary>The redaction when the decision was Clean (also when it was refused); null otherwise.</summary>
    public PixelRedactionResult? Redaction { get; internal set; }

    /// <summary>"pass", "cleaned" or "quarantined": the audit status.</summary>
    public string Status => Redaction is { Cleaned: true } ? "cleaned" : Quarantined ? "quarantined" : "pass";

    /// <summary>True when the file must not be written to the destination (send it to the quarantine path).</summary>
    public bool Quarantined => Decision.Kind == PixelDecisionKind.Quarantine || Redaction is { Cleaned: false };

    /// <summary>Why the file is quarantined; null otherwise.</summary>
    public string? QuarantineReason => Decision.Kind == PixelDecisionKind.Quarantine ? Decision.Reason : Redaction is { Cleaned: false } r ? "pixels could not be cleaned: " + r.Refusal : null;

    /// <summary>Releases temporary files of the redaction (after the file is written).</summary>
    public void Dispose() => Redaction?.Dispose();
}

/// <summary>
/// The pixel step of a de-identification run in one call: assess the risk, resolve the rules (and optionally the text
/// detector), decide, and clean the file in place when the decision is Clean. The caller then writes the file (or sends
/// it to quarantine when <see cref="PixelOutcome.Quarantined"/>), adds code 113101 when
/// <see cref="PixelRedactionResult.AddCleanPixelDataCode"/> is set, and records <see cref="PixelOutcome.Status"/>.
/// </summary>
public static class PixelPipeline
{
    /// <summary>Runs the pixel step on <paramref name="file"/>.</summary>
    /// <param name="file">The file; changed in place only when it is cleaned.</param>
    /// <param name="rules">Region rules (null: the starter library).</param>
    /// <param name="cleanRequested">True when the Clean Pixel Data option is on.</param>
    /// <param name="useDetector">True to add text-detector findings (every frame) to the rule regions.</param>
    /// <param name="fill">Fill value (default black).</param>
    /// <param name="quarantineThreshold">Risk from which a file that is not cleaned is quarantined.</param>
    public static PixelOutcome Apply(DicomFile file, PixelRuleSet? rules, bool cleanRequested, bool useDetector = false, PixelFill? fill = null, BurnedInRisk quarantineThreshold = BurnedInRisk.Likely)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var assessment = BurnedInRiskAssessor.Assess(file.Dataset);
        var regions = new List<PixelRegion>();
        var findings = new List<TextRegionFinding>();
        if (assessment.HasPixelData)
        {
            regions.AddRange((rules ?? PixelRuleSet.Starter).Resolve(file.Dataset, file.FileMetaInformation));
            if (useDetector && DicomImageRenderer.WhyCannotRender(file) is null)
            {
                var frames = DicomImageRenderer.FrameCount(file);
                for (var f = 1; f <= frames; f++) findings.AddRange(TextRegionDetector.Detect(file, f));
                regions.AddRange(findings.Select(x => x.ToRegion()));
            }
        }
        var decision = PixelDecision.Decide(assessment, regions, file.TransferSyntax, cleanRequested, quarantineThreshold);
        var outcome = new PixelOutcome(assessment, decision, findings);
        if (decision.Kind == PixelDecisionKind.Clean) outcome.Redaction = PixelRedactor.Redact(file, decision.Regions, fill);
        return outcome;
    }
}
