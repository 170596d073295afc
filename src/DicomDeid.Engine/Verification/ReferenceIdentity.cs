using System;
using System.Collections.Generic;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Verification;

/// <summary>An identifying value taken from an original file, to be searched for in its de-identified output.</summary>
public sealed class ReferenceIdentity
{
    /// <summary>Creates the identity.</summary>
    public ReferenceIdentity(string value, HipaaIdentifier category, string sourceKeyword)
    {
        Value = value;
        Category = category;
        SourceKeyword = sourceKeyword;
    }

    /// <summary>The value (a whole value or one name component).</summary>
    public string Value { get; }

    /// <summary>Safe Harbor category.</summary>
    public HipaaIdentifier Category { get; }

    /// <summary>The keyword of the original element it came from.</summary>
    public string SourceKeyword { get; }
}

/// <summary>
/// Collects identifying values from an original dataset (names with their components, IDs, dates, addresses,
/// phone numbers, institution, device serials, instance UIDs), at every depth.
/// </summary>
public static class ReferenceIdentityCollector
{
    // Keywords whose values identify, with their Safe Harbor category. PN values are always collected.
    private static readonly Dictionary<uint, HipaaIdentifier> Identifying = new()
    {
        [0x00100020] = HipaaIdentifier.MedicalRecordNumbers,   // PatientID
        [0x00101000] = HipaaIdentifier.MedicalRecordNumbers,   // OtherPatentIDs (retired)
        [0x00100021] = HipaaIdentifier.MedicalRecordNumbers,   // IssuerOfPatientID
        [0x00080050] = HipaaIdentifier.AccountNumbers,         // AccessionNumber
        [0x00200010] = HipaaIdentifier.OtherUniqueIdentifiers, // StudyID
        [0x00101040] = HipaaIdentifier.GeographicSubdivisions, // PatientAddress
        [0x00102154] = HipaaIdentifier.TelephoneNumbers,       // PatientTelephoneNumbers
        [0x00080081] = HipaaIdentifier.GeographicSubdivisions, // InstitutionAddress
        [0x00080080] = HipaaIdentifier.OtherUniqueIdentifiers, // InstitutionName
        [0x00081040] = HipaaIdentifier.OtherUniqueIdentifiers, // InstitutionalDepartmentName
        [0x00081010] = HipaaIdentifier.DeviceIdentifiers,      // StationName
        [0x00181000] = HipaaIdentifier.DeviceIdentifiers,      // DeviceSerialNumber
        [0x00181002] = HipaaIdentifier.DeviceIdentifiers,      // DeviceUID
        [0x00100030] = HipaaIdentifier.Dates,                  // PatientBirthDate
        [0x00080020] = HipaaIdentifier.Dates,                  // StudyDate
        [0x00080021] = HipaaIdentifier.Dates,                  // SeriesDate
        [0x00080022] = HipaaIdentifier.Dates,                  // AcquisitionDate
        [0x00080023] = HipaaIdentifier.Dates,                  // ContentDate
        [0x00101090] = HipaaIdentifier.MedicalRecordNumbers,   // MedicalRecordLocator
        [0x00102150] = HipaaIdentifier.GeographicSubdivisions, // CountryOfResidence
        [0x00102152] = HipaaIdentifier.GeographicSubdivisions, // RegionOfResidence
        [0x00380010] = HipaaIdentifier.AccountNumbers,         // AdmissionID
        [0x00400253] = HipaaIdentifier.OtherUniqueIdentifiers, // PerformedProcedureStepID
        [0x00400009] = HipaaIdentifier.OtherUniqueIdentifiers, // ScheduledProcedureStepID
        [0x00401001] = HipaaIdentifier.OtherUniqueIdentifiers, // RequestedProcedureID
        [0x00100050] = HipaaIdentifier.HealthPlanBeneficiaryNumbers, // InsurancePlanIdentification (retired)
        [0x00101002] = HipaaIdentifier.MedicalRecordNumbers,   // OtherPatientIDsSequence handled by walking
    };

    /// <summary>Minimum length of a value worth searching for (shorter ones match everywhere by chance).</summary>
    public const int MinimumLength = 4;

    /// <summary>Collects the identifying values of <paramref name="original"/> (deduplicated, ordinal).</summary>
    public static IReadOnlyList<ReferenceIdentity> Collect(DicomDataset original)
    {
        if (original is null) throw new ArgumentNullException(nameof(original));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<ReferenceIdentity>();
        original.Walk((owner, e) =>
        {
            if (e is DicomSequence || e is DicomFragmentSequence || e.Value.IsDeferred || !e.VR.IsString()) return;
            var keyword = DicomDictionary.Lookup(e.Tag)?.Keyword ?? e.Tag.ToString();
            if (e.VR == DicomVR.PN)
            {
                var pn = e.GetString(owner.CharacterSet);
                Add(pn, HipaaIdentifier.Names, keyword);
                foreach (var part in pn.Split('^', '=', '\\')) Add(part, HipaaIdentifier.Names, keyword);
                return;
            }
            if (e.VR == DicomVR.UI)
            {
                var uid = e.GetString(null);
                if (uid.Length > 0 && !DicomUidRegistry.IsWellKnown(uid) && IsInstanceUidTag(e.Tag)) Add(uid, HipaaIdentifier.OtherUniqueIdentifiers, keyword);
                return;
            }
            if (Identifying.TryGetValue(e.Tag.Value, out var cat))
            {
                foreach (var v in e.GetStrings(owner.CharacterSet)) Add(v, cat, keyword);
            }
        });
        return list;

        void Add(string value, HipaaIdentifier category, string keyword)
        {
            var v = value.Trim();
            if (v.Length < MinimumLength || IsPlaceholder(v) || !seen.Add(v)) return;
            list.Add(new ReferenceIdentity(v, category, keyword));
        }
    }

    // Values that were never identity (an already anonymised original) and that outputs legitimately carry as dummies.
    private static bool IsPlaceholder(string v) =>
        v.Equals("ANONYMOUS", StringComparison.OrdinalIgnoreCase) || v.Equals("ANONYMIZED", StringComparison.OrdinalIgnoreCase)
        || v.Equals("ANONYMISED", StringComparison.OrdinalIgnoreCase) || v.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase)
        || v.Equals("REMOVED", StringComparison.OrdinalIgnoreCase) || v.Equals("DUMMY", StringComparison.OrdinalIgnoreCase)
        || v.Equals("NONE", StringComparison.OrdinalIgnoreCase) || v.Equals("19000101", StringComparison.Ordinal);

    // UIDs that identify instances: study, series, SOP instance, frame of reference, referenced instances...
    private static bool IsInstanceUidTag(DicomTag tag) =>
        tag.Value is 0x0020000D or 0x0020000E or 0x00080018 or 0x00200052 or 0x00081155 or 0x00020003 or 0x00080014
            or 0x00181002 or 0x0040A124 or 0x00209161 or 0x30060024 or 0x300A0013;
}
