using System;
using System.Collections.Generic;

namespace DicomDeid.Engine;

/// <summary>The options of PS3.15 E.3 by their canonical names, with their Table E.1-1 column and CID 7050 code.</summary>
public static class DeidOptions
{
    /// <summary>Retain Safe Private Option (E.3.10).</summary>
    public const string RetainSafePrivate = "RetainSafePrivate";
    /// <summary>Retain UIDs Option (E.3.9).</summary>
    public const string RetainUIDs = "RetainUIDs";
    /// <summary>Retain Device Identity Option (E.3.8).</summary>
    public const string RetainDeviceIdentity = "RetainDeviceIdentity";
    /// <summary>Retain Institution Identity Option (E.3.11).</summary>
    public const string RetainInstitutionIdentity = "RetainInstitutionIdentity";
    /// <summary>Retain Patient Characteristics Option (E.3.7).</summary>
    public const string RetainPatientCharacteristics = "RetainPatientCharacteristics";
    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option (E.3.6).</summary>
    public const string RetainLongitudinalFullDates = "RetainLongitudinalFullDates";
    /// <summary>Retain Longitudinal Temporal Information with Modified Dates Option (E.3.6).</summary>
    public const string RetainLongitudinalModifiedDates = "RetainLongitudinalModifiedDates";
    /// <summary>Clean Descriptors Option (E.3.5).</summary>
    public const string CleanDescriptors = "CleanDescriptors";
    /// <summary>Clean Structured Content Option (E.3.4).</summary>
    public const string CleanStructuredContent = "CleanStructuredContent";
    /// <summary>Clean Graphics Option (E.3.3).</summary>
    public const string CleanGraphics = "CleanGraphics";
    /// <summary>Clean Pixel Data Option (E.3.1): pixel work, no Table E.1-1 column.</summary>
    public const string CleanPixelData = "CleanPixelData";
    /// <summary>Clean Recognizable Visual Features Option (E.3.2): pixel work, no Table E.1-1 column.</summary>
    public const string CleanRecognizableVisualFeatures = "CleanRecognizableVisualFeatures";

    /// <summary>Every option name, in the order of CID 7050 codes of the table columns.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        RetainSafePrivate, RetainUIDs, RetainDeviceIdentity, RetainInstitutionIdentity, RetainPatientCharacteristics,
        RetainLongitudinalFullDates, RetainLongitudinalModifiedDates, CleanDescriptors, CleanStructuredContent, CleanGraphics,
        CleanPixelData, CleanRecognizableVisualFeatures,
    };

    /// <summary>The options that concern pixel data (accepted; the pixel work acts on them).</summary>
    public static IReadOnlyList<string> PixelOptions { get; } = new[] { CleanPixelData, CleanRecognizableVisualFeatures };

    private static readonly Dictionary<string, string> Aliases = Build();

    private static Dictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var o in All) d[o] = o;
        d["RetainUids"] = RetainUIDs;
        d["RetainLongitudinalTemporalInformationFullDates"] = RetainLongitudinalFullDates;
        d["RetainLongitudinalTemporalInformationModifiedDates"] = RetainLongitudinalModifiedDates;
        d["RetainLongFullDates"] = RetainLongitudinalFullDates;
        d["RetainLongModifiedDates"] = RetainLongitudinalModifiedDates;
        return d;
    }

    /// <summary>The canonical name of an option (case-insensitive; a few long forms accepted), or null when unknown.</summary>
    public static string? Normalize(string? name) => name is not null && Aliases.TryGetValue(name.Trim(), out var c) ? c : null;

    /// <summary>The CID 7050 code value (scheme DCM) of an option: 113101..113112.</summary>
    public static string CodeValue(string option) => option switch
    {
        CleanPixelData => "113101",
        CleanRecognizableVisualFeatures => "113102",
        CleanGraphics => "113103",
        CleanStructuredContent => "113104",
        CleanDescriptors => "113105",
        RetainLongitudinalFullDates => "113106",
        RetainLongitudinalModifiedDates => "113107",
        RetainPatientCharacteristics => "113108",
        RetainDeviceIdentity => "113109",
        RetainUIDs => "113110",
        RetainSafePrivate => "113111",
        RetainInstitutionIdentity => "113112",
        _ => throw new ArgumentException("Unknown option " + option, nameof(option)),
    };

    /// <summary>CID 7050 code of the Basic Application Level Confidentiality Profile.</summary>
    public const string BasicProfileCodeValue = "113100";
}
