using System;
using System.Collections.Generic;

namespace DicomDeid.Dicom;

/// <summary>One entry of the data dictionary (PS3.6), possibly a repeating-group mask such as (60xx,3000).</summary>
public sealed class DicomDictionaryEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="tag">The tag with the masked nibbles set to zero.</param>
    /// <param name="mask">Bits of a tag that must equal <paramref name="tag"/> (0xFFFFFFFF for a plain tag).</param>
    /// <param name="keyword">The keyword (empty for items and retired placeholders).</param>
    /// <param name="name">The attribute name.</param>
    /// <param name="vrs">Allowed VRs, first is the default ("OB or OW" gives two).</param>
    /// <param name="vm">Value multiplicity as published, e.g. "1-n".</param>
    /// <param name="retired">True when retired.</param>
    public DicomDictionaryEntry(uint tag, uint mask, string keyword, string name, DicomVR[] vrs, string vm, bool retired)
    {
        Tag = new DicomTag(tag);
        Mask = mask;
        Keyword = keyword;
        Name = name;
        ValueRepresentations = vrs;
        ValueMultiplicity = vm;
        IsRetired = retired;
    }

    /// <summary>The tag (masked nibbles zero).</summary>
    public DicomTag Tag { get; }
    /// <summary>Bits that must match.</summary>
    public uint Mask { get; }
    /// <summary>Keyword, e.g. PatientName.</summary>
    public string Keyword { get; }
    /// <summary>Name, e.g. Patient's Name.</summary>
    public string Name { get; }
    /// <summary>Allowed VRs; the first is used for implicit-VR reading when the choice cannot be made from context.</summary>
    public IReadOnlyList<DicomVR> ValueRepresentations { get; }
    /// <summary>The default VR (first allowed, or UN).</summary>
    public DicomVR VR => ValueRepresentations.Count > 0 ? ValueRepresentations[0] : DicomVR.UN;
    /// <summary>Value multiplicity as published.</summary>
    public string ValueMultiplicity { get; }
    /// <summary>True when retired.</summary>
    public bool IsRetired { get; }
    /// <summary>True for a repeating-group entry such as (60xx,3000).</summary>
    public bool IsMask => Mask != 0xFFFFFFFF;
}

/// <summary>Look-ups in the generated data dictionary: by tag (masks included) and by keyword.</summary>
public static class DicomDictionary
{
    private static readonly Dictionary<uint, DicomDictionaryEntry> ByTag = new();
    private static readonly Dictionary<string, DicomDictionaryEntry> ByKeyword = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<DicomDictionaryEntry> Masks = new();

    static DicomDictionary()
    {
        foreach (var e in DicomDictionaryData.Entries)
        {
            if (e.IsMask) Masks.Add(e);
            else ByTag[e.Tag.Value] = e;
            if (e.Keyword.Length > 0 && !ByKeyword.ContainsKey(e.Keyword)) ByKeyword[e.Keyword] = e;
        }
        // Most specific masks first: fewer wildcard bits wins, e.g. (0028,04x2) before (0028,xxxx)-style rows.
        Masks.Sort((a, b) => CountBits(b.Mask).CompareTo(CountBits(a.Mask)));
    }

    /// <summary>The edition of the standard the dictionary was generated from.</summary>
    public static string Edition => DicomDictionaryData.Edition;

    /// <summary>All entries.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> Entries => DicomDictionaryData.Entries;

    /// <summary>The entry for <paramref name="tag"/> (exact first, then repeating-group masks); null for unknown and private tags.</summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        if (ByTag.TryGetValue(tag.Value, out var e)) return e;
        if ((tag.Group & 1) == 1) return null; // private tags have no public dictionary entry
        if (tag.Element == 0x0000) return GroupLength;
        foreach (var m in Masks)
            if ((tag.Value & m.Mask) == m.Tag.Value) return m;
        return null;
    }

    /// <summary>Finds a tag by keyword (case-insensitive).</summary>
    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        if (keyword is not null && ByKeyword.TryGetValue(keyword, out var e) && !e.IsMask)
        {
            tag = e.Tag;
            return true;
        }
        tag = default;
        return false;
    }

    /// <summary>The entry for a keyword, masks included (e.g. OverlayData → (60xx,3000)), or null.</summary>
    public static DicomDictionaryEntry? LookupKeyword(string keyword) =>
        keyword is not null && ByKeyword.TryGetValue(keyword, out var e) ? e : null;

    /// <summary>Every keyword, for argument completion.</summary>
    public static IEnumerable<string> Keywords => ByKeyword.Keys;

    private static readonly DicomDictionaryEntry GroupLength = new(0x00000000, 0x0000FFFF, "GenericGroupLength", "Group Length", new[] { DicomVR.UL }, "1", true);

    private static int CountBits(uint v)
    {
        var c = 0;
        while (v != 0) { c += (int)(v & 1); v >>= 1; }
        return c;
    }
}

/// <summary>One row of the UID registry (PS3.6 Table ).</summary>
public sealed class DicomUidInfo
{
    /// <summary>Creates a row.</summary>
    public DicomUidInfo(string uid, string name, string keyword, string type, bool retired)
    {
        Uid = uid;
        Name = name;
        Keyword = keyword;
        Type = type;
        IsRetired = retired;
    }

    /// <summary>The UID.</summary>
    public string Uid { get; }
    /// <summary>The name.</summary>
    public string Name { get; }
    /// <summary>The keyword.</summary>
    public string Keyword { get; }
    /// <summary>The UID type, e.g. "SOP Class", "Transfer Syntax", "Well-known frame of reference".</summary>
    public string Type { get; }
    /// <summary>True when retired.</summary>
    public bool IsRetired { get; }
}

/// <summary>Look-ups in the generated UID registry.</summary>
public static class DicomUidRegistry
{
    private static readonly Dictionary<string, DicomUidInfo> ByUid = new(StringComparer.Ordinal);

    static DicomUidRegistry()
    {
        foreach (var u in DicomUidRegistryData.Entries) ByUid[u.Uid] = u;
    }

    /// <summary>All registry rows.</summary>
    public static IReadOnlyList<DicomUidInfo> Entries => DicomUidRegistryData.Entries;

    /// <summary>The registry row for <paramref name="uid"/>.</summary>
    public static bool TryGet(string uid, out DicomUidInfo info)
    {
        if (uid is not null && ByUid.TryGetValue(uid.Trim('\0', ' '), out var i)) { info = i; return true; }
        info = null!;
        return false;
    }

    /// <summary>
    /// True for a UID defined by the standard (SOP classes, transfer syntaxes, coding schemes, well-known frames of
    /// reference and instances...): such UIDs are not instance identifiers and are never remapped.
    /// </summary>
    public static bool IsWellKnown(string uid) => TryGet(uid, out _);
}
