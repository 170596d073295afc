using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Verification;

/// <summary>How a Safe Harbor identifier is handled by a profile.</summary>
public enum SafeHarborCoverage
{
    /// <summary>Every DICOM attribute that carries it is removed, emptied, replaced or cleaned by a rule.</summary>
    Rule,
    /// <summary>Some attributes that carry it are kept by an option of the profile.</summary>
    Partial,
    /// <summary>No header rule can remove it: a person must review (pixels, faces, free text, biometrics).</summary>
    Review,
}

/// <summary>One row of the Safe Harbor table of a report.</summary>
public sealed class SafeHarborRow
{
    /// <summary>Creates a row.</summary>
    public SafeHarborRow(HipaaIdentifier identifier, SafeHarborCoverage coverage, string coveredBy, int findingCount)
    {
        Identifier = identifier;
        Coverage = coverage;
        CoveredBy = coveredBy;
        FindingCount = findingCount;
    }

    /// <summary>The identifier's number, 1-18.</summary>
    public int Number => (int)Identifier;

    /// <summary>The identifier.</summary>
    public HipaaIdentifier Identifier { get; }

    /// <summary>A short description.</summary>
    public string Description => HipaaIdentifiers.Describe(Identifier);

    /// <summary>Rule, Partial or Review.</summary>
    public SafeHarborCoverage Coverage { get; }

    /// <summary>The attributes and actions (or checks) that cover it.</summary>
    public string CoveredBy { get; }

    /// <summary>Findings of this category in the verified files.</summary>
    public int FindingCount { get; }
}

/// <summary>A summary of a verification run: files passed/failed, findings by category, and the Safe Harbor table.</summary>
public sealed class DeidReport
{
    /// <summary>The profile name.</summary>
    public string Profile { get; set; } = string.Empty;

    /// <summary>The options in force.</summary>
    public IReadOnlyList<string> Options { get; set; } = Array.Empty<string>();

    /// <summary>Files verified.</summary>
    public int FilesChecked { get; set; }

    /// <summary>Files without Warning/Error findings.</summary>
    public int FilesPassed { get; set; }

    /// <summary>Files with at least one Warning/Error finding.</summary>
    public int FilesFailed => FilesChecked - FilesPassed;

    /// <summary>Warning/Error findings per Safe Harbor category (None = DICOM-specific checks).</summary>
    public IReadOnlyDictionary<HipaaIdentifier, int> FindingsByCategory { get; set; } = new Dictionary<HipaaIdentifier, int>();

    /// <summary>Warning/Error findings per check.</summary>
    public IReadOnlyDictionary<string, int> FindingsByCheck { get; set; } = new Dictionary<string, int>();

    /// <summary>The 18 Safe Harbor identifiers and how the profile covers each.</summary>
    public IReadOnlyList<SafeHarborRow> SafeHarbor { get; set; } = Array.Empty<SafeHarborRow>();

    /// <summary>Builds a report from verification results and the expectations they were checked against.</summary>
    public static DeidReport Build(IEnumerable<DeidVerificationResult> results, ProfileExpectations expectations)
    {
        if (results is null) throw new ArgumentNullException(nameof(results));
        if (expectations is null) throw new ArgumentNullException(nameof(expectations));
        var report = new DeidReport { Profile = expectations.ProfileName, Options = new List<string>(expectations.Options) };
        var byCategory = new Dictionary<HipaaIdentifier, int>();
        var byCheck = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            report.FilesChecked++;
            if (r.Passed) report.FilesPassed++;
            foreach (var f in r.Findings)
            {
                if (f.Severity == FindingSeverity.Info) continue;
                byCategory[f.HipaaCategory] = byCategory.TryGetValue(f.HipaaCategory, out var n) ? n + 1 : 1;
                byCheck[f.Check] = byCheck.TryGetValue(f.Check, out var m) ? m + 1 : 1;
            }
        }
        report.FindingsByCategory = byCategory;
        report.FindingsByCheck = byCheck;
        var rows = new List<SafeHarborRow>();
        foreach (HipaaIdentifier id in Enum.GetValues(typeof(HipaaIdentifier)))
        {
            if (id == HipaaIdentifier.None) continue;
            var (coverage, by) = Cover(id, expectations);
            rows.Add(new SafeHarborRow(id, coverage, by, byCategory.TryGetValue(id, out var c) ? c : 0));
        }
        report.SafeHarbor = rows;
        return report;
    }

    // The attributes that typically carry each identifier in DICOM headers.
    private static readonly Dictionary<HipaaIdentifier, string[]> Carriers = new()
    {
        [HipaaIdentifier.Names] = new[] { "PatientName", "OtherPatientNames", "PatientBirthName", "PatientMotherBirthName", "ReferringPhysicianName", "PerformingPhysicianName", "OperatorsName", "NameOfPhysiciansReadingStudy", "RequestingPhysician", "ResponsiblePerson" },
        [HipaaIdentifier.GeographicSubdivisions] = new[] { "PatientAddress", "InstitutionAddress", "RegionOfResidence", "CountryOfResidence" },
        [HipaaIdentifier.Dates] = new[] { "PatientBirthDate", "StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate", "AcquisitionDateTime", "PatientAge" },
        [HipaaIdentifier.TelephoneNumbers] = new[] { "PatientTelephoneNumbers", "ReferringPhysicianTelephoneNumbers", "PersonTelephoneNumbers" },
        [HipaaIdentifier.MedicalRecordNumbers] = new[] { "PatientID", "OtherPatientIDsSequence", "MedicalRecordLocator", "IssuerOfPatientID" },
        [HipaaIdentifier.SocialSecurityNumbers] = new[] { "PatientID", "OtherPatientIDsSequence" },
        [HipaaIdentifier.HealthPlanBeneficiaryNumbers] = new[] { "PatientInsurancePlanCodeSequence" },
        [HipaaIdentifier.AccountNumbers] = new[] { "AccessionNumber", "AdmissionID", "StudyID" },
        [HipaaIdentifier.DeviceIdentifiers] = new[] { "DeviceSerialNumber", "StationName", "DeviceUID", "DetectorID", "GantryID" },
        [HipaaIdentifier.OtherUniqueIdentifiers] = new[] { "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID" },
    };

    private static (SafeHarborCoverage, string) Cover(HipaaIdentifier id, ProfileExpectations e)
    {
        switch (id)
        {
            case HipaaIdentifier.FaxNumbers:
            case HipaaIdentifier.EmailAddresses:
            case HipaaIdentifier.CertificateLicenseNumbers:
            case HipaaIdentifier.VehicleIdentifiers:
            case HipaaIdentifier.Urls:
            case HipaaIdentifier.IpAddresses:
                return (SafeHarborCoverage.Review, "No dedicated attribute: free text is removed with its attributes and scanned for patterns; burned-in text needs Clean Pixel Data or review.");
            case HipaaIdentifier.BiometricIdentifiers:
                return (SafeHarborCoverage.Review, "Not addressed by header rules (e.g. waveforms, voice in video): human review.");
            case HipaaIdentifier.FullFacePhotographs:
                return e.Has("CleanRecognizableVisualFeatures")
                    ? (SafeHarborCoverage.Rule, "Clean Recognizable Visual Features option (113102)")
                    : (SafeHarborCoverage.Review, "Full-face photographs and head CT/MR reconstructions need Clean Recognizable Visual Features or human review.");
        }
        var sb = new StringBuilder();
        var kept = false;
        foreach (var kw in Carriers[id])
        {
            if (!DicomDictionary.TryGetTag(kw, out var tag)) continue;
            var action = e.Lookup(tag)?.Action ?? "(VR policy)";
            if (action == "K") kept = true;
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(kw).Append(": ").Append(action);
        }
        if (id == HipaaIdentifier.OtherUniqueIdentifiers)
        {
            sb.Append("; private attributes: ").Append(e.PrivateAction);
            sb.Append(e.Has("CleanPixelData") ? "; burned-in text: Clean Pixel Data (113101)" : "; burned-in text: review");
        }
        return (kept ? SafeHarborCoverage.Partial : SafeHarborCoverage.Rule, sb.ToString());
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}: {1} checked, {2} passed, {3} failed", Profile, FilesChecked, FilesPassed, FilesFailed);
}
