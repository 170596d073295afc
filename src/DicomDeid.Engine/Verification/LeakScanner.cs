using System;
using System.Collections.Generic;
using System.Text;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Verification;

/// <summary>
/// Searches a de-identified dataset for identifying values of its original: in the parsed value of every element at
/// every depth, and in the raw bytes of every in-memory element (private blobs, overlays, binary VRs), encoded in the
/// dataset's character set as well as ASCII/UTF-8/Latin-1 and UTF-16LE.
/// </summary>
public static class LeakScanner
{
    private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

    /// <summary>Scans <paramref name="output"/> for any of <paramref name="identities"/>.</summary>
    public static IReadOnlyList<DeidFinding> Scan(DicomDataset output, IReadOnlyList<ReferenceIdentity> identities) => Scan(output, identities, null);

    /// <summary>
    /// Scans <paramref name="output"/> for any of <paramref name="identities"/>. With <paramref name="original"/>, an
    /// element kept byte-identical at the same path is not reported (the profile decided to keep it, and the profile
    /// checks judge that), unless it is the attribute the identity came from.
    /// </summary>
    public static IReadOnlyList<DeidFinding> Scan(DicomDataset output, IReadOnlyList<ReferenceIdentity> identities, DicomDataset? original)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        if (identities is null) throw new ArgumentNullException(nameof(identities));
        var findings = new List<DeidFinding>();
        if (identities.Count == 0) return findings;
        var patterns = new List<(ReferenceIdentity Id, byte[][] Encodings)>(identities.Count);
        foreach (var id in identities) patterns.Add((id, Encodings(id.Value, output.CharacterSet)));

        Visit(output, original, new List<DicomTagPathStep>(), findings, patterns);
        return findings;
    }

    private static void Visit(DicomDataset ds, DicomDataset? orig, List<DicomTagPathStep> path, List<DeidFinding> findings, List<(ReferenceIdentity Id, byte[][] Encodings)> patterns)
    {
        foreach (var e in ds.Elements)
        {
            if (e is DicomSequence seq)
            {
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    path.Add(new DicomTagPathStep(e.Tag, i));
                    var origSeq = orig?.GetSequence(e.Tag);
                    Visit(seq.Items[i], origSeq is not null && i < origSeq.Items.Count ? origSeq.Items[i] : null, path, findings, patterns);
                    path.RemoveAt(path.Count - 1);
                }
                continue;
            }
            if (e is DicomFragmentSequence || e.Value.IsDeferred) continue; // pixel data and bulk values: pixel checks own them
            var bytes = e.Value.Span;
            if (bytes.Length == 0) continue;
            string? text = e.VR.IsString() ? e.GetString(ds.CharacterSet) : null;
            var kept = orig?.Get(e.Tag) is DicomElement o && !o.Value.IsDeferred && o.Value.Span.SequenceEqual(bytes);
            var keyword = DicomDictionary.Lookup(e.Tag)?.Keyword ?? string.Empty;
            foreach (var (id, encodings) in patterns)
            {
                var hit = text is not null && text.IndexOf(id.Value, StringComparison.OrdinalIgnoreCase) >= 0;
                if (!hit)
                    foreach (var enc in encodings)
                        if (enc.Length > 0 && bytes.IndexOf(enc) >= 0) { hit = true; break; }
                if (!hit || (kept && !string.Equals(keyword, id.SourceKeyword, StringComparison.Ordinal))) continue;
                var p = new List<DicomTagPathStep>(path) { new DicomTagPathStep(e.Tag, null) };
                var tagPath = new DicomTagPath(p);
                findings.Add(new DeidFinding("leak:" + id.SourceKeyword, tagPath.ToString(), keyword, id.Category, FindingSeverity.Error,
                    IdentityPatternScanner.Mask(id.Value),
                    "A value of the original's " + id.SourceKeyword + " appears in this element."));
            }
        }
    }

    private static byte[][] Encodings(string value, DicomCharacterSet cs)
    {
        var list = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(value),
            Latin1.GetBytes(value),
            Encoding.Unicode.GetBytes(value),
            Encoding.UTF8.GetBytes(value.ToUpperInvariant()),
        };
        try { list.Add(cs.Encode(value, DicomVR.LO)); }
        catch (ArgumentException) { /* not representable in the dataset's set: the other encodings still apply */ }
        return list.ToArray();
    }
}
