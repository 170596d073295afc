using System;
using DicomDeid.Dicom;

namespace DicomDeid.PowerShell;

/// <summary>One data element as Get-DicomTag lists it (dcmdump-like: tag, VR, value, name, indented by depth).</summary>
public sealed class DicomTagInfo
{
    /// <summary>Creates the object.</summary>
    public DicomTagInfo(string file, DicomTagPath path, DicomElement element, string? privateCreator, string value)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        Element = element ?? throw new ArgumentNullException(nameof(element));
        File = file;
        var tag = element.Tag;
        Tag = tag.ToString();
        TagPath = path.ToString();
        KeywordPath = path.ToKeywordString();
        Depth = path.Depth;
        PrivateCreator = privateCreator;
        VR = element.VR.Code();
        Length = element.Length;
        Value = value;
        VM = DicomElementText.Multiplicity(element);
        if (tag.IsPrivate)
        {
            Keyword = string.Empty;
            Name = tag.IsPrivateCreator ? "Private Creator"
                : tag.IsPrivateData ? "[" + (privateCreator ?? "no private creator") + "]"
                : "Private";
        }
        else
        {
            var entry = DicomDictionary.Lookup(tag);
            Keyword = entry?.Keyword ?? string.Empty;
            Name = entry?.Name ?? "Unknown";
        }
    }

    /// <summary>Full path of the file.</summary>
    public string File { get; }

    /// <summary>The tag, e.g. (0010,0010).</summary>
    public string Tag { get; }

    /// <summary>The tag path in hexadecimal form, e.g. (0008,1115)[0].(0020,000E).</summary>
    public string TagPath { get; }

    /// <summary>The tag path with keywords, e.g. ReferencedSeriesSequence[0].SeriesInstanceUID.</summary>
    public string KeywordPath { get; }

    /// <summary>The keyword (empty for private and unknown tags).</summary>
    public string Keyword { get; }

    /// <summary>The attribute name; for private data elements the creator in brackets, e.g. [SIEMENS CSA HEADER].</summary>
    public string Name { get; }

    /// <summary>The VR as read (or from the dictionary for implicit VR).</summary>
    public string VR { get; }

    /// <summary>Value multiplicity: the number of values (1 for a sequence, 0 for an empty value).</summary>
    public int VM { get; }

    /// <summary>Value length in bytes as encoded; −1 for undefined length.</summary>
    public long Length { get; }

    /// <summary>The value as text for display (cut at -MaxValueLength; large values show their length only).</summary>
    public string Value { get; }

    /// <summary>For private elements, the private creator that reserves the block.</summary>
    public string? PrivateCreator { get; }

    /// <summary>Nesting depth: 0 at the top level, 1 inside an item of a top-level sequence, and so on.</summary>
    public int Depth { get; }

    /// <summary>The element itself.</summary>
    public DicomElement Element { get; }

    /// <inheritdoc />
    public override string ToString() => TagPath + " " + VR + " " + Value;
}
