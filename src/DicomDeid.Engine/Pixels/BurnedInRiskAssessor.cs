using System;
using System.Collections.Generic;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>How likely an image carries text or other identifying content burned into its pixels.</summary>
public enum BurnedInRisk
{
    /// <summary>Nothing in the header suggests burned-in text (it may still be there; no header can prove otherwise).</summary>
    None = 0,
    /// <summary>Derived or secondary images and other weak hints.</summary>
    Possible = 1,
    /// <summary>Kinds of image that usually carry text (ultrasound, screen captures, video, scanned documents) without a declaration.</summary>
    Likely = 2,
    /// <summary>The file itself says so: Burned In Annotation (0028,0301) or Recognizable Visual Features (0028,0302) is YES.</summary>
    Declared = 3,
}

/// <summary>The result of <see cref="BurnedInRiskAssessor.Assess"/>: the risk and every reason found.</summary>
public sealed class BurnedInRiskAssessment
{
    internal BurnedInRiskAssessment(BurnedInRisk risk, IReadOnlyList<string> reasons, bool recognizableVisualFeatures, bool hasPixelData)
    {
        Risk = risk;
        Reasons = reasons;
        RecognizableVisualFeatures = recognizableVisualFeatures;
        HasPixelData = hasPixelData;
    }

    /// <summary>The highest risk any reason gives.</summary>
    public BurnedInRisk Risk { get; }

    /// <summary>Human-readable reasons, e.g. <c>BurnedInAnnotation=YES</c> or <c>Modality=US without BurnedInAnnotation</c>.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>True when Recognizable Visual Features (0028,0302) is YES: rectangles cannot remove a face, so such files are quarantined.</summary>
    public bool RecognizableVisualFeatures { get; }

    /// <summary>True when the dataset has Pixel Data (7FE0,0010); without it the risk is always <see cref="BurnedInRisk.None"/>.</summary>
    public bool HasPixelData { get; }

    /// <inheritdoc />
    public override string ToString() => Risk + (Reasons.Count > 0 ? ": " + string.Join("; ", Reasons) : string.Empty);
}

/// <summary>
/// Judges from the header alone whether pixel data may carry burned-in text. Never reads pixel data.
/// An explicit Burned In Annotation = NO is trusted (the reason is still recorded); an absent one is judged
/// by SOP class, modality, Image Type and Conversion Type.
/// </summary>
public static class BurnedInRiskAssessor
{
    // SOP classes whose images are usually screens, documents or camera pictures with text.
    private static readonly Dictionary<string, string> TextProneSopClasses = new(StringComparer.Ordinal)
    {
        ["1.2.840.10008.5.1.4.1.1.7"] = "Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.1"] = "Multi-frame Single Bit Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.2"] = "Multi-frame Grayscale Byte Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.3"] = "Multi-frame Grayscale Word Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.7.4"] = "Multi-frame True Color Secondary Capture",
        ["1.2.840.10008.5.1.4.1.1.6.1"] = "Ultrasound Image",
        ["1.2.840.10008.5.1.4.1.1.6"] = "Ultrasound Image (retired)",
        ["1.2.840.10008.5.1.4.1.1.3.1"] = "Ultrasound Multi-frame Image",
        ["1.2.840.10008.5.1.4.1.1.3"] = "Ultrasound Multi-frame Image (retired)",
        ["1.2.840.10008.5.1.4.1.1.6.2"] = "Enhanced US Volume",
        ["1.2.840.10008.5.1.4.1.1.77.1.1"] = "VL Endoscopic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.1.1"] = "Video Endoscopic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.2"] = "VL Microscopic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.2.1"] = "Video Microscopic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.3"] = "VL Slide-Coordinates Microscopic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.4"] = "VL Photographic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.4.1"] = "Video Photographic Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.5.1"] = "Ophthalmic Photography 8 Bit Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.5.2"] = "Ophthalmic Photography 16 Bit Image",
        ["1.2.840.10008.5.1.4.1.1.77.1.5.4"] = "Ophthalmic Tomography Image",
        ["1.2.840.10008.5.1.4.1.1.104.1"] = "Encapsulated PDF",
    };

    // Modalities (CID 29/33 terms) whose images usually carry annotation or are pictures/documents.
    private static readonly HashSet<string> TextProneModalities = new(StringComparer.Ordinal)
    {
        "US", "IVUS", "OT", "SC", "XC", "ES", "GM", "DOC", "OP", "SM", "ECG", "HD", "KO",
    };

    // Image Type values typical of screen captures and reports (Likely) and of derived images (Possible).
    private static readonly string[] ScreenImageTypeValues = { "SCREEN", "SCREEN SHOT", "SCREENSHOT", "SCREEN SAVE", "SAVE", "REPORT", "DOSE", "DOSE_INFO", "DOSE REPORT", "VXTL STATE", "DEMOGRAPHICDATA", "REPORTDATA" };
    private static readonly string[] DerivedImageTypeValues = { "SECONDARY", "DERIVED", "VOLREN", "MPR", "MIP", "CSA RESAMPLED", "CSA 3D EDITOR", "PROJECTION IMAGE" };

    // Conversion Type (0008,0064) values: screen capture, scanned document/image, workstation, digital interface.
    private static readonly HashSet<string> TextProneConversionTypes = new(StringComparer.Ordinal) { "WSD", "SD", "SI", "DI", "DRW", "SYN", "VID" };

    /// <summary>Assesses <paramref name="dataset"/>; reads header attributes only.</summary>
    public static BurnedInRiskAssessment Assess(DicomDataset dataset)
    {
        if (dataset is null) throw new ArgumentNullException(nameof(dataset));
        var reasons = new List<string>();
        var risk = BurnedInRisk.None;
        var hasPixels = dataset.Contains(PixelTags.PixelData);
        void Raise(BurnedInRisk r, string reason)
        {
            reasons.Add(reason);
            if (r > risk) risk = r;
        }

        var rvf = Upper(dataset.GetString(PixelTags.RecognizableVisualFeatures));
        var recognizable = rvf == "YES";
        var bia = Upper(dataset.GetString(PixelTags.BurnedInAnnotation));
        if (!hasPixels)
        {
            // Encapsulated documents and SR have no pixels to clean; their text is the header engine's business.
            return new BurnedInRiskAssessment(BurnedInRisk.None, new[] { "no Pixel Data (7FE0,0010)" }, recognizable, false);
        }
        if (recognizable) Raise(BurnedInRisk.Declared, "RecognizableVisualFeatures=YES");
        if (bia == "YES")
        {
            Raise(BurnedInRisk.Declared, "BurnedInAnnotation=YES");
            return Done();
        }
        if (bia == "NO")
        {
            reasons.Add("BurnedInAnnotation=NO (trusted)");
            return Done();
        }
        var absent = bia is null || bia.Length == 0 ? "without BurnedInAnnotation" : "with BurnedInAnnotation='" + bia + "'";

        var sop = dataset.GetString(PixelTags.SopClassUid)?.Trim('\0', ' ');
        if (sop is not null && TextProneSopClasses.TryGetValue(sop, out var sopName)) Raise(BurnedInRisk.Likely, "SOPClass=" + sopName + " " + absent);

        var modality = Upper(dataset.GetString(PixelTags.Modality));
        if (modality is not null && TextProneModalities.Contains(modality)) Raise(BurnedInRisk.Likely, "Modality=" + modality + " " + absent);

        var conversion = Upper(dataset.GetString(PixelTags.ConversionType));
        if (conversion is not null && TextProneConversionTypes.Contains(conversion)) Raise(BurnedInRisk.Likely, "ConversionType=" + conversion + " " + absent);

        var imageType = dataset.Get(PixelTags.ImageType)?.GetStrings(dataset.CharacterSet) ?? Array.Empty<string>();
        foreach (var raw in imageType)
        {
            var v = raw.Trim().ToUpperInvariant();
            if (Array.IndexOf(ScreenImageTypeValues, v) >= 0) Raise(BurnedInRisk.Likely, "ImageType contains " + v + " " + absent);
            else if (Array.IndexOf(DerivedImageTypeValues, v) >= 0) Raise(BurnedInRisk.Possible, "ImageType contains " + v + " " + absent);
        }

        var series = Upper(dataset.GetString(PixelTags.SeriesDescription));
        if (series is not null && (series.IndexOf("DOSE", StringComparison.Ordinal) >= 0 || series.IndexOf("REPORT", StringComparison.Ordinal) >= 0 || series.IndexOf("SCREEN", StringComparison.Ordinal) >= 0))
            Raise(BurnedInRisk.Possible, "SeriesDescription suggests a report or screen capture " + absent);

        return Done();

        BurnedInRiskAssessment Done() => new(risk, reasons, recognizable, true);
    }

    private static string? Upper(string? s) => s?.Trim().ToUpperInvariant();
}
