using System;
using System.Collections.Generic;
using System.Management.Automation;
using DicomDeid.Dicom;

namespace DicomDeid.PowerShell;

/// <summary>
/// One -Tag value compiled: a tag or keyword, a wildcard on keywords, or a tag path with item indexes.
/// Tags and wildcards match at the top level, or at every depth when <c>anyDepth</c>; a path matches its own depth,
/// and a path ending in an item index (<c>Seq[0]</c>) selects the elements of that item.
/// </summary>
public sealed class TagSelector
{
    private readonly DicomTag _tag;
    private readonly WildcardPattern? _pattern;
    private readonly DicomTagPath? _path;

    private TagSelector(string text, DicomTag tag, WildcardPattern? pattern, DicomTagPath? path)
    {
        Text = text;
        _tag = tag;
        _pattern = pattern;
        _path = path;
    }

    /// <summary>The value as given.</summary>
    public string Text { get; }

    /// <summary>Parses a -Tag value.</summary>
    /// <exception cref="FormatException">Not a keyword, tag, wildcard or tag path; the message says why.</exception>
    public static TagSelector Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("A tag cannot be empty.");
        var s = text.Trim();
        if (s.IndexOf('.') >= 0 || s.IndexOf('[') >= 0)
        {
            var path = DicomTagPath.Parse(s);
            return path.Steps.Count == 1 && path.Steps[0].ItemIndex is null
                ? new TagSelector(text, path.Tag, null, null)
                : new TagSelector(text, default, null, path);
        }
        if (WildcardPattern.ContainsWildcardCharacters(s))
            return new TagSelector(text, default, new WildcardPattern(s, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant), null);
        return new TagSelector(text, DicomTag.Parse(s), null, null);
    }

    /// <summary>
    /// The top-level tag after which nothing more can match (the selected tag, or the first step of a path);
    /// null for a wildcard, which may match anywhere. Lets a reader stop early.
    /// </summary>
    public DicomTag? LastTopLevelTag => _pattern is not null ? null : _path is not null ? _path.Steps[0].Tag : _tag;

    /// <summary>True when the element at <paramref name="steps"/> (outermost first) is selected.</summary>
    public bool Matches(IReadOnlyList<DicomTagPathStep> steps, bool anyDepth)
    {
        if (steps is null || steps.Count == 0) return false;
        var last = steps[steps.Count - 1].Tag;
        if (_path is null)
        {
            if (steps.Count > 1 && !anyDepth) return false;
            if (_pattern is null) return last == _tag;
            if (last.IsPrivate) return false;
            var keyword = DicomDictionary.Lookup(last)?.Keyword;
            return !string.IsNullOrEmpty(keyword) && _pattern.IsMatch(keyword);
        }
        var spec = _path.Steps;
        var specEndsInItem = spec[spec.Count - 1].ItemIndex is not null;
        var expected = specEndsInItem ? spec.Count + 1 : spec.Count;
        if (steps.Count != expected) return false;
        for (var i = 0; i < spec.Count; i++)
        {
            if (steps[i].Tag != spec[i].Tag) return false;
            var want = spec[i].ItemIndex;
            var have = steps[i].ItemIndex;
            // No index or [*] in the pattern: any item. The last step of a plain path has no item.
            if (want is int w && w >= 0 && have != w) return false;
        }
        return true;
    }
}
