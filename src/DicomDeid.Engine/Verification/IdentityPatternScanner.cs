using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace DicomDeid.Engine.Verification;

/// <summary>One identity-like pattern found in free text.</summary>
public sealed class IdentityPatternMatch
{
    /// <summary>Creates a match.</summary>
    public IdentityPatternMatch(string kind, HipaaIdentifier category, int index, int length)
    {
        Kind = kind;
        Category = category;
        Index = index;
        Length = length;
    }

    /// <summary>The pattern kind: Email, Phone, SSN, MRN, URL, IPv4, IPv6, Date, PostalCode, StreetAddress, TitledName, LabelledName.</summary>
    public string Kind { get; }

    /// <summary>The Safe Harbor category the pattern belongs to.</summary>
    public HipaaIdentifier Category { get; }

    /// <summary>Start of the match in the scanned text.</summary>
    public int Index { get; }

    /// <summary>Length of the match.</summary>
    public int Length { get; }
}

/// <summary>
/// Finds identity-like patterns in free text (PN/LO/SH/ST/LT/UT/UC values, SR text): person names next to titles or
/// labels, phone numbers, e-mail, national ID / MRN-like numbers, postal addresses and codes, URLs, IP addresses, dates.
/// Heuristic by nature: it flags what a person must look at; it does not prove absence.
/// </summary>
public static class IdentityPatternScanner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    // Interpreted: values are short, and compiling a dozen patterns costs more at module load than it saves.
    private const RegexOptions Opts = RegexOptions.CultureInvariant;

    private sealed class Pattern
    {
        public Pattern(string kind, HipaaIdentifier category, string regex, RegexOptions extra = RegexOptions.None)
        {
            Kind = kind;
            Category = category;
            Regex = new Regex(regex, Opts | extra, Timeout);
        }

        public string Kind { get; }
        public HipaaIdentifier Category { get; }
        public Regex Regex { get; }
    }

    // Order matters only for reporting; overlapping matches of later patterns inside an earlier one are dropped.
    private static readonly Pattern[] Patterns =
    {
        new("Email", HipaaIdentifier.EmailAddresses, @"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b"),
        new("URL", HipaaIdentifier.Urls, @"\b(?:https?|ftp)://[^\s\\]+|\bwww\.[A-Za-z0-9\-]+\.[A-Za-z0-9.\-/]+", RegexOptions.IgnoreCase),
        new("IPv4", HipaaIdentifier.IpAddresses, @"(?<![\d.vV])(?<!version\s)(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![.\d])"),
        new("IPv6", HipaaIdentifier.IpAddresses, @"\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4})?\b"),
        // Labelled numbers first: the label tells the category better than the digits do.
        new("Fax", HipaaIdentifier.FaxNumbers, @"\b(?:Fax|Telefax|Facsimile)\s*(?:No\.?|#|:)?\s*[:#]?\s*\+?[\d(][\d\s().\-]{6,}\d", RegexOptions.IgnoreCase),
        new("HealthPlanNumber", HipaaIdentifier.HealthPlanBeneficiaryNumbers, @"\b(?:Member\s*ID|Policy\s*(?:No|Number|#)|Health\s*Plan\s*(?:ID|No|#)|Medicaid\s*(?:ID|No)|Medicare\s*(?:ID|No)|Insurance\s*(?:ID|No|#))\s*[:#]?\s*[A-Z0-9\-]{5,}\b", RegexOptions.IgnoreCase),
        new("LicenseNumber", HipaaIdentifier.CertificateLicenseNumbers, @"\b(?:License|Licence|Lic\.|Certificate|DEA|NPI)\s*(?:No\.?|Number|#)?\s*[:#]?\s*[A-Z0-9\-]*\d[A-Z0-9\-]{3,}\b", RegexOptions.IgnoreCase),
        new("VehicleId", HipaaIdentifier.VehicleIdentifiers, @"\b(?:VIN\s*[:#]?\s*[A-HJ-NPR-Z0-9]{17}|(?:License|Licence|Number)\s*Plate\s*[:#]?\s*[A-Z0-9\- ]{4,9})\b", RegexOptions.IgnoreCase),
        new("SSN", HipaaIdentifier.SocialSecurityNumbers, @"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b"),
        new("Phone", HipaaIdentifier.TelephoneNumbers, @"(?<![\w.])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)[\s.\-]?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]\d{3,4}\b"),
        new("MRN", HipaaIdentifier.MedicalRecordNumbers, @"\b(?:MRN|MR#|MR\s*No\.?|Med(?:ical)?\s*Rec(?:ord)?(?:\s*(?:No|Number|#))?|Patient\s*ID|PID|Acc(?:ession)?\s*(?:No|#)?)\s*[:#]?\s*[A-Z0-9\-]{4,}\b", RegexOptions.IgnoreCase),
        new("Date", HipaaIdentifier.Dates, @"\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2})\b", RegexOptions.IgnoreCase),
        new("StreetAddress", HipaaIdentifier.GeographicSubdivisions, @"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Straße|Strasse|Weg|Rue)\b\.?"),
        new("PostalCode", HipaaIdentifier.GeographicSubdivisions, @"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b\d{5}-\d{4}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"),
        new("TitledName", HipaaIdentifier.Names, @"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sr|Sra|Herr|Frau|Mme|Mlle)\.?\s+[A-Z][A-Za-z'\-]+(?:[\s^]+[A-Z][A-Za-z'\-]+)?"),
        new("LabelledName", HipaaIdentifier.Names, @"\b(?:Patient(?:'s)?\s+Name|Name|Physician|Referring|Signed\s+by|Dictated\s+by|Reported\s+by|Technologist|Operator)\s*[:=]\s*[A-Z][A-Za-z'\-]+(?:[\s,^]+[A-Z][A-Za-z'\-]+)?", RegexOptions.IgnoreCase),
    };

    /// <summary>Every pattern kind the scanner knows, with its Safe Harbor category.</summary>
    public static IEnumerable<KeyValuePair<string, HipaaIdentifier>> Kinds
    {
        get
        {
            foreach (var p in Patterns) yield return new KeyValuePair<string, HipaaIdentifier>(p.Kind, p.Category);
        }
    }

    /// <summary>Scans <paramref name="text"/>; returns non-overlapping matches in text order.</summary>
    public static IReadOnlyList<IdentityPatternMatch> Scan(string? text)
    {
        var result = new List<IdentityPatternMatch>();
        if (string.IsNullOrEmpty(text) || !MayContainIdentity(text!)) return result;
        var taken = new List<(int Start, int End)>();
        foreach (var p in Patterns)
        {
            MatchCollection matches;
            try
            {
                matches = p.Regex.Matches(text!);
                foreach (Match m in matches)
                {
                    if (!m.Success || m.Length == 0 || Overlaps(taken, m.Index, m.Index + m.Length)) continue;
                    taken.Add((m.Index, m.Index + m.Length));
                    result.Add(new IdentityPatternMatch(p.Kind, p.Category, m.Index, m.Length));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological value: report it for a person to look at instead of hanging the scan.
                result.Clear();
                result.Add(new IdentityPatternMatch("Unscannable", HipaaIdentifier.OtherUniqueIdentifiers, 0, text!.Length));
                return result;
            }
        }
        result.Sort((a, b) => a.Index.CompareTo(b.Index));
        return result;
    }

    // Cheap pre-filter: short codes and plain numbers are the bulk of DICOM text; skip the regexes for them.
    private static bool MayContainIdentity(string text)
    {
        if (text.Length < 4) return false;
        foreach (var c in text)
            if (c == '@' || c == ':' || c == '/' || c == '-' || c == '.' || c == ' ' || c == '(' || c == '^') return true;
        return false;
    }

    private static bool Overlaps(List<(int Start, int End)> taken, int start, int end)
    {
        foreach (var t in taken)
            if (start < t.End && t.Start < end) return true;
        return false;
    }

    /// <summary>
    /// Masks a value for reports: keeps the first and last character of each word and the length, so a person can
    /// recognise a finding without the report becoming a new copy of the identifier.
    /// </summary>
    public static string Mask(string? value, int maxLength = 32)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        var chars = value!.ToCharArray();
        var wordStart = 0;
        for (var i = 0; i <= chars.Length; i++)
        {
            if (i == chars.Length || !char.IsLetterOrDigit(chars[i]))
            {
                var len = i - wordStart;
                for (var k = wordStart + 1; k < i - 1; k++) chars[k] = '*';
                if (len == 2) chars[wordStart + 1] = '*';
                wordStart = i + 1;
            }
        }
        var s = new string(chars);
        return s.Length > maxLength ? s.Substring(0, maxLength) + "…" : s;
    }
}
