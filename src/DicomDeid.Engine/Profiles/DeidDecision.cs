namespace DicomDeid.Engine;

/// <summary>What the engine does with an element.</summary>
public enum DeidAction
{
    /// <summary>K: keep (a sequence is kept and its items processed).</summary>
    Keep,
    /// <summary>X: remove (a sequence with everything inside).</summary>
    Remove,
    /// <summary>Z: zero length (a sequence becomes empty).</summary>
    Empty,
    /// <summary>D: a non-empty dummy value valid for the VR (for a sequence: kept and processed inside).</summary>
    Dummy,
    /// <summary>C: clean (see about_DicomDeid_Profiles: dates shifted or kept, text scrubbed, binary removed).</summary>
    Clean,
    /// <summary>U: keyed UID remapping (well-known UIDs unchanged; for a sequence: kept and processed inside).</summary>
    Uid,
    /// <summary>User: replace with a fixed value.</summary>
    Replace,
    /// <summary>User: replace with a keyed hash of the value.</summary>
    Hash,
    /// <summary>User: shift dates by fixed days or the keyed per-patient offset.</summary>
    Shift,
    /// <summary>User: keep an age string, but ages of 90 years and over become 090Y.</summary>
    AgeCap,
}

/// <summary>One compiled decision: the action for an element and the rule that chose it. Immutable and shared.</summary>
public sealed class DeidDecision
{
    internal DeidDecision(DeidAction action, string ruleId, string source, string tagPattern, string keyword, string? tableCode = null,
        int? hipaa = null, string? value = null, int? days = null, string? comment = null)
    {
        Action = action;
        RuleId = ruleId;
        Source = source;
        TagPattern = tagPattern;
        Keyword = keyword;
        TableCode = tableCode;
        HipaaCategory = hipaa;
        Value = value;
        Days = days;
        Comment = comment;
        ActionCode = action switch
        {
            DeidAction.Keep => "K",
            DeidAction.Remove => "X",
            DeidAction.Empty => "Z",
            DeidAction.Dummy => "D",
            DeidAction.Clean => "C",
            DeidAction.Uid => "U",
            DeidAction.Replace => "replace",
            DeidAction.Hash => "hash",
            DeidAction.Shift => "shift",
            _ => "ageCap",
        };
    }

    /// <summary>The action.</summary>
    public DeidAction Action { get; }

    /// <summary>Short action code used in change records: K X Z D C U, or replace/hash/shift/ageCap.</summary>
    public string ActionCode { get; }

    /// <summary>Rule id, e.g. "E.1-1:(0010,0010)", "option:RetainUIDs", "user:age-over-89", "vr-default:PN".</summary>
    public string RuleId { get; }

    /// <summary>table, option, user, engine or vr-default.</summary>
    public string Source { get; }

    /// <summary>The tag, mask, private element or VR the rule is about, e.g. "(60xx,3000)" or "vr:PN".</summary>
    public string TagPattern { get; }

    /// <summary>Keyword where known.</summary>
    public string Keyword { get; }

    /// <summary>The published Table E.1-1 cell that produced the action (e.g. "X/Z/D"), null for non-table rules.</summary>
    public string? TableCode { get; }

    /// <summary>HIPAA Safe Harbor identifier category (1-18), where the rule states one.</summary>
    public int? HipaaCategory { get; }

    /// <summary>Replacement value (replace).</summary>
    public string? Value { get; }

    /// <summary>Days (shift); null means the keyed per-patient offset.</summary>
    public int? Days { get; }

    /// <summary>Comment from the rule or the engine's explanation.</summary>
    public string? Comment { get; }

    /// <inheritdoc />
    public override string ToString() => TagPattern + " " + ActionCode + " [" + RuleId + "]";
}
