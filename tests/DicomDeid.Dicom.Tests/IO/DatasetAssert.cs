using System;
using Xunit;
using Xunit.Sdk;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>Element-by-element comparison of two datasets, sequences and fragments included.</summary>
internal static class DatasetAssert
{
    public static void Equal(DicomDataset expected, DicomDataset actual, string path)
    {
        if (expected.Count != actual.Count)
            throw new XunitException($"{path}: {expected.Count} elements expected, {actual.Count} found");
        for (var i = 0; i < expected.Count; i++)
        {
            var a = expected.Elements[i];
            var b = actual.Elements[i];
            var here = path + "." + a.Tag;
            if (a.Tag != b.Tag) throw new XunitException($"{here}: tag {b.Tag} found instead");
            if (a.VR != b.VR) throw new XunitException($"{here}: VR {a.VR} expected, {b.VR} found");
            switch (a)
            {
                case DicomSequence sa:
                {
                    var sb = Assert.IsType<DicomSequence>(b);
                    if (sa.Items.Count != sb.Items.Count) throw new XunitException($"{here}: {sa.Items.Count} items expected, {sb.Items.Count} found");
                    for (var k = 0; k < sa.Items.Count; k++)
                    {
                        Equal(sa.Items[k], sb.Items[k], here + "[" + k + "]");
                    }
                    break;
                }
                case DicomFragmentSequence fa:
                {
                    var fb = Assert.IsType<DicomFragmentSequence>(b);
                    Bytes(fa.OffsetTable, fb.OffsetTable, here + " offset table");
                    Assert.Equal(fa.Fragments.Count, fb.Fragments.Count);
                    for (var k = 0; k < fa.Fragments.Count; k++) Bytes(fa.Fragments[k], fb.Fragments[k], here + " fragment " + k);
                    break;
                }
                default:
                    // Group lengths (gggg,0000) are recomputed by the writer; the source's may have been wrong.
                    if (a.Tag.Element != 0) Bytes(a.Value, b.Value, here, padOdd: true);
                    break;
            }
        }
    }

    private static void Bytes(DicomValue a, DicomValue b, string where, bool padOdd = false)
    {
        var x = a.GetBytes();
        var y = b.GetBytes();
        // The writer pads odd-length values (invalid DICOM) to even length.
        if (padOdd && (x.Length & 1) == 1 && y.Length == x.Length + 1) y = y.AsSpan(0, x.Length).ToArray();
        if (!x.AsSpan().SequenceEqual(y)) throw new XunitException($"{where}: value bytes differ ({x.Length} vs {y.Length} bytes)");
    }
}
