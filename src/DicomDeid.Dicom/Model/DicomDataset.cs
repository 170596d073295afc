using System;
using System.Collections;
using System.Collections.Generic;

namespace DicomDeid.Dicom;

/// <summary>
/// A dataset: elements ordered by tag. Items of a sequence are datasets too, linked to the dataset that holds
/// the sequence through <see cref="Parent"/> so that Specific Character Set is inherited (PS3.5 7.5.3).
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements = new();
    private DicomCharacterSet? _characterSet;

    /// <summary>The dataset that holds the sequence this item belongs to; null for a top-level dataset.</summary>
    public DicomDataset? Parent { get; set; }

    /// <summary>Number of elements at this level.</summary>
    public int Count => _elements.Count;

    /// <summary>Byte offset of the item (or dataset) start in the source, −1 when unknown.</summary>
    public long SourceOffset { get; set; } = -1;

    /// <summary>
    /// For a sequence item: true when it was read with undefined length (ended by an Item Delimitation Item).
    /// The writer keeps that encoding; items of defined length get their length recomputed.
    /// </summary>
    public bool UndefinedLength { get; set; }

    /// <summary>The elements in tag order.</summary>
    public IReadOnlyList<DicomElement> Elements => _elements;

    /// <summary>Adds or replaces the element with the same tag, keeping tag order.</summary>
    public void Set(DicomElement element)
    {
        if (element is null) throw new ArgumentNullException(nameof(element));
        if (element.Tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        if (element is DicomSequence seq) foreach (var item in seq.Items) item.Parent = this;
        var n = _elements.Count;
        if (n == 0 || _elements[n - 1].Tag < element.Tag) { _elements.Add(element); return; }
        var i = IndexOf(element.Tag);
        if (i >= 0) _elements[i] = element;
        else _elements.Insert(~i, element);
    }

    /// <summary>Appends an element known to come after all present ones (reader fast path); falls back to <see cref="Set"/>.</summary>
    internal void AddInOrder(DicomElement element)
    {
        var n = _elements.Count;
        if (n == 0 || _elements[n - 1].Tag < element.Tag) _elements.Add(element);
        else Set(element);
    }

    /// <summary>Removes the element with <paramref name="tag"/>; true when one was removed.</summary>
    public bool Remove(DicomTag tag)
    {
        var i = IndexOf(tag);
        if (i < 0) return false;
        _elements.RemoveAt(i);
        if (tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        return true;
    }

    /// <summary>Removes every element matching <paramref name="predicate"/>; returns how many.</summary>
    public int RemoveAll(Predicate<DicomElement> predicate)
    {
        var n = _elements.RemoveAll(predicate);
        _characterSet = null;
        return n;
    }

    /// <summary>True when an element with <paramref name="tag"/> is present at this level.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>The element with <paramref name="tag"/> at this level, or null.</summary>
    public DicomElement? Get(DicomTag tag)
    {
        var i = IndexOf(tag);
        return i >= 0 ? _elements[i] : null;
    }

    /// <summary>The sequence with <paramref name="tag"/>, or null when absent or not a sequence.</summary>
    public DicomSequence? GetSequence(DicomTag tag) => Get(tag) as DicomSequence;

    /// <summary>The text value of <paramref name="tag"/> decoded with this dataset's character set, or null when absent.</summary>
    public string? GetString(DicomTag tag)
    {
        var e = Get(tag);
        return e is null || e is DicomSequence || e is DicomFragmentSequence ? null : e.GetString(CharacterSet);
    }

    /// <summary>Sets a text element, encoded in this dataset's character set.</summary>
    public void SetString(DicomTag tag, DicomVR vr, string value) => Set(DicomElement.FromString(tag, vr, value, CharacterSet));

    /// <summary>
    /// The character set in force for this dataset: its own (0008,0005), else the parent's, else the default repertoire.
    /// </summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is not null) return _characterSet;
            var e = Get(DicomTag.SpecificCharacterSet);
            // Only a dataset's own (0008,0005) is cached: an inherited set is asked of the parent each time, so a
            // change of the parent's set reaches its items.
            if (e is null) return Parent?.CharacterSet ?? DicomCharacterSet.Default;
            _characterSet = DicomCharacterSet.FromSpecificCharacterSet(e.GetString(null));
            return _characterSet;
        }
    }

    /// <summary>Index of <paramref name="tag"/> or the bitwise complement of its insertion point.</summary>
    private int IndexOf(DicomTag tag)
    {
        int lo = 0, hi = _elements.Count - 1;
        var v = tag.Value;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var m = _elements[mid].Tag.Value;
            if (m == v) return mid;
            if (m < v) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>
    /// For a private data element, the value of the private creator that reserves its block, or null
    /// (no creator element, or <paramref name="tag"/> is not private data).
    /// </summary>
    public string? GetPrivateCreator(DicomTag tag)
    {
        if (!tag.IsPrivateData) return null;
        var c = Get(tag.PrivateCreatorTag);
        return c?.GetString(CharacterSet).Trim();
    }

    /// <summary>Depth-first walk over this dataset and every nested item, calling <paramref name="visit"/> with the owning dataset and the element.</summary>
    public void Walk(Action<DicomDataset, DicomElement> visit)
    {
        if (visit is null) throw new ArgumentNullException(nameof(visit));
        foreach (var e in _elements)
        {
            visit(this, e);
            if (e is DicomSequence s)
                foreach (var item in s.Items) item.Walk(visit);
        }
    }

    /// <inheritdoc />
    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _elements.GetEnumerator();
}
