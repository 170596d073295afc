using System;
using System.Collections.Generic;
using System.Linq;
using DicomDeid.Dicom;
using DicomDeid.Engine.Profiles;
using Xunit;

namespace DicomDeid.Engine.Tests;

/// <summary>
/// Generated cases: every Table E.1-1 row × every option column, at the top level and nested in a sequence item,
/// checked against the action the table's cell says (compound cells per the documented resolution).
/// </summary>
public class TableRowActionTests
{
    private static readonly string?[] Configurations =
    {
        null, DeidOptions.RetainSafePrivate, DeidOptions.RetainUIDs, DeidOptions.RetainDeviceIdentity, DeidOptions.RetainInstitutionIdentity,
        DeidOptions.RetainPatientCharacteristics, DeidOptions.RetainLongitudinalFullDates, DeidOptions.RetainLongitudinalModifiedDates,
        DeidOptions.CleanDescriptors, DeidOptions.CleanStructuredContent, DeidOptions.CleanGraphics,
    };

    private static readonly Dictionary<string, Deidentifier> Deidentifiers = Configurations.ToDictionary(
        o => o ?? "Basic",
        o => new Deidentifier(DeidProfiles.Resolve("Basic").Compile(o is null ? null : new[] { o }), TestData.Key, new DeidentifierSettings { Pseudonymize = false }));

    private static readonly DicomTag Container = new(0x00081115); // Referenced Series Sequence: not in Table E.1-1, kept and processed

    public static IEnumerable<object[]> Rows()
    {
        for (var i = 0; i < ConfidentialityProfileTable.Rows.Count; i++)
        {
            yield return new object[] { i, ConfidentialityProfileTable.Rows[i].TagPattern, false };
            yield return new object[] { i, ConfidentialityProfileTable.Rows[i].TagPattern, true };
        }
    }

    [Fact]
    public void EveryRowIsGenerated() => Assert.Equal(ConfidentialityProfileTable.Rows.Count * 2, Rows().Count());

    [Theory]
    [MemberData(nameof(Rows))]
    public void RowGetsTheTableAction(int index, string pattern, bool nested)
    {
        var row = ConfidentialityProfileTable.Rows[index];
        Assert.Equal(pattern, row.TagPattern);
        var failures = new List<string>();
        foreach (var option in Configurations)
        {
            var problem = Check(row, option, nested);
            if (problem is not null) failures.Add((option ?? "Basic") + ": " + problem);
        }
        Assert.True(failures.Count == 0, row.TagPattern + " " + row.Keyword + (nested ? " (nested)" : string.Empty) + "\n" + string.Join("\n", failures));
    }

    private static string Cell(ConfidentialityProfileRow r, string option) => option switch
    {
        DeidOptions.RetainSafePrivate => r.RetainSafePrivate,
        DeidOptions.RetainUIDs => r.RetainUids,
        DeidOptions.RetainDeviceIdentity => r.RetainDeviceIdentity,
        DeidOptions.RetainInstitutionIdentity => r.RetainInstitutionIdentity,
        DeidOptions.RetainPatientCharacteristics => r.RetainPatientCharacteristics,
        DeidOptions.RetainLongitudinalFullDates => r.RetainLongFullDates,
        DeidOptions.RetainLongitudinalModifiedDates => r.RetainLongModifiedDates,
        DeidOptions.CleanDescriptors => r.CleanDescriptors,
        DeidOptions.CleanStructuredContent => r.CleanStructuredContent,
        _ => r.CleanGraphics,
    };

    // The documented resolution of compound codes (about_DicomDeid_Profiles): never X; D for the Type-1 list
    // (Z/D, X/Z/D) and for X/D; Z otherwise; X/Z/U* keeps the sequence and remaps UIDs (U).
    private static string Expected(string cell, string keyword)
    {
        var t1 = CompiledProfile.LikelyType1.Contains(keyword);
        return cell switch
        {
            "Z/D" => t1 ? "D" : "Z",
            "X/Z" => "Z",
            "X/D" => "D",
            "X/Z/D" => t1 ? "D" : "Z",
            "X/Z/U*" => "U",
            _ => cell,
        };
    }

    private static DicomTag Instantiate(ConfidentialityProfileRow row) =>
        row.IsPrivateGroupRule ? new DicomTag(0x00091010) : new DicomTag(row.Tag | (~row.Mask & 0x00003000 & 0) | InstantiateMask(row));

    private static uint InstantiateMask(ConfidentialityProfileRow row) => row.Mask switch
    {
        0xFF000000 => 0x00003000,  // (50xx,xxxx): (5000,3000) Curve Data
        _ => 0,
    };

    private static DicomElement Sample(DicomTag tag, DicomVR vr, DicomCharacterSet cs)
    {
        switch (vr)
        {
            case DicomVR.SQ:
                var seq = new DicomSequence(tag);
                var item = new DicomDataset();
                item.SetString(new DicomTag(0x00080104), DicomVR.LO, "KEPT MEANING");
                seq.Items.Add(item);
                return seq;
            case DicomVR.AT: return new DicomElement(tag, vr, new DicomValue(new byte[] { 0x10, 0x00, 0x10, 0x00 }));
            case DicomVR.US: case DicomVR.SS: return new DicomElement(tag, vr, new DicomValue(new byte[] { 7, 0 }));
            case DicomVR.UL: case DicomVR.SL: case DicomVR.FL: return new DicomElement(tag, vr, new DicomValue(new byte[] { 7, 0, 0, 0x40 }));
            case DicomVR.FD: case DicomVR.SV: case DicomVR.UV: return new DicomElement(tag, vr, new DicomValue(new byte[] { 7, 0, 0, 0, 0, 0, 0, 0x40 }));
            case DicomVR.OB: case DicomVR.OW: case DicomVR.OD: case DicomVR.OF: case DicomVR.OL: case DicomVR.OV: case DicomVR.UN:
                return new DicomElement(tag, vr, new DicomValue(new byte[] { 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11 }));
        }
        var text = vr switch
        {
            DicomVR.AE => "STATION1",
            DicomVR.AS => "045Y",
            DicomVR.CS => "VALUE1",
            DicomVR.DA => "20200115",
            DicomVR.DS => "12.5",
            DicomVR.DT => "20200115101500",
            DicomVR.IS => "42",
            DicomVR.PN => "SMITH^JANE",
            DicomVR.TM => "101500",
            DicomVR.UI => "1.2.826.0.1.3680043.2.1125.99.7",
            DicomVR.UR => "http://example.com/DOE/1234567",
            _ => "DOE SCAN 1234567",
        };
        return DicomElement.FromString(tag, vr, text, cs);
    }

    private static string? Check(ConfidentialityProfileRow row, string? option, bool nested)
    {
        var tag = Instantiate(row);
        var vr = row.IsPrivateGroupRule ? DicomVR.LO : DicomDictionary.Lookup(tag)?.VR ?? DicomVR.LO;
        var cell = option is null ? row.Basic : Cell(row, option);
        if (cell.Length == 0) cell = row.Basic;
        var expected = Expected(cell, row.Keyword);
        if (vr == DicomVR.SQ && cell.IndexOf('/', StringComparison.Ordinal) >= 0) expected = "D"; // compound on a sequence: items kept and processed
        if (tag.Group == 0x0004) expected = "X"; // documented: group 0004 removed from ordinary files
        if (row.IsPrivateGroupRule) expected = "X";  // no Table E.3.10-1 entry for this creator: removed under every option

        var root = new DicomDataset();
        if (tag != new DicomTag(0x00100010)) root.SetString(new DicomTag(0x00100010), DicomVR.PN, "DOE^JOHN");
        if (tag != new DicomTag(0x00100020)) root.SetString(new DicomTag(0x00100020), DicomVR.LO, "PID001");
        if (tag != new DicomTag(0x00080018)) root.SetString(new DicomTag(0x00080018), DicomVR.UI, "1.2.826.0.1.3680043.2.1125.5.5");
        var target = root;
        if (nested)
        {
            var seq = new DicomSequence(Container);
            target = new DicomDataset { Parent = root };
            seq.Items.Add(target);
            root.Set(seq);
        }
        if (row.IsPrivateGroupRule) target.SetString(new DicomTag(0x00090010), DicomVR.LO, "NOT A SAFE CREATOR");
        var original = Sample(tag, vr, target.CharacterSet);
        target.Set(original);
        var originalBytes = original is DicomSequence ? null : original.Value.GetBytes();

        var file = TestData.File(root);
        var result = Deidentifiers[option ?? "Basic"].Apply(file);

        if (tag == new DicomTag(0x00420011) && !nested)
            return result.Refusal is null ? "an Encapsulated Document must be refused without a user rule" : null;
        if (result.Refusal is not null) return "refused: " + result.Refusal;
        if (nested && target.Parent is null) return "container lost";
        var after = target.Get(tag);

        // Attributes the engine sets as evidence are checked by the marker tests instead.
        if (!nested && (tag.Value == 0x00120062 || tag.Value == 0x00120063 || tag.Value == 0x00120064 || tag.Value == 0x00280303)) return null;
        if (nested && !root.Contains(Container)) return "container sequence removed";

        switch (expected)
        {
            case "X":
                return after is null ? null : "expected X (removed) but present";
            case "Z":
                if (after is null) return "expected Z but removed";
                if (after is DicomSequence zs) return zs.Items.Count == 0 ? null : "expected Z: sequence with items";
                return after.Length == 0 ? null : "expected Z but length " + after.Length;
            case "K":
                if (after is null) return "expected K but removed";
                if (after is DicomSequence) return null;
                return after.Value.GetBytes().SequenceEqual(originalBytes!) ? null : "expected K but changed";
            case "D":
                if (after is null) return "expected D but removed";
                if (after is DicomSequence) return null;
                if (after.Length == 0) return "expected D but empty";
                return after.Value.GetBytes().SequenceEqual(originalBytes!) ? "expected D but unchanged" : null;
            case "U":
                if (after is null) return "expected U but removed";
                if (after is DicomSequence) return null;
                if (vr != DicomVR.UI) return after.Length > 0 ? null : "expected U (dummy for non-UI) but empty";
                using (var m = new KeyedMapper(TestData.Key))
                {
                    var want = m.MapUid("1.2.826.0.1.3680043.2.1125.99.7");
                    return after.GetString() == want ? null : "expected U -> " + want + " but got " + after.GetString();
                }
            case "C":
                return CheckClean(after, vr, option, originalBytes);
            default:
                return "unknown expected action " + expected;
        }
    }

    private static string? CheckClean(DicomElement? after, DicomVR vr, string? option, byte[]? originalBytes)
    {
        switch (vr)
        {
            case DicomVR.SQ:
                return after is DicomSequence ? null : "expected C on a sequence: kept and processed";
            case DicomVR.DA:
            case DicomVR.DT:
                if (option == DeidOptions.RetainLongitudinalModifiedDates)
                {
                    if (after is null || after.Length == 0) return "expected a shifted date, got none";
                    var v = after.GetString();
                    if (v.Length < 8 || v.Substring(0, 8) == "20200115") return "expected a shifted date, got " + v;
                    var days = (DateTime.ParseExact("20200115", "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)
                        - DateTime.ParseExact(v.Substring(0, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)).TotalDays;
                    return days >= 365 && days <= 3650 ? null : "shift out of range: " + days;
                }
                return after is null || after.Length == 0 ? null : "expected a removed or empty date";
            case DicomVR.TM:
                return after is not null && after.Value.GetBytes().SequenceEqual(originalBytes!) ? null : "expected time kept under a longitudinal option";
            case DicomVR.OB: case DicomVR.OW: case DicomVR.OD: case DicomVR.OF: case DicomVR.OL: case DicomVR.OV: case DicomVR.UN:
                return after is null ? null : "expected binary C to remove the value";
            case DicomVR.LO: case DicomVR.SH: case DicomVR.LT: case DicomVR.ST: case DicomVR.UT: case DicomVR.UC: case DicomVR.UR:
                if (after is null) return "expected cleaned text, got removed";
                var t = after.GetString();
                return t.Contains("DOE", StringComparison.Ordinal) || t.Contains("1234567", StringComparison.Ordinal) ? "identifying tokens remain: " + t : null;
            case DicomVR.PN:
                return after is not null && after.GetString() == DeidValuePolicy.DummyText ? null : "expected PN C -> dummy";
            case DicomVR.AE:
                // An AE title names the node and often the site: a keyed title, never the original.
                return after is not null && System.Text.RegularExpressions.Regex.IsMatch(after.GetString().Trim(), "^AE[A-Z2-7]{14}$") ? null : "expected AE C -> keyed title, got " + after?.GetString();
            case DicomVR.UI:
                return after is not null && after.GetString().StartsWith("2.25.", StringComparison.Ordinal) ? null : "expected UI C -> remapped";
            default:
                return after is not null && after.Value.GetBytes().SequenceEqual(originalBytes!) ? null : "expected coded/numeric C value kept";
        }
    }
}
