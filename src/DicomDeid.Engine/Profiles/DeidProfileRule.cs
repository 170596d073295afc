using System;

namespace DicomDeid.Engine;

/// <summary>What a user rule matches: exactly one of keyword, tag (exact or mask), private creator + element, or VR.</summary>
public sealed class DeidRuleMatch
{
    /// <summary>A dictionary keyword, e.g. PatientAge (a mask keyword such as OverlayData matches its repeating group).</summary>
    public string? Keyword { get; set; }

    /// <summary>A tag "(gggg,eeee)", or a mask with lower-case x nibbles, e.g. "(60xx,3000)" or "(50xx,xxxx)".</summary>
    public string? Tag { get; set; }

    /// <summary>A private creator (matched case-insensitively, outer spaces trimmed, inner runs of spaces as one).</summary>
    public string? PrivateCreator { get; set; }

    /// <summary>With <see cref="PrivateCreator"/>: the element "(gggg,xxee)", group and element offset in hexadecimal.</summary>
    public string? Element { get; set; }

    /// <summary>A VR such as "PN": applies to elements not covered by Table E.1-1 (replaces the VR default).</summary>
    public string? VR { get; set; }

    /// <summary>The match as text, for listings.</summary>
    public override string ToString() =>
        Keyword ?? Tag ?? (PrivateCreator is not null ? PrivateCreator + " " + Element : VR is not null ? "vr:" + VR : "?");
}

/// <summary>One rule of a profile document.</summary>
public sealed class DeidProfileRule
{
    /// <summary>Rule id (unique in the profile); the change records say "user:" + id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>What the rule matches.</summary>
    public DeidRuleMatch Match { get; set; } = new();

    /// <summary>keep, remove, empty, dummy, replace, hash, shift, uid, clean, ageCap.</summary>
    public string Action { get; set; } = "keep";

    /// <summary>The value for replace.</summary>
    public string? Value { get; set; }

    /// <summary>Days for shift (null: the keyed per-patient offset).</summary>
    public int? Days { get; set; }

    /// <summary>HIPAA Safe Harbor identifier category (1-18) the rule addresses, when any.</summary>
    public int? Hipaa { get; set; }

    /// <summary>Free comment.</summary>
    public string? Comment { get; set; }

    /// <summary>Line of the rule in its document (0 for rules made in code).</summary>
    public int Line { get; set; }

    /// <summary>The profile the rule came from (for inherited rules).</summary>
    public string? Origin { get; set; }

    internal static readonly string[] Actions = { "keep", "remove", "empty", "dummy", "replace", "hash", "shift", "uid", "clean", "ageCap" };

    internal static bool IsAction(string a) => Array.IndexOf(Actions, a) >= 0;
}
