using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>What the batch runner does with a file's pixels.</summary>
public enum PixelDecisionKind
{
    /// <summary>Write the file; its pixels are not touched.</summary>
    Pass = 0,
    /// <summary>Blank <see cref="PixelDecision.Regions"/> with <see cref="PixelRedactor.Redact"/>, then write (quarantine if the redactor refuses).</summary>
    Clean = 1,
    /// <summary>Do not write to the destination: send to the quarantine path (or skip) with <see cref="PixelDecision.Reason"/>.</summary>
    Quarantine = 2,
}

/// <summary>
/// The pixel decision for one file: Pass, Clean(regions) or Quarantine(reason). A file whose risk reaches the threshold
/// is never passed silently: it is cleaned when Clean Pixel Data is requested and a rule covers it and its transfer
/// syntax can be cleaned, and quarantined otherwise.
/// </summary>
public sealed class PixelDecision
{
    private PixelDecision(PixelDecisionKind kind, IReadOnlyList<PixelRegion> regions, string? reason)
    {
        Kind = kind;
        Regions = regions;
        Reason = reason;
    }

    /// <summary>The decision.</summary>
    public PixelDecisionKind Kind { get; }

    /// <summary>For <see cref="PixelDecisionKind.Clean"/>: the regions to blank; empty otherwise.</summary>
    public IReadOnlyList<PixelRegion> Regions { get; }

    /// <summary>Why (always set for Quarantine; a note for Pass when a lower risk was seen).</summary>
    public string? Reason { get; }

    /// <summary>
    /// Decides. <paramref name="matchingRegions"/> are the regions of every rule that matched the file (see
    /// <see cref="PixelRuleSet.Resolve"/>), plus detector findings when the caller wants them redacted.
    /// Files at or above <paramref name="quarantineThreshold"/> (default <see cref="BurnedInRisk.Likely"/>) that cannot
    /// be cleaned are quarantined.
    /// </summary>
    public static PixelDecision Decide(BurnedInRiskAssessment risk, IReadOnlyList<PixelRegion> matchingRegions, DicomTransferSyntax transferSyntax, bool cleanRequested, BurnedInRisk quarantineThreshold = BurnedInRisk.Likely)
    {
        if (risk is null) throw new ArgumentNullException(nameof(risk));
        if (transferSyntax is null) throw new ArgumentNullException(nameof(transferSyntax));
        matchingRegions ??= Array.Empty<PixelRegion>();
        if (!risk.HasPixelData) return new PixelDecision(PixelDecisionKind.Pass, Array.Empty<PixelRegion>(), null);
        var why = string.Join("; ", risk.Reasons);
        if (risk.RecognizableVisualFeatures)
            return Quarantine("Recognizable Visual Features = YES: faces or other features cannot be removed by blanking rectangles (" + why + ")");
        var flagged = risk.Risk >= quarantineThreshold;
        var pixelRegions = matchingRegions.Where(r => r is not null).ToList();
        if (!cleanRequested)
            return flagged
                ? Quarantine("burned-in text risk " + risk.Risk + " (" + why + ") and Clean Pixel Data was not requested")
                : Pass(risk);
        if (pixelRegions.Count == 0)
            return flagged ? Quarantine("burned-in text risk " + risk.Risk + " (" + why + ") and no pixel rule covers this image") : Pass(risk);
        var cannot = PixelRedactor.WhyCannotClean(transferSyntax);
        if (cannot is not null)
            return Quarantine(cannot + (flagged ? " (risk " + risk.Risk + ": " + why + ")" : " (a pixel rule matched)"));
        return new PixelDecision(PixelDecisionKind.Clean, pixelRegions, why.Length == 0 ? null : why);
    }

    private static PixelDecision Quarantine(string reason) => new(PixelDecisionKind.Quarantine, Array.Empty<PixelRegion>(), reason);

    private static PixelDecision Pass(BurnedInRiskAssessment risk) =>
        new(PixelDecisionKind.Pass, Array.Empty<PixelRegion>(), risk.Risk == BurnedInRisk.None ? null : "risk " + risk.Risk + " below the quarantine threshold: " + string.Join("; ", risk.Reasons));

    /// <inheritdoc />
    public override string ToString() => Kind + (Kind == PixelDecisionKind.Clean ? " " + Regions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " region(s)" : string.Empty) + (Reason is null ? string.Empty : ": " + Reason);
}
