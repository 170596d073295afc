using System;
using System.Collections.Generic;
using System.Globalization;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;

namespace DicomDeid.Engine.Verification;

/// <summary>The verification result of one file. Property names are stable (CSV/JSON columns).</summary>
public sealed class DeidVerificationResult
{
    /// <summary>Creates a result.</summary>
    public DeidVerificationResult(string path, IReadOnlyList<DeidFinding> findings, string? referencePath)
    {
        Path = path;
        Findings = findings;
        ReferencePath = referencePath;
    }

    /// <summary>The verified file.</summary>
    public string Path { get; }

    /// <summary>The original it was compared with (leak scan), or null.</summary>
    public string? ReferencePath { get; }

    /// <summary>True when no finding of severity Warning or Error was made.</summary>
    public bool Passed
    {
        get
        {
            foreach (var f in Findings) if (f.Severity != FindingSeverity.Info) return false;
            return true;
        }
    }

    /// <summary>Every finding.</summary>
    public IReadOnlyList<DeidFinding> Findings { get; }

    /// <summary>Number of findings of severity Warning or Error.</summary>
    public int FailureCount
    {
        get
        {
            var n = 0;
            foreach (var f in Findings) if (f.Severity != FindingSeverity.Info) n++;
            return n;
        }
    }
}

/// <summary>
/// Checks a de-identified file against Table E.1-1 and the options used, without the original: removed, emptied and
/// replaced attributes at every depth, private elements, dates, UIDs, evidence markers, identity patterns in free text,
/// burned-in text risk and encapsulated documents. With the original, adds the leak scan (<see cref="LeakScanner"/>).
/// Thread-safe: one verifier can check many files in parallel.
/// </summary>
public sealed class DeidVerifier
{
    private static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);
    private static readonly DicomTag MethodCodeSequence = new(0x0012, 0x0064);
    private static readonly DicomTag LongitudinalModified = new(0x0028, 0x0303);
    private static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);
    private static readonly DicomTag EncapsulatedDocument = new(0x0042, 0x0011);
    private static readonly DicomTag PrivateCharacteristicsSequence = new(0x0008, 0x0300);
    private static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    private static readonly DicomTag DeidentificationMethod = new(0x0012, 0x0063);
    private static readonly DicomTag MediaStorageSopInstanceUid = new(0x0002, 0x0003);

    // Code Value, Coding Scheme Designator/Version, Long Code Value, URN Code Value.
    private static readonly HashSet<uint> CodedEntryTags = new() { 0x00080100, 0x00080102, 0x00080103, 0x00080119, 0x00080120 };

    // Manufacturer, Manufacturer's Model Name, Software Versions, Manufacturer's Device Class/Type descriptions.
    private static readonly HashSet<uint> DeviceDescriptionTags = new() { 0x00080070, 0x00081090, 0x00181020, 0x00500020 };

    private readonly ProfileExpectations _expect;
    private readonly Dictionary<string, HashSet<byte>> _safePrivate = new(StringComparer.Ordinal);

    /// <summary>Creates a verifier for the options that were used to de-identify.</summary>
    public DeidVerifier(ProfileExpectations expectations)
    {
        _expect = expectations ?? throw new ArgumentNullException(nameof(expectations));
        foreach (var r in SafePrivateAttributeTable.Rows)
        {
            var key = SafeKey(r.Group, r.PrivateCreator);
            if (!_safePrivate.TryGetValue(key, out var set)) _safePrivate[key] = set = new HashSet<byte>();
            set.Add(r.ElementOffset);
        }
    }

    /// <summary>The expectations in force.</summary>
    public ProfileExpectations Expectations => _expect;

    private static string SafeKey(ushort group, string creator) => group.ToString("X4", CultureInfo.InvariantCulture) + "|" + NormaliseCreator(creator);

    // Creators are compared trimmed and case-insensitively: vendors are inconsistent with case and padding.
    private static string NormaliseCreator(string creator) => creator.Trim().ToUpperInvariant();

    /// <summary>Verifies <paramref name="output"/>; with <paramref name="original"/> also scans for leaked original values.</summary>
    public DeidVerificationResult Verify(string path, DicomFile output, DicomFile? original = null, string? originalPath = null)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        var findings = new List<DeidFinding>();
        var ds = output.Dataset;
        CheckMarkers(ds, findings);
        CheckFileMeta(output, findings);
        CheckDataset(ds, new List<DicomTagPathStep>(), findings);
        CheckBurnedInRisk(ds, findings);
        if (original is not null)
        {
            var ids = ReferenceIdentityCollector.Collect(original.Dataset);
            var filtered = new List<ReferenceIdentity>(ids.Count);
            foreach (var id in ids) if (!IsAllowedToRemain(id)) filtered.Add(id);
            findings.AddRange(LeakScanner.Scan(ds, filtered, original.Dataset));
        }
        return new DeidVerificationResult(path, findings, originalPath);
    }

    // Options that keep a class of values make their reappearance legitimate.
    private bool IsAllowedToRemain(ReferenceIdentity id) => id.Category switch
    {
        HipaaIdentifier.Dates => _expect.Has("RetainLongitudinalFullDates"),
        HipaaIdentifier.DeviceIdentifiers => _expect.Has("RetainDeviceIdentity"),
        HipaaIdentifier.OtherUniqueIdentifiers when id.SourceKeyword.IndexOf("Institution", StringComparison.Ordinal) >= 0 => _expect.Has("RetainInstitutionIdentity"),
        HipaaIdentifier.GeographicSubdivisions when id.SourceKeyword.IndexOf("Institution", StringComparison.Ordinal) >= 0 => _expect.Has("RetainInstitutionIdentity"),
        HipaaIdentifier.OtherUniqueIdentifiers when id.SourceKeyword.EndsWith("UID", StringComparison.Ordinal) => _expect.Has("RetainUIDs"),
        _ => false,
    };

    private void CheckMarkers(DicomDataset ds, List<DeidFinding> findings)
    {
        var removed = ds.GetString(PatientIdentityRemoved);
        if (!string.Equals(removed, "YES", StringComparison.Ordinal))
            findings.Add(new DeidFinding("marker:PatientIdentityRemoved", PatientIdentityRemoved.ToString(), "PatientIdentityRemoved", HipaaIdentifier.None,
                FindingSeverity.Error, removed ?? string.Empty, "Patient Identity Removed (0012,0062) must be YES."));

        var expected = _expect.ExpectedMethodCodes;
        var actual = new SortedSet<string>(StringComparer.Ordinal);
        var seq = ds.GetSequence(MethodCodeSequence);
        if (seq is not null)
            foreach (var item in seq.Items)
            {
                var v = item.GetString(new DicomTag(0x0008, 0x0100));
                if (!string.IsNullOrEmpty(v)) actual.Add(v!);
            }
        // 113101/113102 are claimed only for pixels actually cleaned: an option asked for is not proof they were,
        // so their absence is no finding (their presence without the option still is).
        var required = new SortedSet<string>(expected, StringComparer.Ordinal);
        foreach (var pixelCode in new[] { "113101", "113102" })
            if (required.Contains(pixelCode) && !actual.Contains(pixelCode)) required.Remove(pixelCode);
        if (!actual.SetEquals(required))
            findings.Add(new DeidFinding("marker:MethodCodes", MethodCodeSequence.ToString(), "DeidentificationMethodCodeSequence", HipaaIdentifier.None,
                FindingSeverity.Error, string.Join(",", actual),
                "De-identification Method Code Sequence carries {" + string.Join(",", actual) + "} but the options used call for {" + string.Join(",", expected) + "}."));

        var longitudinal = ds.GetString(LongitudinalModified);
        if (_expect.Has("RetainLongitudinalModifiedDates") && !string.Equals(longitudinal, "MODIFIED", StringComparison.Ordinal))
            findings.Add(new DeidFinding("marker:LongitudinalTemporalInformationModified", LongitudinalModified.ToString(), "LongitudinalTemporalInformationModified",
                HipaaIdentifier.Dates, FindingSeverity.Error, longitudinal ?? string.Empty, "With modified dates, (0028,0303) must be MODIFIED."));
    }

    private static void CheckFileMeta(DicomFile file, List<DeidFinding> findings)
    {
        var meta = file.FileMetaInformation.GetString(MediaStorageSopInstanceUid);
        var sop = file.Dataset.GetString(SopInstanceUid);
        if (meta is not null && sop is not null && !string.Equals(meta, sop, StringComparison.Ordinal))
            findings.Add(new DeidFinding("meta:MediaStorageSOPInstanceUID", MediaStorageSopInstanceUid.ToString(), "MediaStorageSOPInstanceUID", HipaaIdentifier.OtherUniqueIdentifiers,
                FindingSeverity.Error, IdentityPatternScanner.Mask(meta), "The file meta information still names a SOP Instance UID other than the dataset's."));
        foreach (var e in file.FileMetaInformation.Elements)
            if (e.Tag.Value == 0x00020016 && e.Length > 0) // Source Application Entity Title identifies the sender
                findings.Add(new DeidFinding("meta:SourceApplicationEntityTitle", e.Tag.ToString(), "SourceApplicationEntityTitle", HipaaIdentifier.DeviceIdentifiers,
                    FindingSeverity.Warning, IdentityPatternScanner.Mask(e.GetString(null)), "The file meta information still carries the sender's AE title."));
    }

    private void CheckDataset(DicomDataset ds, List<DicomTagPathStep> path, List<DeidFinding> findings)
    {
        HashSet<ushort>? declaredSafeBlocks = null;
        foreach (var e in ds.Elements)
        {
            var tag = e.Tag;
            if (tag.Group == 0x0002 || tag.Element == 0x0000) continue;

            var user = _expect.UserAction(e, tag.IsPrivateData ? ds.GetPrivateCreator(tag) : null);
            if (user == "K") continue; // the profile's own rule chose this value
            if (tag.IsPrivate && user is null)
            {
                declaredSafeBlocks ??= DeclaredSafeBlocks(ds);
                CheckPrivate(ds, e, path, findings, declaredSafeBlocks);
                continue;
            }

            var action = user ?? _expect.Lookup(tag)?.Action;
            if (tag == DeidentificationMethod) continue; // our own evidence text (names the tool version)
            if (action is not null && IsViolation(e, action, out var why))
            {
                findings.Add(Make("profile:" + action, path, e, CategoryOf(e), FindingSeverity.Error, ds, why));
                ScanText(ds, e, path, findings); // say what kind of identity the value looks like, too
            }
            else if (action is null || action == "C" || action == "K" || action == "D" || action.Contains("D"))
                CheckUnlistedValue(ds, e, path, findings, action);

            if (tag == EncapsulatedDocument && e.Length > 0)
                findings.Add(Make("encapsulated-document", path, e, HipaaIdentifier.OtherUniqueIdentifiers, FindingSeverity.Warning, ds,
                    "An encapsulated document (PDF, CDA, ...) remains; its content is not verified."));

            if (e is DicomSequence seq && action != "X")
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    path.Add(new DicomTagPathStep(tag, i));
                    CheckDataset(seq.Items[i], path, findings);
                    path.RemoveAt(path.Count - 1);
                }
        }
    }

    private bool IsViolation(DicomElement e, string action, out string why)
    {
        why = string.Empty;
        switch (action)
        {
            case "X":
                why = "Table E.1-1 removes this attribute under the options used, but it is present.";
                return true;
            case "Z":
            case "X/Z":
                // A kept sequence is Z's "non-zero length dummy" when its items are themselves clean: they are checked item by item.
                if (e is DicomSequence) return false;
                if (e.Length == 0 || LooksLikeDummy(e)) return false;
                why = "Table E.1-1 empties this attribute (or allows a dummy), but it holds a value that is not a dummy.";
                return true;
            case "U":
            case "X/Z/U*":
                if (_expect.Has("RetainUIDs") || e.VR != DicomVR.UI) return false;
                foreach (var uid in e.GetStrings(null))
                    if (uid.Length > 0 && !uid.StartsWith("2.25.", StringComparison.Ordinal) && !DicomUidRegistry.IsWellKnown(uid))
                    {
                        why = "This UID must be replaced, but it is not under the 2.25 root of replaced UIDs.";
                        return true;
                    }
                return false;
            case "D":
            case "Z/D":
            case "X/D":
            case "X/Z/D":
                if (e is DicomSequence || e.Length == 0 || LooksLikeDummy(e)) return false;
                why = "Table E.1-1 replaces this attribute with a dummy, but it holds a value that is not a dummy or pseudonym.";
                return true;
            default:
                return false;
        }
    }

    // Dummy values the engine writes for D/Z (DeidValuePolicy): empty, ANONYMOUS, zeros, the 1900 date, 2.25 UIDs, and
    // keyed pseudonyms PAT-/ACC- + 12 base32 characters. Anything else in a D/Z attribute is reported.
    private static readonly System.Text.RegularExpressions.Regex Pseudonym = new(@"^(?:PAT|ACC)-[A-Z2-7]{12}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>True when <paramref name="value"/> has the form of a keyed pseudonym written by the engine.</summary>
    public static bool IsPseudonym(string value) => value is not null && Pseudonym.IsMatch(value);

    private static bool LooksLikeDummy(DicomElement e)
    {
        if (!e.VR.IsString()) return true; // binary dummies carry no text identity
        var s = e.GetString(null).Trim();
        if (s.Length == 0) return true;
        switch (e.VR)
        {
            case DicomVR.DA:
            case DicomVR.DT:
                return s.StartsWith("1900", StringComparison.Ordinal) || s.StartsWith("0001", StringComparison.Ordinal);
            case DicomVR.TM:
                return s.TrimEnd('0', '.').Length == 0;
            case DicomVR.UI:
                return s.StartsWith("2.25.", StringComparison.Ordinal);
            case DicomVR.DS:
            case DicomVR.IS:
            case DicomVR.CS:
                return IdentityPatternScanner.Scan(s).Count == 0;
            case DicomVR.AS:
                return s.Length == 4 && (s[3] != 'Y' || string.CompareOrdinal(s, "090Y") <= 0);
            case DicomVR.UR:
                return s.StartsWith("urn:oid:2.25", StringComparison.Ordinal);
        }
        foreach (var part in s.Split('\\'))
        {
            var p = part.Trim();
            if (p.Length == 0 || p == "0" || IsPseudonym(p)) continue;
            if (p.Equals("ANONYMOUS", StringComparison.OrdinalIgnoreCase) || p.Equals("ANONYMIZED", StringComparison.OrdinalIgnoreCase)
                || p.Equals("REMOVED", StringComparison.OrdinalIgnoreCase) || p.Equals("DUMMY", StringComparison.OrdinalIgnoreCase)) continue;
            return false;
        }
        return true;
    }

    private void CheckUnlistedValue(DicomDataset ds, DicomElement e, List<DicomTagPathStep> path, List<DeidFinding> findings, string? action)
    {
        if (e is DicomSequence || e is DicomFragmentSequence || e.Value.IsDeferred || e.Length == 0) return;
        var vr = e.VR;
        if (vr is DicomVR.DA or DicomVR.DT)
        {
            if (_expect.Has("RetainLongitudinalFullDates") || _expect.Has("RetainLongitudinalModifiedDates") || action == "K") return;
            if (LooksLikeDummy(e)) return;
            findings.Add(Make("date-remains", path, e, HipaaIdentifier.Dates, FindingSeverity.Warning, ds,
                "A date remains although no option retains dates."));
            return;
        }
        if (vr == DicomVR.UI)
        {
            if (_expect.Has("RetainUIDs") || action == "K") return;
            foreach (var uid in e.GetStrings(null))
                if (uid.Length > 0 && !uid.StartsWith("2.25.", StringComparison.Ordinal) && !DicomUidRegistry.IsWellKnown(uid) && IsInstanceLike(e.Tag))
                {
                    findings.Add(Make("uid-not-remapped", path, e, HipaaIdentifier.OtherUniqueIdentifiers, FindingSeverity.Warning, ds,
                        "A UID outside the 2.25 root of replaced UIDs remains."));
                    return;
                }
            return;
        }
        ScanText(ds, e, path, findings);
    }

    private void ScanText(DicomDataset ds, DicomElement e, List<DicomTagPathStep> path, List<DeidFinding> findings)
    {
        if (e is DicomSequence || e is DicomFragmentSequence || e.Value.IsDeferred || e.Length == 0) return;
        if (!e.VR.UsesSpecificCharacterSet() && e.VR != DicomVR.AE) return;
        if (CodedEntryTags.Contains(e.Tag.Value)) return; // codes, not free text
        var text = e.GetString(ds.CharacterSet);
        var deviceText = DeviceDescriptionTags.Contains(e.Tag.Value);
        foreach (var m in IdentityPatternScanner.Scan(text))
        {
            // Dates inside descriptors are allowed when an option keeps dates.
            if (m.Category == HipaaIdentifier.Dates && (_expect.Has("RetainLongitudinalFullDates") || _expect.Has("RetainLongitudinalModifiedDates"))) continue;
            // Device model names and software versions carry vendor URLs, version numbers and build dates, not a
            // person's identity: reported for a look, never failing a file.
            var severity = deviceText ? FindingSeverity.Info : FindingSeverity.Warning;
            findings.Add(Make("text-pattern:" + m.Kind, path, e, m.Category, severity, ds,
                "Free text contains something that looks like " + m.Kind + ".", text.Substring(m.Index, m.Length)));
        }
    }

    // UIDs that name instances; coding scheme, SOP class and similar UIDs are not.
    private static bool IsInstanceLike(DicomTag tag)
    {
        var kw = DicomDictionary.Lookup(tag)?.Keyword ?? string.Empty;
        return kw.IndexOf("Class", StringComparison.Ordinal) < 0 && kw.IndexOf("CodingScheme", StringComparison.Ordinal) < 0
            && kw.IndexOf("TransferSyntax", StringComparison.Ordinal) < 0 && kw != "ContextGroupExtensionCreatorUID"
            && kw != "ImplementationClassUID" && kw != "PrivateInformationCreatorUID" && kw != "MappingResourceUID" && kw != "ContextUID";
    }

    private void CheckPrivate(DicomDataset ds, DicomElement e, List<DicomTagPathStep> path, List<DeidFinding> findings, HashSet<ushort> declaredSafe)
    {
        var tag = e.Tag;
        if (!_expect.Has("RetainSafePrivate"))
        {
            findings.Add(Make("private-not-allowed", path, e, HipaaIdentifier.OtherUniqueIdentifiers, FindingSeverity.Error, ds,
                "A private element remains although Retain Safe Private is not in force."));
            return;
        }
        if (tag.IsPrivateCreator) return; // creators are judged through their blocks
        var creator = ds.GetPrivateCreator(tag);
        var block = (ushort)((tag.Group << 8) | (tag.Element >> 8));
        var safe = creator is not null
            && ((_safePrivate.TryGetValue(SafeKey(tag.Group, creator), out var offsets) && offsets.Contains((byte)(tag.Element & 0xFF)))
                || declaredSafe.Contains(block));
        if (!safe)
            findings.Add(Make("private-not-safe", path, e, HipaaIdentifier.OtherUniqueIdentifiers, FindingSeverity.Error, ds,
                "A private element remains that is neither in Table E.3.10-1 for its creator nor declared safe in (0008,0300)."));
    }

    // Blocks declared safe by the vendor: Private Data Element Characteristics Sequence items with
    // Block Identifying Information Status (0008,0303) = SAFE name (Private Group Reference, Private Creator Reference).
    private static HashSet<ushort> DeclaredSafeBlocks(DicomDataset ds)
    {
        var set = new HashSet<ushort>();
        var seq = ds.GetSequence(PrivateCharacteristicsSequence);
        if (seq is null) return set;
        foreach (var item in seq.Items)
        {
            if (!string.Equals(item.GetString(new DicomTag(0x0008, 0x0303)), "SAFE", StringComparison.Ordinal)) continue;
            var groupEl = item.Get(new DicomTag(0x0008, 0x0301));
            var creatorRef = item.GetString(new DicomTag(0x0008, 0x0302));
            if (groupEl is null || groupEl.Length < 2 || creatorRef is null) continue;
            var group = BitConverterLE.UInt16(groupEl.Value.Span);
            for (ushort el = 0x10; el <= 0xFF; el++)
            {
                var c = ds.Get(new DicomTag(group, el));
                if (c is not null && string.Equals(c.GetString(ds.CharacterSet).Trim(), creatorRef.Trim(), StringComparison.OrdinalIgnoreCase))
                    set.Add((ushort)((group << 8) | el));
            }
        }
        return set;
    }

    // The same judgement as de-identification (BurnedInRiskAssessor): Declared by Burned In Annotation YES -> Error,
    // Likely -> Warning, Possible -> Info.
    private static void CheckBurnedInRisk(DicomDataset ds, List<DeidFinding> findings)
    {
        var risk = Pixels.BurnedInRiskAssessor.Assess(ds);
        if (risk.Risk == Pixels.BurnedInRisk.None) return;
        var why = string.Join("; ", risk.Reasons);
        var bia = ds.GetString(BurnedInAnnotation)?.Trim();
        if (string.Equals(bia, "YES", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new DeidFinding("burned-in-text", BurnedInAnnotation.ToString(), "BurnedInAnnotation", HipaaIdentifier.Names, FindingSeverity.Error,
                "YES", "The image declares burned-in annotation; the pixels may show identity (" + why + ")."));
            return;
        }
        var severity = risk.Risk switch
        {
            Pixels.BurnedInRisk.Declared or Pixels.BurnedInRisk.Likely => FindingSeverity.Warning,
            _ => FindingSeverity.Info,
        };
        findings.Add(new DeidFinding("burned-in-text-risk", BurnedInAnnotation.ToString(), "BurnedInAnnotation", HipaaIdentifier.Names, severity,
            bia ?? string.Empty, "Burned-in text risk " + risk.Risk + ": " + why + "."));
    }

    private static HipaaIdentifier CategoryOf(DicomElement e)
    {
        var kw = DicomDictionary.Lookup(e.Tag)?.Keyword ?? string.Empty;
        if (e.VR == DicomVR.PN || kw.EndsWith("Name", StringComparison.Ordinal) && kw.IndexOf("Patient", StringComparison.Ordinal) >= 0) return HipaaIdentifier.Names;
        if (e.VR is DicomVR.DA or DicomVR.DT or DicomVR.TM || kw.IndexOf("Age", StringComparison.Ordinal) >= 0) return HipaaIdentifier.Dates;
        if (kw.IndexOf("Address", StringComparison.Ordinal) >= 0 || kw.IndexOf("Residence", StringComparison.Ordinal) >= 0) return HipaaIdentifier.GeographicSubdivisions;
        if (kw.IndexOf("Telephone", StringComparison.Ordinal) >= 0) return HipaaIdentifier.TelephoneNumbers;
        if (kw.IndexOf("Serial", StringComparison.Ordinal) >= 0 || kw.IndexOf("Station", StringComparison.Ordinal) >= 0 || kw == "DeviceUID") return HipaaIdentifier.DeviceIdentifiers;
        if (kw == "PatientID" || kw.IndexOf("MedicalRecord", StringComparison.Ordinal) >= 0) return HipaaIdentifier.MedicalRecordNumbers;
        if (kw.IndexOf("Insurance", StringComparison.Ordinal) >= 0) return HipaaIdentifier.HealthPlanBeneficiaryNumbers;
        if (kw == "AccessionNumber" || kw.IndexOf("Admission", StringComparison.Ordinal) >= 0) return HipaaIdentifier.AccountNumbers;
        if (kw.IndexOf("URI", StringComparison.Ordinal) >= 0 || kw.IndexOf("URL", StringComparison.Ordinal) >= 0) return HipaaIdentifier.Urls;
        return HipaaIdentifier.OtherUniqueIdentifiers;
    }

    private static DeidFinding Make(string check, List<DicomTagPathStep> path, DicomElement e, HipaaIdentifier category, FindingSeverity severity, DicomDataset owner, string message, string? excerpt = null)
    {
        var p = new List<DicomTagPathStep>(path) { new DicomTagPathStep(e.Tag, null) };
        var kw = DicomDictionary.Lookup(e.Tag)?.Keyword ?? string.Empty;
        string masked;
        if (excerpt is not null) masked = IdentityPatternScanner.Mask(excerpt);
        else if (e is DicomSequence s) masked = "(" + s.Items.Count.ToString(CultureInfo.InvariantCulture) + " items)";
        else if (e.Value.IsDeferred || !e.VR.IsString()) masked = "(" + e.Length.ToString(CultureInfo.InvariantCulture) + " bytes)";
        else masked = IdentityPatternScanner.Mask(e.GetString(owner.CharacterSet));
        return new DeidFinding(check, new DicomTagPath(p).ToString(), kw, category, severity, masked, message);
    }
}
