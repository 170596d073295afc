using System;
using System.Collections.Generic;

namespace DicomDeid.Dicom.IO;

/// <summary>One element met by <see cref="DicomDatasetWalker.Walk"/>.</summary>
public sealed class DicomWalkEntry
{
    internal DicomWalkEntry(DicomTagPath path, DicomElement element, DicomDataset owner, int depth)
    {
        Path = path;
        Element = element;
        Owner = owner;
        Depth = depth;
    }

    /// <summary>The tag path, e.g. <c>(0008,1115)[0].(0020,000E)</c>.</summary>
    public DicomTagPath Path { get; }

    /// <summary>The element.</summary>
    public DicomElement Element { get; }

    /// <summary>The dataset (top level or item) that holds the element.</summary>
    public DicomDataset Owner { get; }

    /// <summary>Nesting depth: 0 at top level, 1 inside an item of a top-level sequence, ...</summary>
    public int Depth { get; }
}

/// <summary>Depth-first traversal of a dataset and every item of every sequence in it.</summary>
public static class DicomDatasetWalker
{
    /// <summary>
    /// Every element in tag order, a sequence before the elements of its items (item by item), to any depth.
    /// </summary>
    public static IEnumerable<DicomWalkEntry> Walk(DicomDataset dataset)
    {
        if (dataset is null) throw new ArgumentNullException(nameof(dataset));
        return WalkIterator(dataset);
    }

    private static IEnumerable<DicomWalkEntry> WalkIterator(DicomDataset root)
    {
        // An explicit stack instead of nested iterators: constant cost per element whatever the depth.
        var stack = new Stack<Frame>();
        stack.Push(new Frame(root, Array.Empty<DicomTagPathStep>(), 0));
        while (stack.Count > 0)
        {
            var f = stack.Pop();
            var elements = f.Dataset.Elements;
            if (f.Index >= elements.Count) continue;
            var e = elements[f.Index];
            stack.Push(new Frame(f.Dataset, f.Prefix, f.Depth, f.Index + 1));
            var steps = new DicomTagPathStep[f.Prefix.Length + 1];
            Array.Copy(f.Prefix, steps, f.Prefix.Length);
            steps[f.Prefix.Length] = new DicomTagPathStep(e.Tag, null);
            yield return new DicomWalkEntry(new DicomTagPath(steps), e, f.Dataset, f.Depth);
            if (e is DicomSequence seq)
            {
                // Push items in reverse so the first item is visited first.
                for (var i = seq.Items.Count - 1; i >= 0; i--)
                {
                    var prefix = new DicomTagPathStep[f.Prefix.Length + 1];
                    Array.Copy(f.Prefix, prefix, f.Prefix.Length);
                    prefix[f.Prefix.Length] = new DicomTagPathStep(e.Tag, i);
                    stack.Push(new Frame(seq.Items[i], prefix, f.Depth + 1));
                }
            }
        }
    }

    private readonly struct Frame
    {
        public Frame(DicomDataset dataset, DicomTagPathStep[] prefix, int depth, int index = 0)
        {
            Dataset = dataset;
            Prefix = prefix;
            Depth = depth;
            Index = index;
        }

        public DicomDataset Dataset { get; }
        public DicomTagPathStep[] Prefix { get; }
        public int Depth { get; }
        public int Index { get; }
    }
}
