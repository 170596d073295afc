using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;
using Xunit;

namespace DicomDeid.Engine.Tests.Generated;

public class ProfileTableTests
{
    private static readonly HashSet<string> ActionCodes = new(StringComparer.Ordinal)
    {
        "", "D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*",
    };

    [Fact]
    public void ConfidentialityProfileHasEveryRowOf2026d()
    {
        Assert.Equal("2026d", ConfidentialityProfileTable.Edition);
        Assert.Equal(657, ConfidentialityProfileTable.Rows.Count);
        Assert.Equal(657, ConfidentialityProfileTable.Rows.Select(r => r.TagPattern).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryCellIsAnActionCodeAndEveryRowHasABasicAction()
    {
        foreach (var r in ConfidentialityProfileTable.Rows)
        {
            Assert.NotEqual("", r.Basic);
            foreach (var cell in new[] { r.Basic, r.RetainSafePrivate, r.RetainUids, r.RetainDeviceIdentity, r.RetainInstitutionIdentity,
                         r.RetainPatientCharacteristics, r.RetainLongFullDates, r.RetainLongModifiedDates, r.CleanDescriptors,
                         r.CleanStructuredContent, r.CleanGraphics })
                Assert.True(ActionCodes.Contains(cell), $"{r}: '{cell}'");
        }
    }

    [Fact]
    public void PlainRowsAgreeWithTheDataDictionary()
    {
        foreach (var r in ConfidentialityProfileTable.Rows.Where(r => r.Mask == 0xFFFFFFFF))
        {
            Assert.False(r.IsPrivateGroupRule);
            var e = DicomDictionary.Lookup(new DicomTag(r.Tag));
            Assert.True(e is not null, $"{r} is not in the data dictionary");
            Assert.Equal(r.Keyword, e!.Keyword);
            Assert.Equal(r.Retired, e.IsRetired);
            Assert.True(r.Matches(r.Tag));
        }
    }

    [Fact]
    public void KnownRows()
    {
        var accession = ConfidentialityProfileTable.Rows.Single(r => r.Keyword == "AccessionNumber");
        Assert.Equal(("(0008,0050)", 0x00080050u, 0xFFFFFFFFu, "Z"), (accession.TagPattern, accession.Tag, accession.Mask, accession.Basic));
        Assert.Equal("Accession Number", accession.Name);
        Assert.True(accession.InStandardIod);

        var study = ConfidentialityProfileTable.Rows.Single(r => r.Keyword == "StudyInstanceUID");
        Assert.Equal(("U", "K"), (study.Basic, study.RetainUids));

        var requesting = ConfidentialityProfileTable.Rows.Single(r => r.TagPattern == "(0032,1033)");
        Assert.Equal("C", requesting.CleanDescriptors);
        Assert.True(requesting.InStandardIod);

        var ethnic = ConfidentialityProfileTable.Rows.Single(r => r.TagPattern == "(0010,2160)");
        Assert.False(ethnic.InStandardIod);
        Assert.Equal("K", ethnic.RetainPatientCharacteristics);
    }

    [Fact]
    public void MaskRowsMatchTheirGroups()
    {
        var curves = ConfidentialityProfileTable.Rows.Single(r => r.TagPattern == "(50xx,xxxx)");
        Assert.Equal((0x50000000u, 0xFF000000u, false), (curves.Tag, curves.Mask, curves.IsPrivateGroupRule));
        Assert.True(curves.Matches(0x50021000));
        Assert.False(curves.Matches(0x60003000));

        var overlayData = ConfidentialityProfileTable.Rows.Single(r => r.TagPattern == "(60xx,3000)");
        Assert.True(overlayData.Matches(0x601E3000));
        Assert.False(overlayData.Matches(0x60104000));
        Assert.True(ConfidentialityProfileTable.Rows.Single(r => r.TagPattern == "(60xx,4000)").Matches(0x60104000));

        var privates = ConfidentialityProfileTable.Rows.Single(r => r.IsPrivateGroupRule);
        Assert.Equal("(gggg,eeee) where gggg is odd", privates.TagPattern);
        Assert.Equal(("X", "C"), (privates.Basic, privates.RetainSafePrivate));
        Assert.True(privates.Matches(0x00091010));
        Assert.True(privates.Matches(0x7FE10010));
        Assert.False(privates.Matches(0x00081010));
    }

    [Fact]
    public void ActionCodesHaveTheirMeanings()
    {
        Assert.Equal(11, ConfidentialityActionCodes.Rows.Count);
        Assert.Equal(ActionCodes.Where(c => c.Length > 0).OrderBy(c => c, StringComparer.Ordinal),
            ConfidentialityActionCodes.Rows.Select(r => r.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.StartsWith("remove", ConfidentialityActionCodes.Rows.Single(r => r.Code == "X").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SafePrivateTableHas479OddGroupRows()
    {
        Assert.Equal("2026d", SafePrivateAttributeTable.Edition);
        Assert.Equal(479, SafePrivateAttributeTable.Rows.Count);
        Assert.All(SafePrivateAttributeTable.Rows, r =>
        {
            Assert.Equal(1, r.Group & 1);
            Assert.NotEqual("", r.PrivateCreator);
        });
        var suv = SafePrivateAttributeTable.Rows.First(r => r.PrivateCreator == "Philips PET Private Group");
        Assert.Equal((0x7053, 0x00, "DS", "1"), (suv.Group, suv.ElementOffset, suv.VR, suv.VM));
        Assert.StartsWith("SUV Factor", suv.Meaning, StringComparison.Ordinal);
        // Several creators share group 2001.
        Assert.True(SafePrivateAttributeTable.Rows.Where(r => r.Group == 0x2001).Select(r => r.PrivateCreator).Distinct(StringComparer.Ordinal).Count() > 1);
    }

    [Fact]
    public void Cid7050Has13ConsecutiveCodes()
    {
        Assert.Equal("2026d", DeidentificationMethodCodes.Edition);
        Assert.Equal(13, DeidentificationMethodCodes.Rows.Count);
        Assert.All(DeidentificationMethodCodes.Rows, c => Assert.Equal("DCM", c.Scheme));
        Assert.Equal(Enumerable.Range(113100, 13).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            DeidentificationMethodCodes.Rows.Select(c => c.Value));
        Assert.Equal("Basic Application Confidentiality Profile", DeidentificationMethodCodes.Rows[0].Meaning);
        Assert.Equal("Retain Institution Identity Option", DeidentificationMethodCodes.Rows[12].Meaning);
    }
}
