namespace DicomDeid.Engine.Profiles;

/// <summary>
/// One row of PS3.15 Table E.1-1 with every cell exactly as published ("" = no entry in that column). The action cells
/// hold the codes of Table E.1-1a (D, Z, X, K, C, U, Z/D, X/Z, X/D, X/Z/D, X/Z/U*), see <see cref="ConfidentialityActionCodes"/>.
/// </summary>
public sealed class ConfidentialityProfileRow
{
    internal ConfidentialityProfileRow(
        string tagPattern, uint tag, uint mask, bool isPrivateGroupRule, string name, string keyword, bool retired,
        bool inStandardIod, string basic, string retainSafePrivate, string retainUids, string retainDeviceIdentity,
        string retainInstitutionIdentity, string retainPatientCharacteristics, string retainLongFullDates,
        string retainLongModifiedDates, string cleanDescriptors, string cleanStructuredContent, string cleanGraphics)
    {
        TagPattern = tagPattern;
        Tag = tag;
        Mask = mask;
        IsPrivateGroupRule = isPrivateGroupRule;
        Name = name;
        Keyword = keyword;
        Retired = retired;
        InStandardIod = inStandardIod;
        Basic = basic;
        RetainSafePrivate = retainSafePrivate;
        RetainUids = retainUids;
        RetainDeviceIdentity = retainDeviceIdentity;
        RetainInstitutionIdentity = retainInstitutionIdentity;
        RetainPatientCharacteristics = retainPatientCharacteristics;
        RetainLongFullDates = retainLongFullDates;
        RetainLongModifiedDates = retainLongModifiedDates;
        CleanDescriptors = cleanDescriptors;
        CleanStructuredContent = cleanStructuredContent;
        CleanGraphics = cleanGraphics;
    }

    /// <summary>The tag as published: "(0008,0050)", "(50xx,xxxx)", "(60xx,3000)" or "(gggg,eeee) where gggg is odd".</summary>
    public string TagPattern { get; }

    /// <summary>The tag with the x nibbles zero; for the private-group rule 0x00010000.</summary>
    public uint Tag { get; }

    /// <summary>
    /// Bits of an element's tag that must equal <see cref="Tag"/>: 0xFFFFFFFF for a plain tag, 0 nibbles for x
    /// ((50xx,xxxx) gives 0xFF000000); for the private-group rule 0x00010000 (the odd bit of the group).
    /// </summary>
    public uint Mask { get; }

    /// <summary>True for "(gggg,eeee) where gggg is odd": the rule for all private attributes.</summary>
    public bool IsPrivateGroupRule { get; }

    /// <summary>The attribute name in the standard's wording, e.g. "Icon Image Sequence (see Note 11)".</summary>
    public string Name { get; }

    /// <summary>The keyword ("" for the mask and private rows that have none).</summary>
    public string Keyword { get; }

    /// <summary>True when the attribute is retired (column "Retd.").</summary>
    public bool Retired { get; }

    /// <summary>True when the attribute is in a standard composite IOD (column "In Std. Comp. IOD").</summary>
    public bool InStandardIod { get; }

    /// <summary>The Basic Profile action.</summary>
    public string Basic { get; }

    /// <summary>The Retain Safe Private Option action.</summary>
    public string RetainSafePrivate { get; }

    /// <summary>The Retain UIDs Option action.</summary>
    public string RetainUids { get; }

    /// <summary>The Retain Device Identity Option action.</summary>
    public string RetainDeviceIdentity { get; }

    /// <summary>The Retain Institution Identity Option action.</summary>
    public string RetainInstitutionIdentity { get; }

    /// <summary>The Retain Patient Characteristics Option action.</summary>
    public string RetainPatientCharacteristics { get; }

    /// <summary>The Retain Longitudinal Temporal Information with Full Dates Option action.</summary>
    public string RetainLongFullDates { get; }

    /// <summary>The Retain Longitudinal Temporal Information with Modified Dates Option action.</summary>
    public string RetainLongModifiedDates { get; }

    /// <summary>The Clean Descriptors Option action.</summary>
    public string CleanDescriptors { get; }

    /// <summary>The Clean Structured Content Option action.</summary>
    public string CleanStructuredContent { get; }

    /// <summary>The Clean Graphics Option action.</summary>
    public string CleanGraphics { get; }

    /// <summary>True when <paramref name="tag"/> (a 32-bit group/element value) matches this row's pattern.</summary>
    public bool Matches(uint tag) => (tag & Mask) == Tag;

    /// <inheritdoc />
    public override string ToString() => TagPattern + " " + Name;
}

/// <summary>One row of PS3.15 Table E.1-1a: an action code and its published description.</summary>
public sealed class ConfidentialityActionCode
{
    internal ConfidentialityActionCode(string code, string description)
    {
        Code = code;
        Description = description;
    }

    /// <summary>The code as used in Table E.1-1, e.g. "X/Z/D".</summary>
    public string Code { get; }

    /// <summary>The description as published.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string ToString() => Code;
}

/// <summary>One row of PS3.15 Table E.3.10-1: a private attribute (gggg,xxee) of a private creator that is safe to retain.</summary>
public sealed class SafePrivateAttributeRow
{
    internal SafePrivateAttributeRow(ushort group, byte elementOffset, string privateCreator, string vr, string vm, string meaning)
    {
        Group = group;
        ElementOffset = elementOffset;
        PrivateCreator = privateCreator;
        VR = vr;
        VM = vm;
        Meaning = meaning;
    }

    /// <summary>The (odd) group gggg.</summary>
    public ushort Group { get; }

    /// <summary>
    /// The ee of (gggg,xxee): the element's low byte. The xx is the block reserved by the private creator element
    /// (gggg,00xx) whose value equals <see cref="PrivateCreator"/>.
    /// </summary>
    public byte ElementOffset { get; }

    /// <summary>The private creator value as published (match it after trimming trailing spaces).</summary>
    public string PrivateCreator { get; }

    /// <summary>The VR as published ("" where the standard gives none).</summary>
    public string VR { get; }

    /// <summary>The VM as published.</summary>
    public string VM { get; }

    /// <summary>The meaning as published ("" where the standard gives none).</summary>
    public string Meaning { get; }

    /// <inheritdoc />
    public override string ToString() =>
        "(" + Group.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ",xx" +
        ElementOffset.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + ") " + PrivateCreator;
}

/// <summary>One code of PS3.16 CID 7050 De-identification Method.</summary>
public sealed class DeidMethodCode
{
    internal DeidMethodCode(string scheme, string value, string meaning)
    {
        Scheme = scheme;
        Value = value;
        Meaning = meaning;
    }

    /// <summary>Coding Scheme Designator, e.g. "DCM".</summary>
    public string Scheme { get; }

    /// <summary>Code Value, e.g. "113100".</summary>
    public string Value { get; }

    /// <summary>Code Meaning, e.g. "Basic Application Confidentiality Profile".</summary>
    public string Meaning { get; }

    /// <inheritdoc />
    public override string ToString() => "(" + Value + ", " + Scheme + ", \"" + Meaning + "\")";
}
