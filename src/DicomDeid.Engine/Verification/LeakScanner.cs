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
    public static IReadOnlyList<DeidFinding> Scan(DicomDataset output, IReadOnlyList<ReferenceIdentity> identities)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        if (identities is null) throw new ArgumentNullException(nameof(identities));
        var findings = new List<DeidFinding>();
        if (identities.Count == 0) return findings;
        var patterns = new List<(ReferenceIdentity Id, byte[][] Encodings)>(identities.Count);
        foreach (var id in identities) patterns.Add((id, Encodings(id.Value, output.CharacterSet)));

        Visit(output, new List<DicomTagPathStep>(), findings, patterns);
        return findings;
    }

    private static void Visit(DicomDataset ds, List<DicomTagPathStep> path, List<DeidFinding> findings, List<(ReferenceIdentity Id, byte[][] Encodings)> patterns)
    {
        foreach (var e in ds.Elements)
        {
            if (e is DicomSequence seq)
            {
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    path.Add(new DicomTagPathStep(e.Tag, i));
                    Visit(seq.Items[i], path, findings, patterns);
                    path.RemoveAt(path.Count - 1);
                }
                continue;
            }
            if (e is DicomFragmentSequence || e.Value.IsDeferred) continue; // pixel data and bulk values: pixel checks own them
            var bytes = e.Value.Span;
            if (bytes.Length == 0) continue;
            string? text = e.VR.IsString() ? e.GetString(ds.CharacterSet) : null;
            foreach (var (id, encodings) in patterns)
            {
                var hit = text is not null && text.IndexOf(id.Value, StringComparison.OrdinalIgnoreCase) >= 0;
                if (!hit)
                    foreach (var enc in encodings)
                        if (enc.Length > 0 && bytes.IndexOf(enc) >= 0) { hit = true; break; }
                if (!hit) continue;
                var p = new List<DicomTagPathStep>(path) { new DicomTagPathStep(e.Tag, null) };
                var tagPath = new DicomTagPath(p);
                var kw = DicomDictionary.Lookup(e.Tag)?.Keyword ?? string.Empty;
                findings.Add(new DeidFinding("leak:" + id.SourceKeyword, tagPath.ToString(), kw, id.Category, FindingSeverity.Error,
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
