using System.Collections.Generic;

namespace DicomDeid.Engine.Verification;

/// <summary>The 18 identifiers of the HIPAA Safe Harbor method, 45 CFR 164.514(b)(2)(i)(A)-(R), numbered 1-18.</summary>
public enum HipaaIdentifier
{
    /// <summary>Not a Safe Harbor identifier (a DICOM-specific check).</summary>
    None = 0,
    /// <summary>(A) Names.</summary>
    Names = 1,
    /// <summary>(B) Geographic subdivisions smaller than a state, incl. street address, city, county, ZIP code.</summary>
    GeographicSubdivisions = 2,
    /// <summary>(C) All elements of dates (except year) directly related to an individual, and ages over 89.</summary>
    Dates = 3,
    /// <summary>(D) Telephone numbers.</summary>
    TelephoneNumbers = 4,
    /// <summary>(E) Fax numbers.</summary>
    FaxNumbers = 5,
    /// <summary>(F) Electronic mail addresses.</summary>
    EmailAddresses = 6,
    /// <summary>(G) Social security numbers.</summary>
    SocialSecurityNumbers = 7,
    /// <summary>(H) Medical record numbers.</summary>
    MedicalRecordNumbers = 8,
    /// <summary>(I) Health plan beneficiary numbers.</summary>
    HealthPlanBeneficiaryNumbers = 9,
    /// <summary>(J) Account numbers.</summary>
    AccountNumbers = 10,
    /// <summary>(K) Certificate/license numbers.</summary>
    CertificateLicenseNumbers = 11,
    /// <summary>(L) Vehicle identifiers and serial numbers, including license plate numbers.</summary>
    VehicleIdentifiers = 12,
    /// <summary>(M) Device identifiers and serial numbers.</summary>
    DeviceIdentifiers = 13,
    /// <summary>(N) Web Universal Resource Locators (URLs).</summary>
    Urls = 14,
    /// <summary>(O) Internet Protocol (IP) address numbers.</summary>
    IpAddresses = 15,
    /// <summary>(P) Biometric identifiers, including finger and voice prints.</summary>
    BiometricIdentifiers = 16,
    /// <summary>(Q) Full face photographic images and any comparable images.</summary>
    FullFacePhotographs = 17,
    /// <summary>(R) Any other unique identifying number, characteristic, or code.</summary>
    OtherUniqueIdentifiers = 18,
}

/// <summary>Descriptions of the Safe Harbor identifiers for reports.</summary>
public static class HipaaIdentifiers
{
    private static readonly Dictionary<HipaaIdentifier, string> Text = new()
    {
        [HipaaIdentifier.Names] = "Names",
        [HipaaIdentifier.GeographicSubdivisions] = "Geographic subdivisions smaller than a state (address, city, ZIP)",
        [HipaaIdentifier.Dates] = "Dates (except year) related to the individual; ages over 89",
        [HipaaIdentifier.TelephoneNumbers] = "Telephone numbers",
        [HipaaIdentifier.FaxNumbers] = "Fax numbers",
        [HipaaIdentifier.EmailAddresses] = "E-mail addresses",
        [HipaaIdentifier.SocialSecurityNumbers] = "Social security numbers",
        [HipaaIdentifier.MedicalRecordNumbers] = "Medical record numbers",
        [HipaaIdentifier.HealthPlanBeneficiaryNumbers] = "Health plan beneficiary numbers",
        [HipaaIdentifier.AccountNumbers] = "Account numbers",
        [HipaaIdentifier.CertificateLicenseNumbers] = "Certificate/license numbers",
        [HipaaIdentifier.VehicleIdentifiers] = "Vehicle identifiers and serial numbers",
        [HipaaIdentifier.DeviceIdentifiers] = "Device identifiers and serial numbers",
        [HipaaIdentifier.Urls] = "Web URLs",
        [HipaaIdentifier.IpAddresses] = "IP addresses",
        [HipaaIdentifier.BiometricIdentifiers] = "Biometric identifiers",
        [HipaaIdentifier.FullFacePhotographs] = "Full-face photographs and comparable images",
        [HipaaIdentifier.OtherUniqueIdentifiers] = "Any other unique identifying number, characteristic or code",
    };

    /// <summary>A short description of <paramref name="id"/>.</summary>
    public static string Describe(HipaaIdentifier id) => Text.TryGetValue(id, out var s) ? s : "DICOM-specific check";
}
