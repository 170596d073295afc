using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DicomDeid.Dicom;

/// <summary>One step of a <see cref="DicomTagPath"/>: a tag, and for a sequence the item index (−1 = any item).</summary>
public readonly struct DicomTagPathStep : IEquatable<DicomTagPathStep>
{
    /// <summary>Creates a step.</summary>
    public DicomTagPathStep(DicomTag tag, int? itemIndex)
    {
        Tag = tag;
        ItemIndex = itemIndex;
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>Item index into the sequence (null: the element itself; −1: every item).</summary>
    public int? ItemIndex { get; }

    /// <inheritdoc />
    public bool Equals(DicomTagPathStep other) => Tag == other.Tag && ItemIndex == other.ItemIndex;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DicomTagPathStep s && Equals(s);
    /// <inheritdoc />
    public override int GetHashCode() => ((int)Tag.Value * 31) ^ (ItemIndex ?? -2);
}

/// <summary>
/// A path to an element inside nested sequences, e.g. <c>ReferencedSeriesSequence[0].SeriesInstanceUID</c>
/// or <c>(0008,1115)[*].(0020,000E)</c>. Used in cmdlet output, audit records, findings and exception messages.
/// </summary>
public sealed class DicomTagPath : IEquatable<DicomTagPath>
{
    private readonly DicomTagPathStep[] _steps;

    /// <summary>Creates a path from steps.</summary>
    public DicomTagPath(IEnumerable<DicomTagPathStep> steps) => _steps = new List<DicomTagPathStep>(steps ?? throw new ArgumentNullException(nameof(steps))).ToArray();

    /// <summary>The steps, outermost first.</summary>
    public IReadOnlyList<DicomTagPathStep> Steps => _steps;

    /// <summary>The last tag of the path.</summary>
    public DicomTag Tag => _steps[_steps.Length - 1].Tag;

    /// <summary>Nesting depth (0 for a top-level element).</summary>
    public int Depth => _steps.Length - 1;

    /// <summary>Parses a path of keywords or (gggg,eeee) tags joined by dots, each optionally followed by [n] or [*].</summary>
    /// <exception cref="FormatException">A step is not a tag or keyword, or an index is malformed.</exception>
    public static DicomTagPath Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("A tag path cannot be empty.");
        var steps = new List<DicomTagPathStep>();
        foreach (var raw in SplitSteps(text))
        {
            var part = raw.Trim();
            int? index = null;
            var b = part.IndexOf('[');
            if (b >= 0)
            {
                if (!part.EndsWith("]", StringComparison.Ordinal)) throw new FormatException($"'{part}' in tag path '{text}' has an unclosed '['.");
                var idx = part.Substring(b + 1, part.Length - b - 2).Trim();
                if (idx == "*") index = -1;
                else if (int.TryParse(idx, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) index = n;
                else throw new FormatException($"'{idx}' in tag path '{text}' is not an item index (use a number or *).");
                part = part.Substring(0, b);
            }
            steps.Add(new DicomTagPathStep(DicomTag.Parse(part), index));
        }
        return new DicomTagPath(steps);
    }

    // Dots inside "(gggg,eeee)" never occur, but keep parentheses intact anyway.
    private static IEnumerable<string> SplitSteps(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == '.' && depth == 0)
            {
                yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }
        yield return text.Substring(start);
    }

    /// <summary>Returns a new path with one more step.</summary>
    public DicomTagPath Append(DicomTag tag, int? itemIndex = null)
    {
        var s = new DicomTagPathStep[_steps.Length + 1];
        Array.Copy(_steps, s, _steps.Length);
        s[_steps.Length] = new DicomTagPathStep(tag, itemIndex);
        return new DicomTagPath(s);
    }

    /// <summary>The path in hexadecimal form, e.g. <c>(0008,1115)[0].(0020,000E)</c>.</summary>
    public override string ToString() => Format(useKeywords: false);

    /// <summary>The path with keywords where the dictionary knows the tag, e.g. <c>ReferencedSeriesSequence[0].SeriesInstanceUID</c>.</summary>
    public string ToKeywordString() => Format(useKeywords: true);

    private string Format(bool useKeywords)
    {
        var sb = new StringBuilder();
        foreach (var step in _steps)
        {
            if (sb.Length > 0) sb.Append('.');
            var kw = useKeywords && !step.Tag.IsPrivate ? DicomDictionary.Lookup(step.Tag)?.Keyword : null;
            sb.Append(string.IsNullOrEmpty(kw) ? step.Tag.ToString() : kw);
            if (step.ItemIndex is int i) sb.Append('[').Append(i < 0 ? "*" : i.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(DicomTagPath? other)
    {
        if (other is null || other._steps.Length != _steps.Length) return false;
        for (var i = 0; i < _steps.Length; i++) if (!_steps[i].Equals(other._steps[i])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DicomTagPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = 17;
        foreach (var s in _steps) h = (h * 31) + s.GetHashCode();
        return h;
    }
}
