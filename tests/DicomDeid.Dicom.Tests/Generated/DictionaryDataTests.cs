using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DicomDeid.Dicom.Tests.Generated;

public class DictionaryDataTests
{
    [Fact]
    public void EveryRowOfTheStandardTableIsAnEntry()
    {
        var rows = StandardTables.Read("data-dictionary.tsv");
        Assert.Equal(5356, rows.Count);
        Assert.Equal(rows.Count, DicomDictionary.Entries.Count);
        Assert.Equal(rows.Count, DicomDictionary.Entries.Select(e => (e.Tag.Value, e.Mask)).Distinct().Count());
    }

    [Fact]
    public void EveryRowResolvesToItsOwnKeywordNameVrVmAndRetiredFlag()
    {
        var failures = new List<string>();
        foreach (var row in StandardTables.Read("data-dictionary.tsv"))
        {
            // Substitute 2 for each x nibble: a concrete tag inside the repeating group.
            var concrete = row["tag"].Replace('x', '2');
            var tag = new DicomTag(Convert.ToUInt16(concrete.Substring(1, 4), 16), Convert.ToUInt16(concrete.Substring(6, 4), 16));
            var e = DicomDictionary.Lookup(tag);
            var expectedVrs = row["vr"].Length == 0 ? "" : string.Join(",", row["vr"].Split(" or "));
            if (e is null) { failures.Add(row["tag"] + ": no entry"); continue; }
            var actual = $"{e.Keyword}|{e.Name}|{string.Join(",", e.ValueRepresentations)}|{e.ValueMultiplicity}|{(e.IsRetired ? "Y" : "N")}|{e.IsMask}";
            var expected = $"{row["keyword"]}|{row["name"]}|{expectedVrs}|{row["vm"]}|{row["retired"]}|{row["tag"].Contains('x', StringComparison.Ordinal)}";
            if (!string.Equals(actual, expected, StringComparison.Ordinal)) failures.Add($"{row["tag"]}: {actual} != {expected}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void PatientNameIsPN()
    {
        var e = DicomDictionary.Lookup(new DicomTag(0x0010, 0x0010));
        Assert.NotNull(e);
        Assert.Equal("PatientName", e.Keyword);
        Assert.Equal("Patient's Name", e.Name);
        Assert.Equal(DicomVR.PN, e.VR);
        Assert.True(DicomDictionary.TryGetTag("PatientName", out var t));
        Assert.Equal(0x00100010u, t.Value);
    }

    [Theory]
    [InlineData(0x6002, 0x3000, "OverlayData", 0x60003000u, 0xFF00FFFFu)]
    [InlineData(0x601E, 0x4000, "OverlayComments", 0x60004000u, 0xFF00FFFFu)]
    [InlineData(0x5004, 0x3000, "CurveData", 0x50003000u, 0xFF00FFFFu)]
    [InlineData(0x0020, 0x3105, "SourceImageIDs", 0x00203100u, 0xFFFFFF00u)]
    [InlineData(0x1000, 0x0121, "RunLengthTriplet", 0x10000001u, 0xFFFF000Fu)]
    [InlineData(0x0028, 0x0412, "CoefficientCoding", 0x00280402u, 0xFFFFFF0Fu)]
    [InlineData(0x7F02, 0x0010, "VariablePixelData", 0x7F000010u, 0xFF00FFFFu)]
    public void RepeatingGroupsResolveThroughTheirMask(ushort group, ushort element, string keyword, uint tag, uint mask)
    {
        var e = DicomDictionary.Lookup(new DicomTag(group, element));
        Assert.NotNull(e);
        Assert.Equal(keyword, e.Keyword);
        Assert.True(e.IsMask);
        Assert.Equal(tag, e.Tag.Value);
        Assert.Equal(mask, e.Mask);
    }

    [Fact]
    public void OverlayDataIsOBorOW()
    {
        var e = DicomDictionary.Lookup(new DicomTag(0x6002, 0x3000))!;
        Assert.Equal(new[] { DicomVR.OB, DicomVR.OW }, e.ValueRepresentations);
        Assert.Equal(new[] { DicomVR.US, DicomVR.SS, DicomVR.OW }, DicomDictionary.Lookup(new DicomTag(0x0028, 0x1200))!.ValueRepresentations);
        Assert.Equal(new[] { DicomVR.US, DicomVR.OW }, DicomDictionary.Lookup(new DicomTag(0x0028, 0x3006))!.ValueRepresentations);
        Assert.Equal(new[] { DicomVR.OW }, DicomDictionary.Lookup(new DicomTag(0x0028, 0x1201))!.ValueRepresentations);
    }

    [Fact]
    public void RetiredFlagsFollowTheCurrentEdition()
    {
        Assert.True(DicomDictionary.Lookup(new DicomTag(0x0010, 0x2160))!.IsRetired);  // Ethnic Group, retired in 2025a
        Assert.False(DicomDictionary.Lookup(new DicomTag(0x3004, 0x0012))!.IsRetired); // Dose Value, no longer retired
        Assert.Equal("EthnicGroup", DicomDictionary.Lookup(new DicomTag(0x0010, 0x2160))!.Keyword);
    }

    [Fact]
    public void ItemsAndPlaceholdersHaveNoVR()
    {
        var item = DicomDictionary.Lookup(new DicomTag(0xFFFE, 0xE000))!;
        Assert.Equal("Item", item.Keyword);
        Assert.Empty(item.ValueRepresentations);
        var placeholder = DicomDictionary.Lookup(new DicomTag(0x0008, 0x0202))!;
        Assert.Equal("", placeholder.Keyword);
        Assert.True(placeholder.IsRetired);
    }

    [Fact]
    public void PrivateTagsHaveNoEntry() => Assert.Null(DicomDictionary.Lookup(new DicomTag(0x0009, 0x1010)));

    [Fact]
    public void EditionIsNamed() => Assert.Matches(@"^\d{4}[a-e]$", DicomDictionary.Edition);
}
