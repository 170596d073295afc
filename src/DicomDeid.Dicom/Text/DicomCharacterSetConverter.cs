using System;
using System.Collections.Generic;

namespace DicomDeid.Dicom;

/// <summary>
/// Moves a dataset to another Specific Character Set consistently: every text value that depends on (0008,0005)
/// (PN, LO, SH, ST, LT, UC, UT), in the dataset and in every sequence item at any depth, is decoded with the set in
/// force where it stands and encoded again in the target set; (0008,0005) is then set on the dataset and on the items
/// that declared their own. Use it before writing text the current set cannot hold (e.g. move to
/// <see cref="DicomCharacterSet.Utf8"/> when <see cref="DicomCharacterSet.CanEncode"/> is false).
/// </summary>
public static class DicomCharacterSetConverter
{
    /// <summary>
    /// Converts <paramref name="dataset"/> (a top-level dataset, or an item together with everything below it) to
    /// <paramref name="target"/>. All or nothing: when any value cannot be represented in the target set,
    /// <see cref="DicomTextEncodingException"/> is thrown and the dataset is left unchanged.
    /// Values that are plain ASCII keep their bytes (every supported set reads ASCII the same way).
    /// </summary>
    /// <returns>The number of values that were re-encoded.</returns>
    /// <exception cref="DicomTextEncodingException">A value cannot be represented in <paramref name="target"/>.</exception>
    public static int ConvertTo(DicomDataset dataset, DicomCharacterSet target)
    {
        if (dataset is null) throw new ArgumentNullException(nameof(dataset));
        if (target is null) throw new ArgumentNullException(nameof(target));

        // First every new value (nothing changes if one fails), then the changes.
        var replacements = new List<(DicomDataset Owner, DicomElement Element)>();
        var datasets = new List<(DicomDataset Dataset, bool Declares)>();
        Collect(dataset, dataset.CharacterSet, target, replacements, datasets, isRoot: true);

        foreach (var (owner, element) in replacements) owner.Set(element);
        foreach (var (ds, declares) in datasets)
        {
            if (declares)
            {
                if (target.SpecificCharacterSet.Length == 0) ds.Remove(DicomTag.SpecificCharacterSet);
                else ds.Set(DicomElement.FromString(DicomTag.SpecificCharacterSet, DicomVR.CS, target.SpecificCharacterSet));
            }
            else
            {
                // An item that inherits may have cached its parent's former set; RemoveAll clears that cache.
                ds.RemoveAll(static _ => false);
            }
        }
        return replacements.Count;
    }

    private static void Collect(
        DicomDataset ds,
        DicomCharacterSet inherited,
        DicomCharacterSet target,
        List<(DicomDataset, DicomElement)> replacements,
        List<(DicomDataset, bool)> datasets,
        bool isRoot)
    {
        var own = ds.Get(DicomTag.SpecificCharacterSet);
        var source = own is null ? inherited : DicomCharacterSet.FromSpecificCharacterSet(own.GetString(null));
        datasets.Add((ds, isRoot || own is not null));
        foreach (var e in ds.Elements)
        {
            if (e is DicomSequence sq)
            {
                foreach (var item in sq.Items) Collect(item, source, target, replacements, datasets, isRoot: false);
                continue;
            }
            if (e is DicomFragmentSequence || !e.VR.UsesSpecificCharacterSet() || e.Value.Length == 0) continue;
            var bytes = e.Value.GetBytes();
            if (IsAsciiWithoutEscape(bytes)) continue;
            var text = source.Decode(bytes, e.VR);
            var end = text.Length;
            while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\0')) end--;
            var replaced = DicomElement.FromString(e.Tag, e.VR, text.Substring(0, end), target);
            replaced.OriginalVR = e.OriginalVR;
            replacements.Add((ds, replaced));
        }
    }

    private static bool IsAsciiWithoutEscape(byte[] bytes)
    {
        foreach (var b in bytes)
            if (b >= 0x80 || b == 0x1B) return false;
        return true;
    }
}
