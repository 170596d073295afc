using System;
using System.Collections.Generic;
using System.Globalization;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;

namespace DicomDeid.Engine;

/// <summary>Settings of a <see cref="Deidentifier"/> beyond the profile and the key.</summary>
public sealed class DeidentifierSettings
{
    /// <summary>User pseudonyms (original → replacement) for Patient ID, Patient's Name and Accession Number.</summary>
    public PseudonymTable? PseudonymTable { get; set; }

    /// <summary>Receives original → pseudonym pairs for a crosswalk (lawful re-identification); null: none kept.</summary>
    public IPseudonymCollector? Crosswalk { get; set; }

    /// <summary>
    /// True (default): Patient ID, Patient's Name and Accession Number get keyed pseudonyms instead of the table's empty
    /// or dummy value, so studies of one patient stay linked. False: the table's Z/D is applied as published.
    /// </summary>
    public bool Pseudonymize { get; set; } = true;

    /// <summary>Sequences nested deeper than this are removed with a warning (hostile input).</summary>
    public int MaxDepth { get; set; } = 64;
}

/// <summary>
/// Applies a compiled profile to DICOM files in memory. Thread-safe: one instance serves concurrent
/// <see cref="Apply"/> calls on different files.
/// </summary>
public sealed class Deidentifier
{
    /// <summary>Implementation Class UID written into the File Meta Information of every output.</summary>
    public const string ImplementationClassUid = DicomDeid.Dicom.IO.DicomFileWriter.ImplementationClassUid;

    /// <summary>Implementation Version Name written into the File Meta Information (the writer's, ≤ 16 characters).</summary>
    public const string ImplementationVersionName = DicomDeid.Dicom.IO.DicomFileWriter.ImplementationVersionName;

    private static readonly DicomTag PatientIdentityRemoved = new(0x00120062);
    private static readonly DicomTag DeidentificationMethod = new(0x00120063);
    private static readonly DicomTag DeidentificationMethodCodeSequence = new(0x00120064);
    private static readonly DicomTag LongitudinalTemporalInformationModified = new(0x00280303);
    private static readonly DicomTag EncapsulatedDocument = new(0x00420011);
    private static readonly DicomTag SopInstanceUid = new(0x00080018);
    private static readonly DicomTag SopClassUid = new(0x00080016);
    private static readonly DicomTag PatientId = new(0x00100020);
    private static readonly DicomTag PatientName = new(0x00100010);
    private static readonly DicomTag AccessionNumber = new(0x00080050);
    private static readonly DicomTag DirectoryRecordSequence = new(0x00041220);
    private static readonly DicomTag PrivateDataElementCharacteristicsSequence = new(0x00080300);
    private const string MediaStorageDirectoryStorage = "1.2.840.10008.1.3.10";

    // Values whose tokens action C removes from text (name parts, identifiers, institution, physicians).
    private static readonly uint[] IdentifyingTags =
    {
        0x00100010, 0x00100020, 0x00101000, 0x00101001, 0x00080050, 0x00080080, 0x00080081, 0x00080090, 0x00081050,
        0x00081060, 0x00081070, 0x00101040, 0x00102154, 0x00100030, 0x00101060, 0x00380010, 0x00401001, 0x00321032,
    };

    // The patient's own identifiers, looked for in short text that no rule touches (see ScrubPatientWords).
    private static readonly uint[] PatientIdentifierTags =
    {
        0x00100010, 0x00100020, 0x00101000, 0x00101001, 0x00101005, 0x00101060, 0x00080050,
    };

    private readonly DeidDecision _patientWordsInText = new(DeidAction.Clean, "vr-default:patient-identity-in-text", "vr-default", "vr:LO/SH/UC", string.Empty,
        comment: "Short text that Table E.1-1 does not list is kept, but words of this patient's name, IDs or accession number in it are replaced by \"*\".");

    private readonly DeidentifierSettings _settings;
    private readonly System.Threading.ThreadLocal<KeyedMapper> _mappers;
    private readonly DeidKey _key;
    private readonly DeidDecision _declaredSafe;
    private readonly DeidDecision _cleanInContent = new(DeidAction.Clean, "vr-default:text-in-cleaned-content", "vr-default", "vr:LT/ST/UT", string.Empty,
        comment: "Free text inside a sequence cleaned under an option (e.g. Content Sequence with Clean Structured Content) is cleaned, not replaced.");

    /// <summary>Creates a de-identifier.</summary>
    public Deidentifier(CompiledProfile profile, DeidKey key, DeidentifierSettings? settings = null)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _settings = settings ?? new DeidentifierSettings();
        var uidCache = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        _mappers = new System.Threading.ThreadLocal<KeyedMapper>(() => new KeyedMapper(_key, uidCache));
        _declaredSafe = new DeidDecision(DeidAction.Keep, "option:RetainSafePrivate:(0008,0300)", "option", "(0008,0300) declared", string.Empty, "C",
            comment: "Private element of a block declared safe in Private Data Element Characteristics Sequence.");
    }

    /// <summary>The compiled profile.</summary>
    public CompiledProfile Profile { get; }

    /// <summary>The key's fingerprint (never the key).</summary>
    public string KeyFingerprint => _key.Fingerprint;

    /// <summary>
    /// De-identifies <paramref name="file"/> in place (dataset, File Meta Information, preamble) and says what was done.
    /// When <see cref="DeidResult.Refusal"/> is set the file is left unchanged and must not be written.
    /// </summary>
    public DeidResult Apply(DicomFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var result = new DeidResult { PixelCleaningRequested = Profile.PixelCleaningRequested };
        var ds = file.Dataset;
        var mapper = _mappers.Value!;

        var sopClass = ds.GetString(SopClassUid) ?? file.FileMetaInformation.GetString(new DicomTag(0x00020002)) ?? string.Empty;
        if (string.Equals(file.FileMetaInformation.GetString(new DicomTag(0x00020002)), MediaStorageDirectoryStorage, StringComparison.Ordinal) || ds.Contains(DirectoryRecordSequence))
        {
            result.Refusal = "the file is a DICOMDIR (Media Storage Directory): its records hold identity and paths; rebuild the DICOMDIR from the de-identified files instead.";
            return result;
        }
        if (ds.Contains(EncapsulatedDocument))
        {
            var d = Profile.Decide(EncapsulatedDocument, DicomVR.OB);
            if (!Profile.IsUserDecision(d))
            {
                result.Refusal = "the file carries an Encapsulated Document (0042,0011) (PDF, CDA, STL...) whose content this engine cannot de-identify; add a profile rule for EncapsulatedDocument (replace or remove) to process it.";
                return result;
            }
        }

        var sop = ds.GetString(SopInstanceUid);
        if (!string.IsNullOrEmpty(sop)) result.SourceSopInstanceUidHash = mapper.AuditHash(sop!);
        var ctx = new Context(this, mapper, result, ds);
        if (ctx.AlreadyDeidentified)
        {
            result.AlreadyDeidentified = true;
            result.Warnings.Add(ctx.DatesAlreadyShifted
                ? "The input already carries Patient Identity Removed = YES and Longitudinal Temporal Information Modified = MODIFIED: it is processed again, but its dates are not shifted a second time."
                : "The input already carries Patient Identity Removed = YES: it is processed again in full (its dates are not marked MODIFIED in (0028,0303), so they are treated as original).");
        }
        if (ctx.NoPatientKey && Profile.DateMode == DeidDateMode.Modified)
            result.Warnings.Add("The file has neither Patient ID nor Patient's Name: its dates are shifted by the offset of an unnamed patient.");

        ProcessDataset(ds, string.Empty, 0, false, ctx);
        AddMarkers(ds, ctx);
        RebuildFileMeta(file, sopClass, result);
        result.NewSopInstanceUid = ds.GetString(SopInstanceUid);
        return result;
    }

    /// <summary>Adds a CID 7050 code (e.g. 113101 Clean Pixel Data) to De-identification Method Code Sequence (0012,0064) if absent.</summary>
    public static void AddMethodCode(DicomDataset dataset, string codeValue)
    {
        if (dataset is null) throw new ArgumentNullException(nameof(dataset));
        if (codeValue is null) throw new ArgumentNullException(nameof(codeValue));
        var seq = dataset.GetSequence(DeidentificationMethodCodeSequence);
        if (seq is null)
        {
            seq = new DicomSequence(DeidentificationMethodCodeSequence);
            dataset.Set(seq);
        }
        foreach (var it in seq.Items)
            if (string.Equals(it.GetString(CodeValueTag), codeValue, StringComparison.Ordinal)) return;
        var item = new DicomDataset { Parent = dataset };
        if (CodeItems.TryGetValue(codeValue, out var parts))
        {
            // Shared, never-modified value bytes: no encoding work per file.
            item.Set(new DicomElement(CodeValueTag, DicomVR.SH, new DicomValue(parts.Value)));
            item.Set(new DicomElement(new DicomTag(0x00080102), DicomVR.SH, new DicomValue(parts.Scheme)));
            item.Set(new DicomElement(new DicomTag(0x00080104), DicomVR.LO, new DicomValue(parts.Meaning)));
        }
        else
        {
            item.SetString(CodeValueTag, DicomVR.SH, codeValue);
            item.SetString(new DicomTag(0x00080102), DicomVR.SH, "DCM");
            item.SetString(new DicomTag(0x00080104), DicomVR.LO, codeValue);
        }
        seq.Items.Add(item);
    }

    private static readonly DicomTag CodeValueTag = new(0x00080100);

    private static bool IsPixelOption(string o) => o == DeidOptions.CleanPixelData || o == DeidOptions.CleanRecognizableVisualFeatures;

    /// <summary>
    /// The evidence of Clean Pixel Data, for the pixel step to call only after pixel values were actually changed:
    /// code 113101 in (0012,0064) and "CleanPixelData" in De-identification Method (0012,0063).
    /// </summary>
    internal static void MarkPixelDataCleaned(DicomDataset ds)
    {
        AddMethodCode(ds, DeidOptions.CodeValue(DeidOptions.CleanPixelData));
        var values = new List<string>();
        var existing = ds.Get(DeidentificationMethod);
        if (existing is not null && existing.Length > 0)
            foreach (var v in existing.GetStrings(ds.CharacterSet)) if (v.Trim().Length > 0) values.Add(v.Trim());
        if (values.Contains(DeidOptions.CleanPixelData)) return;
        values.Add(DeidOptions.CleanPixelData);
        ds.Set(DicomElement.FromString(DeidentificationMethod, DicomVR.LO, string.Join("\\", values), DicomCharacterSet.Default));
    }

    private static readonly Dictionary<string, (byte[] Value, byte[] Scheme, byte[] Meaning)> CodeItems = BuildCodeItems();

    private static Dictionary<string, (byte[] Value, byte[] Scheme, byte[] Meaning)> BuildCodeItems()
    {
        var d = new Dictionary<string, (byte[], byte[], byte[])>(StringComparer.Ordinal);
        foreach (var r in DeidentificationMethodCodes.Rows)
            d[r.Value] = (Ascii(r.Value, DicomVR.SH), Ascii(r.Scheme, DicomVR.SH), Ascii(r.Meaning, DicomVR.LO));
        return d;
    }

    private static byte[] Ascii(string s, DicomVR vr) => DicomElement.FromString(CodeValueTag, vr, s).Value.GetBytes();

    private sealed class Context
    {
        public readonly Deidentifier Owner;
        public readonly KeyedMapper Mapper;
        public readonly DeidResult Result;
        public readonly bool AlreadyDeidentified;

        /// <summary>
        /// Already de-identified and (0028,0303) says MODIFIED: the dates were shifted by an earlier run and are not
        /// shifted again. A YES without that claim proves nothing about the dates, so they are treated as original.
        /// </summary>
        public readonly bool DatesAlreadyShifted;
        public readonly string PatientKey;
        public readonly bool NoPatientKey;
        private int? _offset;
        private List<string>? _tokens;
        private List<string>? _patientWords;
        private readonly List<DicomElement> _patient;
        private readonly DicomDataset _root;
        private readonly List<DicomElement>? _identifying;
        public Dictionary<(ushort Group, string Creator), (bool All, HashSet<byte> Offsets)>? DeclaredSafe;

        public Context(Deidentifier owner, KeyedMapper mapper, DeidResult result, DicomDataset root)
        {
            Owner = owner;
            Mapper = mapper;
            Result = result;
            _root = root;
            AlreadyDeidentified = string.Equals(root.GetString(PatientIdentityRemoved)?.Trim(), "YES", StringComparison.OrdinalIgnoreCase);
            DatesAlreadyShifted = AlreadyDeidentified &&
                string.Equals(root.GetString(LongitudinalTemporalInformationModified)?.Trim(), "MODIFIED", StringComparison.OrdinalIgnoreCase);
            var id = root.GetString(PatientId)?.Trim();
            var name = root.GetString(PatientName)?.Trim();
            PatientKey = !string.IsNullOrEmpty(id) ? "id:" + id : !string.IsNullOrEmpty(name) ? "name:" + name : "none:";
            NoPatientKey = PatientKey == "none:";
            // Elements are immutable and replaced, not changed, by the walk: holding the originals is enough.
            _patient = TextElements(root, PatientIdentifierTags);
            if (owner.Profile.MayClean) _identifying = TextElements(root, IdentifyingTags);
            if (owner.Profile.RetainSafePrivate && root.GetSequence(PrivateDataElementCharacteristicsSequence) is DicomSequence s)
                DeclaredSafe = ReadDeclarations(s);
        }

        public int DateOffset => _offset ??= Mapper.DateOffsetDays(PatientKey);

        public List<string> Tokens => _tokens ??= CollectTokens();

        /// <summary>Words (3+ characters) of the patient's names, IDs and accession number, as read before any change.</summary>
        public List<string> PatientWords => _patientWords ??= CollectPatientWords();

        private List<string> CollectPatientWords() => WordsOf(_patient);

        private static List<DicomElement> TextElements(DicomDataset root, uint[] tags)
        {
            var list = new List<DicomElement>();
            foreach (var t in tags)
            {
                var e = root.Get(new DicomTag(t));
                if (e is not null && e is not DicomSequence && e is not DicomFragmentSequence && e.VR.IsString() && e.Length > 0) list.Add(e);
            }
            return list;
        }

        private List<string> WordsOf(List<DicomElement>? elements)
        {
            var values = new List<string>();
            if (elements is not null)
                foreach (var e in elements)
                    foreach (var v in e.GetString(_root.CharacterSet).Split('\\', '^', '=')) values.Add(v);
            return DeidValuePolicy.Tokens(values);
        }

        private List<string> CollectTokens() => WordsOf(_identifying);

        private static Dictionary<(ushort, string), (bool, HashSet<byte>)> ReadDeclarations(DicomSequence s)
        {
            var map = new Dictionary<(ushort, string), (bool, HashSet<byte>)>();
            foreach (var item in s.Items)
            {
                var g = item.Get(new DicomTag(0x00080301));
                var creator = item.GetString(new DicomTag(0x00080302));
                var status = item.GetString(new DicomTag(0x00080303))?.Trim();
                if (g is null || g.Value.Length < 2 || string.IsNullOrEmpty(creator)) continue;
                var group = BitConverterLE.UInt16(g.Value.GetBytes());
                var key = (group, CompiledProfile.NormalizeCreator(creator!));
                var offsets = new HashSet<byte>();
                var all = string.Equals(status, "SAFE", StringComparison.Ordinal);
                if (string.Equals(status, "MIXED", StringComparison.Ordinal) && item.Get(new DicomTag(0x00080304)) is DicomElement list)
                {
                    var b = list.Value.GetBytes();
                    for (var i = 0; i + 1 < b.Length; i += 2) offsets.Add((byte)(BitConverterLE.UInt16(b.AsSpan(i)) & 0xFF));
                }
                if (all || offsets.Count > 0) map[key] = (all, offsets);
            }
            return map;
        }
    }

    private void ProcessDataset(DicomDataset ds, string prefix, int depth, bool cleaning, Context ctx)
    {
        var src = ds.Elements;
        var n = src.Count;
        if (n == 0) return;
        var elements = new DicomElement[n];
        for (var i = 0; i < n; i++) elements[i] = src[i];

        Dictionary<uint, string?>? creators = null;
        HashSet<uint>? keptBlocks = null;
        List<ushort>? removedOverlays = null;
        var hasCreators = false;

        for (var i = 0; i < n; i++)
        {
            var e = elements[i];
            var tag = e.Tag;
            if (tag.IsPrivateCreator) { hasCreators = true; continue; }
            string? creator = null;
            uint block = 0;
            if (tag.IsPrivateData)
            {
                block = ((uint)tag.Group << 8) | (uint)(tag.Element >> 8);
                creators ??= new Dictionary<uint, string?>();
                if (!creators.TryGetValue(block, out creator))
                {
                    var c = ds.GetPrivateCreator(tag);
                    creator = c is null ? null : CompiledProfile.NormalizeCreator(c);
                    creators[block] = creator;
                }
            }
            var vr = e.VR;
            if (vr == DicomVR.UN && !tag.IsPrivate) vr = DicomDictionary.Lookup(tag)?.VR ?? DicomVR.UN;
            var d = Profile.Decide(tag, vr, creator);
            if (tag.IsPrivateData && ReferenceEquals(d, Profile.PrivateDefault) && creator is not null && IsDeclaredSafe(ctx, tag, creator))
                d = _declaredSafe;
            if (cleaning && d.Action == DeidAction.Dummy && (vr is DicomVR.LT or DicomVR.ST or DicomVR.UT) && string.Equals(d.Source, "vr-default", StringComparison.Ordinal))
                d = _cleanInContent;
            if (d.Action == DeidAction.Keep && (vr is DicomVR.LO or DicomVR.SH or DicomVR.UC) && !tag.IsPrivate && e.Length > 0 &&
                string.Equals(d.Source, "vr-default", StringComparison.Ordinal) && ScrubPatientWords(ds, e, vr, prefix, ctx))
                continue;
            var kept = ApplyDecision(ds, e, vr, d, prefix, depth, cleaning, ctx);
            if (tag.IsPrivateData && kept) (keptBlocks ??= new HashSet<uint>()).Add(block);
            if (!kept && (tag.Value & 0xFF00FFFF) == 0x60003000 && !e.Tag.IsPrivate) (removedOverlays ??= new List<ushort>()).Add(tag.Group);
        }

        if (hasCreators)
        {
            for (var i = 0; i < n; i++)
            {
                var tag = elements[i].Tag;
                if (!tag.IsPrivateCreator) continue;
                var block = ((uint)tag.Group << 8) | (uint)(tag.Element & 0xFF);
                if (keptBlocks is not null && keptBlocks.Contains(block)) continue;
                ds.Remove(tag);
                Record(ctx, prefix, tag, "X", "engine:private-creator");
            }
        }

        if (removedOverlays is not null)
        {
            // An overlay without its data is an invalid Overlay Plane module: the whole group goes.
            foreach (var g in removedOverlays)
            {
                for (var i = 0; i < n; i++)
                {
                    var tag = elements[i].Tag;
                    if (tag.Group != g || !ds.Contains(tag)) continue;
                    ds.Remove(tag);
                    Record(ctx, prefix, tag, "X", "engine:overlay-group");
                }
            }
        }
    }

    /// <summary>
    /// A safety net under the table: short text the table does not list (e.g. Frame Label) is kept, but a word of
    /// this patient's name, IDs or accession number in it is replaced by "*". Whole words only, so "JOHNSON MEDICAL"
    /// survives a patient called JOHN. True when the value was changed.
    /// </summary>
    private bool ScrubPatientWords(DicomDataset ds, DicomElement e, DicomVR vr, string prefix, Context ctx)
    {
        var words = ctx.PatientWords;
        // Longest first: a value shorter (in bytes, never fewer than its characters) than the shortest word holds none.
        if (words.Count == 0 || e.Length < words[words.Count - 1].Length) return false;
        var text = Text(e, vr, ds.CharacterSet);
        var scrubbed = DeidValuePolicy.ReplaceWords(text, words);
        if (string.Equals(text, scrubbed, StringComparison.Ordinal)) return false;
        ds.Set(DicomElement.FromString(e.Tag, vr, scrubbed, ds.CharacterSet));
        Record(ctx, prefix, e.Tag, "C", _patientWordsInText.RuleId);
        return true;
    }

    private static bool IsDeclaredSafe(Context ctx, DicomTag tag, string creator)
    {
        if (ctx.DeclaredSafe is null) return false;
        if (!ctx.DeclaredSafe.TryGetValue((tag.Group, creator), out var decl)) return false;
        return decl.All || decl.Offsets.Contains((byte)(tag.Element & 0xFF));
    }

    private static void Record(Context ctx, string prefix, DicomTag tag, string action, string ruleId) =>
        ctx.Result.Add(new DeidChange(prefix.Length == 0 ? TagText(tag.Value) : prefix + TagText(tag.Value), action, ruleId));

    private const string HexDigits = "0123456789ABCDEF";

    // "(GGGG,EEEE)" without format strings: change records are made per changed element.
    internal static string TagText(uint v)
    {
        var c = new char[11];
        c[0] = '(';
        c[5] = ',';
        c[10] = ')';
        for (var i = 0; i < 4; i++)
        {
            c[4 - i] = HexDigits[(int)((v >> (16 + (4 * i))) & 0xF)];
            c[9 - i] = HexDigits[(int)((v >> (4 * i)) & 0xF)];
        }
        return new string(c);
    }

    /// <summary>Applies one decision; returns true when the element stays in the dataset.</summary>
    private bool ApplyDecision(DicomDataset ds, DicomElement e, DicomVR vr, DeidDecision d, string prefix, int depth, bool cleaning, Context ctx)
    {
        var tag = e.Tag;
        if (e is DicomSequence seq) return ApplyToSequence(ds, seq, d, prefix, depth, cleaning || d.Action == DeidAction.Clean, ctx);

        // Keyed pseudonyms replace the table's empty/dummy value for the three identifiers that link a patient's studies.
        if (_settings.Pseudonymize && (d.Action == DeidAction.Empty || d.Action == DeidAction.Dummy) && !Profile.IsUserDecision(d) &&
            (tag == PatientId || tag == PatientName || tag == AccessionNumber) && e is not DicomFragmentSequence)
        {
            var original = Text(e, vr, ds.CharacterSet).Trim();
            if (original.Length > 0)
            {
                var pseudo = Pseudonym(tag, original, depth, ctx, out var fromTable);
                ds.Set(DicomElement.FromString(tag, vr, pseudo, ds.CharacterSet));
                Record(ctx, prefix, tag, "D", (fromTable ? "pseudonym-table:" : "pseudonym:") + KeywordOf(tag));
                return true;
            }
        }

        switch (d.Action)
        {
            case DeidAction.Keep:
                return true;
            case DeidAction.Remove:
                ds.Remove(tag);
                Record(ctx, prefix, tag, "X", d.RuleId);
                return false;
            case DeidAction.Empty:
                if (e.Length == 0) return true;
                ds.Set(new DicomElement(tag, e.VR, DicomValue.Empty));
                Record(ctx, prefix, tag, "Z", d.RuleId);
                return true;
            case DeidAction.Dummy:
                SetDummy(ds, e, vr, ctx);
                Record(ctx, prefix, tag, "D", d.RuleId);
                return true;
            case DeidAction.Uid:
                return RemapUids(ds, e, vr, d, prefix, ctx);
            case DeidAction.Clean:
                return Clean(ds, e, vr, d, prefix, ctx);
            case DeidAction.Replace:
                if (vr.IsString())
                {
                    ds.Set(DicomElement.FromString(tag, vr, d.Value ?? string.Empty, ds.CharacterSet));
                    Record(ctx, prefix, tag, "replace", d.RuleId);
                    return true;
                }
                ds.Remove(tag);
                Record(ctx, prefix, tag, "X", d.RuleId);
                ctx.Result.Warnings.Add($"Rule {d.RuleId}: {prefix}{tag} has binary VR {vr.Code()} and cannot take a text value; it was removed.");
                return false;
            case DeidAction.Hash:
                return Hash(ds, e, vr, d, prefix, ctx);
            case DeidAction.Shift:
                return ShiftDates(ds, e, vr, d.Days, d, prefix, ctx, "shift");
            case DeidAction.AgeCap:
                if (vr == DicomVR.AS && e.Length > 0)
                {
                    var a = Text(e, vr, null);
                    var capped = DeidValuePolicy.CapAge(a);
                    if (!string.Equals(a.Trim(), capped, StringComparison.Ordinal))
                    {
                        ds.Set(DicomElement.FromString(tag, vr, capped));
                        Record(ctx, prefix, tag, "ageCap", d.RuleId);
                    }
                }
                return true;
            default:
                return true;
        }
    }

    private bool ApplyToSequence(DicomDataset ds, DicomSequence seq, DeidDecision d, string prefix, int depth, bool cleaning, Context ctx)
    {
        var tag = seq.Tag;
        switch (d.Action)
        {
            case DeidAction.Remove:
                ds.Remove(tag);
                Record(ctx, prefix, tag, "X", d.RuleId);
                return false;
            case DeidAction.Empty when d.TableCode is null || d.TableCode.IndexOf('/') < 0:
                // Plain Z empties the sequence. A compound code (X/Z, X/Z/D) on a sequence takes the non-zero-length
                // form instead (items kept, the profile applied inside): an empty Type 3 sequence is invalid.
                if (seq.Items.Count == 0) return true;
                ds.Set(new DicomSequence(tag) { UndefinedLength = seq.UndefinedLength });
                Record(ctx, prefix, tag, "Z", d.RuleId);
                return true;
            case DeidAction.Replace:
            case DeidAction.Hash:
                ds.Remove(tag);
                Record(ctx, prefix, tag, "X", d.RuleId);
                ctx.Result.Warnings.Add($"Rule {d.RuleId}: {prefix}{tag} is a sequence and cannot take a value; it was removed.");
                return false;
            default:
                // K, C, D, U and the rest: keep the sequence and apply the same profile to every item (PS3.15 E.1-1a, K).
                if (depth + 1 > _settings.MaxDepth)
                {
                    ds.Remove(tag);
                    Record(ctx, prefix, tag, "X", "engine:max-depth");
                    ctx.Result.Warnings.Add($"{prefix}{tag} nests deeper than {_settings.MaxDepth} levels; the sequence was removed.");
                    return false;
                }
                var basePath = prefix + TagText(tag.Value) + "[";
                for (var i = 0; i < seq.Items.Count; i++)
                    ProcessDataset(seq.Items[i], basePath + i.ToString(CultureInfo.InvariantCulture) + "].", depth + 1, cleaning, ctx);
                return true;
        }
    }

    private string Pseudonym(DicomTag tag, string original, int depth, Context ctx, out bool fromTable)
    {
        fromTable = false;
        string pseudo;
        if (_settings.PseudonymTable is not null && _settings.PseudonymTable.TryGet(original, out var r))
        {
            fromTable = true;
            pseudo = r;
        }
        else if (tag == AccessionNumber)
        {
            pseudo = ctx.Mapper.Pseudonym("ACC-", "accession", original, 12);
        }
        else if (tag == PatientName && depth == 0)
        {
            // The top-level name gets the same pseudonym as the patient's ID, so that both link the same patient.
            pseudo = ctx.Mapper.Pseudonym("PAT-", "patient", ctx.PatientKey, 12);
        }
        else if (tag == PatientName)
        {
            pseudo = ctx.Mapper.Pseudonym("PAT-", "patient", "name:" + original, 12);
        }
        else
        {
            pseudo = ctx.Mapper.Pseudonym("PAT-", "patient", "id:" + original, 12);
        }
        _settings.Crosswalk?.Record(KeywordOf(tag), original, pseudo);
        return pseudo;
    }

    // An element stored as UN (explicit VR files) whose VR the dictionary knows is read as that VR's text.
    private static string Text(DicomElement e, DicomVR vr, DicomCharacterSet? cs) =>
        e.VR == vr || !vr.IsString() ? e.GetString(cs) : new DicomElement(e.Tag, vr, e.Value).GetString(cs);

    private static string KeywordOf(DicomTag tag)
    {
        var k = DicomDictionary.Lookup(tag)?.Keyword;
        return string.IsNullOrEmpty(k) ? tag.ToString() : k!;
    }

    private static void SetDummy(DicomDataset ds, DicomElement e, DicomVR vr, Context ctx)
    {
        var tag = e.Tag;
        if (vr == DicomVR.UI)
        {
            var original = e.Length > 0 ? Text(e, vr, null).Trim('\0', ' ') : string.Empty;
            var uid = ctx.Mapper.MapUid(original.Length > 0 ? original : "dummy:" + tag.ToString());
            ds.Set(DicomElement.FromString(tag, DicomVR.UI, uid));
            return;
        }
        var text = DeidValuePolicy.DummyString(vr);
        if (text is not null)
        {
            ds.Set(DicomElement.FromString(tag, vr, text, ds.CharacterSet));
            return;
        }
        ds.Set(new DicomElement(tag, e.VR == DicomVR.UN ? DicomVR.UN : vr, new DicomValue(DeidValuePolicy.DummyBinary(vr))));
    }

    private bool RemapUids(DicomDataset ds, DicomElement e, DicomVR vr, DeidDecision d, string prefix, Context ctx)
    {
        var tag = e.Tag;
        if (vr != DicomVR.UI)
        {
            SetDummy(ds, e, vr, ctx);
            Record(ctx, prefix, tag, "D", d.RuleId);
            return true;
        }
        if (e.Length == 0) return true;
        var values = Text(e, vr, null).Split('\\');
        var changed = false;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i].Trim('\0', ' ');
            if (v.Length == 0 || DicomUidRegistry.IsWellKnown(v)) continue;
            values[i] = ctx.Mapper.MapUid(v);
            changed = true;
        }
        if (!changed) return true;
        ds.Set(DicomElement.FromString(tag, DicomVR.UI, string.Join("\\", values)));
        Record(ctx, prefix, tag, "U", d.RuleId);
        return true;
    }

    private bool Hash(DicomDataset ds, DicomElement e, DicomVR vr, DeidDecision d, string prefix, Context ctx)
    {
        var tag = e.Tag;
        if (e.Length == 0) return true;
        if (vr == DicomVR.UI) return RemapUids(ds, e, vr, d, prefix, ctx);
        if (!vr.IsString() || vr is DicomVR.DA or DicomVR.DT or DicomVR.TM or DicomVR.DS or DicomVR.IS or DicomVR.AS)
        {
            SetDummy(ds, e, vr, ctx);
            Record(ctx, prefix, tag, "D", d.RuleId);
            return true;
        }
        var max = vr.MaxLength();
        var len = max == 0 || max > 16 ? 16 : max;
        var h = ctx.Mapper.Pseudonym(string.Empty, "hash", Text(e, vr, ds.CharacterSet), len);
        ds.Set(DicomElement.FromString(tag, vr, h, ds.CharacterSet));
        Record(ctx, prefix, tag, "hash", d.RuleId);
        return true;
    }

    private bool ShiftDates(DicomDataset ds, DicomElement e, DicomVR vr, int? days, DeidDecision d, string prefix, Context ctx, string action)
    {
        var tag = e.Tag;
        if (e.Length == 0 || (vr != DicomVR.DA && vr != DicomVR.DT)) return true;
        if (ctx.DatesAlreadyShifted && days is null) return true; // never shift twice
        var value = Text(e, vr, null);
        var offset = days ?? ctx.DateOffset;
        var shifted = vr == DicomVR.DA ? DateShifter.ShiftDA(value, offset) : DateShifter.ShiftDT(value, offset);
        if (shifted is null)
        {
            ds.Set(new DicomElement(tag, e.VR, DicomValue.Empty));
            Record(ctx, prefix, tag, "Z", d.RuleId);
            ctx.Result.Warnings.Add($"{prefix}{tag}: the {vr.Code()} value is not a valid date and could not be shifted; it was emptied.");
            return true;
        }
        ds.Set(DicomElement.FromString(tag, vr, shifted));
        Record(ctx, prefix, tag, action, d.RuleId);
        return true;
    }

    private bool Clean(DicomDataset ds, DicomElement e, DicomVR vr, DeidDecision d, string prefix, Context ctx)
    {
        var tag = e.Tag;
        switch (vr)
        {
            case DicomVR.DA:
            case DicomVR.DT:
                switch (Profile.DateMode)
                {
                    case DeidDateMode.Full: return true;
                    case DeidDateMode.Modified: return ShiftDates(ds, e, vr, null, d, prefix, ctx, "C");
                    default:
                        if (e.Length == 0) return true;
                        ds.Set(new DicomElement(tag, e.VR, DicomValue.Empty));
                        Record(ctx, prefix, tag, "Z", d.RuleId);
                        return true;
                }
            case DicomVR.TM:
                if (Profile.DateMode != DeidDateMode.Removed || e.Length == 0) return true;
                ds.Set(new DicomElement(tag, e.VR, DicomValue.Empty));
                Record(ctx, prefix, tag, "Z", d.RuleId);
                return true;
            case DicomVR.UI:
                return Profile.RetainUids || RemapUids(ds, e, vr, d, prefix, ctx);
            case DicomVR.PN:
                if (e.Length == 0) return true;
                SetDummy(ds, e, vr, ctx);
                Record(ctx, prefix, tag, "D", d.RuleId);
                return true;
            case DicomVR.AS:
                if (e.Length == 0) return true;
                var a = Text(e, vr, null);
                var capped = DeidValuePolicy.CapAge(a);
                if (string.Equals(a.Trim(), capped, StringComparison.Ordinal)) return true;
                ds.Set(DicomElement.FromString(tag, vr, capped));
                Record(ctx, prefix, tag, "C", d.RuleId);
                return true;
            case DicomVR.LO:
            case DicomVR.SH:
            case DicomVR.LT:
            case DicomVR.ST:
            case DicomVR.UT:
            case DicomVR.UC:
            case DicomVR.UR:
                if (e.Length == 0) return true;
                var text = Text(e, vr, ds.CharacterSet);
                var clean = DeidValuePolicy.CleanText(text, ctx.Tokens);
                if (string.Equals(text, clean, StringComparison.Ordinal)) return true;
                ds.Set(DicomElement.FromString(tag, vr, clean, ds.CharacterSet));
                Record(ctx, prefix, tag, "C", d.RuleId);
                return true;
            case DicomVR.AE:
                // An AE title names a node of the hospital network and often the site (Retain Device Identity gives C,
                // not K). Cleaned to what it means without the name: a keyed title, the same node giving the same
                // title in every file and run with the key.
                if (e.Length == 0) return true;
                var titles = e.GetStrings(null);
                for (var i = 0; i < titles.Length; i++)
                {
                    var t = titles[i].Trim();
                    titles[i] = t.Length == 0 ? string.Empty : ctx.Mapper.Pseudonym("AE", "ae-title", t, 14);
                }
                ds.Set(DicomElement.FromString(tag, vr, string.Join("\\", titles)));
                Record(ctx, prefix, tag, "C", d.RuleId);
                return true;
            case DicomVR.CS:
                // Code strings are defined terms (e.g. COERCE, CORRECT); a value that holds an identifying token, a
                // date or a long number is no such term: dropped, the others kept.
                if (e.Length == 0) return true;
                var codes = e.GetStrings(null);
                var kept = new List<string>(codes.Length);
                foreach (var c in codes)
                {
                    var v = c.Trim();
                    if (string.Equals(DeidValuePolicy.CleanText(v, ctx.Tokens), v, StringComparison.Ordinal)) kept.Add(v);
                }
                if (kept.Count == codes.Length) return true;
                ds.Set(kept.Count == 0 ? new DicomElement(tag, e.VR, DicomValue.Empty) : DicomElement.FromString(tag, vr, string.Join("\\", kept)));
                Record(ctx, prefix, tag, "C", d.RuleId);
                return true;
            case DicomVR.OB:
            case DicomVR.OW:
            case DicomVR.OD:
            case DicomVR.OF:
            case DicomVR.OL:
            case DicomVR.OV:
            case DicomVR.UN:
                // Bitmaps and unknown bytes (e.g. overlay data under Clean Graphics) cannot be inspected here: removed.
                ds.Remove(tag);
                Record(ctx, prefix, tag, "X", d.RuleId);
                return false;
            default:
                return true; // numbers and the like: kept
        }
    }

    private void AddMarkers(DicomDataset ds, Context ctx)
    {
        ds.SetString(PatientIdentityRemoved, DicomVR.CS, "YES");

        var values = new List<string>();
        var existing = ds.Get(DeidentificationMethod);
        if (ctx.AlreadyDeidentified && existing is not null && existing.Length > 0)
            foreach (var v in existing.GetStrings(ds.CharacterSet))
            {
                // The earlier tool's words are free text: kept, without this patient's words, dates or long numbers.
                var kept = DeidValuePolicy.CleanText(DeidValuePolicy.ReplaceWords(v.Trim(), ctx.PatientWords), Array.Empty<string>());
                if (kept.Length > 0 && !values.Contains(kept)) values.Add(kept);
            }
        var head = "DicomDeid " + EngineInfo.Version + " " + Profile.Profile.Name + " " + Profile.Profile.Version;
        values.Add(Limit(head, 64));
        // Pixel options are named (text and code) only by MarkPixelDataCleaned, once pixels were actually changed.
        foreach (var o in Profile.Options) if (!IsPixelOption(o) && !values.Contains(o)) values.Add(o);
        ds.Set(DicomElement.FromString(DeidentificationMethod, DicomVR.LO, string.Join("\\", values), DicomCharacterSet.Default));

        if (!ctx.AlreadyDeidentified) ds.Remove(DeidentificationMethodCodeSequence);
        AddMethodCode(ds, DeidOptions.BasicProfileCodeValue);
        foreach (var o in Profile.Options)
        {
            if (IsPixelOption(o)) continue; // the pixel work adds 113101 when done (MarkPixelDataCleaned); 113102 never
            AddMethodCode(ds, DeidOptions.CodeValue(o));
        }

        var mode = Profile.DateMode switch
        {
            DeidDateMode.Full => "UNMODIFIED",
            DeidDateMode.Modified => "MODIFIED",
            _ => "REMOVED",
        };
        if (ctx.AlreadyDeidentified && Profile.DateMode != DeidDateMode.Removed)
        {
            var prior = ds.GetString(LongitudinalTemporalInformationModified)?.Trim();
            if (prior == "MODIFIED" || prior == "REMOVED") mode = prior;
        }
        ds.SetString(LongitudinalTemporalInformationModified, DicomVR.CS, mode);
    }

    private static string Limit(string s, int max) => s.Length <= max ? s : s.Substring(0, max);

    private static void RebuildFileMeta(DicomFile file, string sopClass, DeidResult result)
    {
        var meta = file.FileMetaInformation;
        var classUid = meta.GetString(new DicomTag(0x00020002));
        if (string.IsNullOrEmpty(classUid)) classUid = sopClass;
        var ts = meta.GetString(DicomTag.TransferSyntaxUid);
        if (string.IsNullOrEmpty(ts)) ts = file.TransferSyntax.Uid;
        var keep = new HashSet<uint> { 0x00020000, 0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00020013 };
        var remove = new List<DicomTag>();
        foreach (var e in meta) if (!keep.Contains(e.Tag.Value)) remove.Add(e.Tag);
        foreach (var t in remove)
        {
            meta.Remove(t);
            result.Add(new DeidChange(t.ToString(), "X", "engine:file-meta"));
        }
        meta.Remove(new DicomTag(0x00020000)); // recomputed by the writer
        meta.Set(new DicomElement(new DicomTag(0x00020001), DicomVR.OB, new DicomValue(new byte[] { 0, 1 })));
        if (!string.IsNullOrEmpty(classUid)) meta.Set(DicomElement.FromString(new DicomTag(0x00020002), DicomVR.UI, classUid!));
        var sop = file.Dataset.GetString(SopInstanceUid);
        if (!string.IsNullOrEmpty(sop)) meta.Set(DicomElement.FromString(new DicomTag(0x00020003), DicomVR.UI, sop!));
        else meta.Remove(new DicomTag(0x00020003));
        meta.Set(DicomElement.FromString(DicomTag.TransferSyntaxUid, DicomVR.UI, ts!));
        meta.Set(DicomElement.FromString(new DicomTag(0x00020012), DicomVR.UI, ImplementationClassUid));
        meta.Set(DicomElement.FromString(new DicomTag(0x00020013), DicomVR.SH, ImplementationVersionName));
        file.Preamble = new byte[128];
    }
}
