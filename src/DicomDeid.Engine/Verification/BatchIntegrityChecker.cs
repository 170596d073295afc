using System;
using System.Collections.Generic;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Verification;

/// <summary>
/// Checks a set of de-identified files together: every referenced instance/series/study/frame-of-reference UID
/// resolves inside the set (or is reported), no two original patients were merged into one pseudonym, no original
/// patient was split across pseudonyms, and each patient keeps one pseudonym across studies.
/// Feed it one file at a time (<see cref="Add"/>), then call <see cref="Check"/>.
/// </summary>
public sealed class BatchIntegrityChecker
{
    private readonly HashSet<string> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _series = new(StringComparer.Ordinal);
    private readonly HashSet<string> _studies = new(StringComparer.Ordinal);
    private readonly HashSet<string> _frames = new(StringComparer.Ordinal);
    private readonly List<(string File, string TagPath, string Uid, DicomTag Tag)> _references = new();
    private readonly Dictionary<string, HashSet<string>> _outputsByOriginalPatient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _originalsByOutputPatient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _firstFileOfOutputPatient = new(StringComparer.Ordinal);

    // Reference attributes and the set their UID must resolve in.
    private static readonly Dictionary<uint, char> ReferenceKinds = new()
    {
        [0x00081155] = 'I', // ReferencedSOPInstanceUID
        [0x0020000E] = 'S', // SeriesInstanceUID inside a reference sequence
        [0x0020000D] = 'T', // StudyInstanceUID inside a reference sequence
        [0x30060024] = 'F', // ReferencedFrameOfReferenceUID
        [0x00200052] = 'F', // FrameOfReferenceUID inside a sequence
    };

    /// <summary>Number of files added.</summary>
    public int FileCount { get; private set; }

    /// <summary>Adds one de-identified file; <paramref name="originalPatientKey"/> is the original's patient identity (ID or name), when known.</summary>
    public void Add(string file, DicomDataset output, string? originalPatientKey)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        FileCount++;
        AddIf(_instances, output.GetString(new DicomTag(0x0008, 0x0018)));
        AddIf(_series, output.GetString(new DicomTag(0x0020, 0x000E)));
        AddIf(_studies, output.GetString(new DicomTag(0x0020, 0x000D)));
        AddIf(_frames, output.GetString(new DicomTag(0x0020, 0x0052)));
        CollectReferences(file, output, new List<DicomTagPathStep>(), nested: false);

        var outPatient = (output.GetString(new DicomTag(0x0010, 0x0020)) ?? string.Empty) + "|" + (output.GetString(new DicomTag(0x0010, 0x0010)) ?? string.Empty);
        if (!_firstFileOfOutputPatient.ContainsKey(outPatient)) _firstFileOfOutputPatient[outPatient] = file;
        if (originalPatientKey is not null)
        {
            Get(_outputsByOriginalPatient, originalPatientKey).Add(outPatient);
            Get(_originalsByOutputPatient, outPatient).Add(originalPatientKey);
        }
    }

    private void CollectReferences(string file, DicomDataset ds, List<DicomTagPathStep> path, bool nested)
    {
        foreach (var e in ds.Elements)
        {
            if (e is DicomSequence seq)
            {
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    path.Add(new DicomTagPathStep(e.Tag, i));
                    CollectReferences(file, seq.Items[i], path, nested: true);
                    path.RemoveAt(path.Count - 1);
                }
                continue;
            }
            // Top-level Study/Series/FoR UIDs are the file's own identity; inside sequences they are references.
            if (!ReferenceKinds.ContainsKey(e.Tag.Value) || (!nested && e.Tag.Value != 0x00081155 && e.Tag.Value != 0x30060024)) continue;
            foreach (var uid in e.GetStrings(null))
            {
                if (uid.Length == 0 || DicomUidRegistry.IsWellKnown(uid)) continue;
                var p = new List<DicomTagPathStep>(path) { new DicomTagPathStep(e.Tag, null) };
                _references.Add((file, new DicomTagPath(p).ToString(), uid, e.Tag));
            }
        }
    }

    /// <summary>Runs the set-level checks; returns findings per file (file path -> findings).</summary>
    public IReadOnlyDictionary<string, List<DeidFinding>> Check()
    {
        var result = new Dictionary<string, List<DeidFinding>>(StringComparer.Ordinal);
        foreach (var (file, tagPath, uid, tag) in _references)
        {
            var kind = ReferenceKinds[tag.Value];
            var ok = kind switch
            {
                'I' => _instances.Contains(uid),
                'S' => _series.Contains(uid),
                'T' => _studies.Contains(uid),
                _ => _frames.Contains(uid),
            };
            if (ok) continue;
            Get(result, file).Add(new DeidFinding("reference-unresolved", tagPath, DicomDictionary.Lookup(tag)?.Keyword ?? string.Empty,
                HipaaIdentifier.None, FindingSeverity.Info, IdentityPatternScanner.Mask(uid),
                "The referenced UID does not resolve to any file of the set (the referenced object was not part of it, or references were broken)."));
        }
        foreach (var kv in _outputsByOriginalPatient)
        {
            if (kv.Value.Count <= 1) continue;
            foreach (var outPatient in kv.Value)
                Get(result, _firstFileOfOutputPatient[outPatient]).Add(new DeidFinding("patient-split", string.Empty, "PatientID", HipaaIdentifier.None, FindingSeverity.Error,
                    string.Empty, "One original patient received " + kv.Value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " different pseudonyms in this set."));
        }
        foreach (var kv in _originalsByOutputPatient)
        {
            if (kv.Value.Count <= 1) continue;
            Get(result, _firstFileOfOutputPatient[kv.Key]).Add(new DeidFinding("patient-merged", string.Empty, "PatientID", HipaaIdentifier.None, FindingSeverity.Error,
                string.Empty, kv.Value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " different original patients share one pseudonym in this set."));
        }
        return result;
    }

    private static void AddIf(HashSet<string> set, string? v)
    {
        if (!string.IsNullOrEmpty(v)) set.Add(v!);
    }

    private static TV Get<TV>(Dictionary<string, TV> d, string k) where TV : new()
    {
        if (!d.TryGetValue(k, out var v)) d[k] = v = new TV();
        return v;
    }
}
