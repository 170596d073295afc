using System.Linq;
using DicomDeid.Engine.Verification;
using Xunit;

namespace DicomDeid.Engine.Tests.Verification;

public class IdentityPatternScannerTests
{
    [Theory]
    [InlineData("Contact jane.doe@example.org for results", "Email")]
    [InlineData("see https://intranet.example.org/pacs?id=9", "URL")]
    [InlineData("workstation 192.168.10.24 sent it", "IPv4")]
    [InlineData("SSN 123-45-6789 on file", "SSN")]
    [InlineData("call (555) 123-4567 after 5", "Phone")]
    [InlineData("call +44 20 7946 0958", "Phone")]
    [InlineData("MRN: A1234567", "MRN")]
    [InlineData("seen on 03/14/2019 in clinic", "Date")]
    [InlineData("seen on 14 March 2019", "Date")]
    [InlineData("lives at 221 Baker Street", "StreetAddress")]
    [InlineData("Springfield IL 62704", "PostalCode")]
    [InlineData("reviewed by Dr. Gregory House", "TitledName")]
    [InlineData("Patient Name: Smith, John", "LabelledName")]
    [InlineData("Fax: (555) 201-9911", "Fax")]
    [InlineData("Member ID: XQH4471290", "HealthPlanNumber")]
    [InlineData("License No. MD-449120", "LicenseNumber")]
    [InlineData("VIN 1HGCM82633A004352", "VehicleId")]
    public void FindsIdentityPatterns(string text, string kind)
    {
        var matches = IdentityPatternScanner.Scan(text);
        Assert.Contains(matches, m => m.Kind == kind);
    }

    [Theory]
    [InlineData("CHEST PA AND LATERAL")]
    [InlineData("ORIGINAL\\PRIMARY\\AXIAL")]
    [InlineData("1.2.840.10008.5.1.4.1.1.2")]
    [InlineData("T1 SE 5mm")]
    [InlineData("")]
    public void IgnoresOrdinaryDicomText(string text) => Assert.Empty(IdentityPatternScanner.Scan(text));

    [Fact]
    public void MasksKeepShapeButNotValue()
    {
        var masked = IdentityPatternScanner.Mask("Johnathan Smith");
        Assert.Equal("J*******n S***h", masked);
        Assert.DoesNotContain("ohnatha", masked, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKindHasACategory() => Assert.All(IdentityPatternScanner.Kinds, k => Assert.NotEqual(HipaaIdentifier.None, k.Value));

    [Fact]
    public void MatchesDoNotOverlap()
    {
        var m = IdentityPatternScanner.Scan("Email jane@example.org or call 555-123-4567 re 01/02/2020").OrderBy(x => x.Index).ToList();
        for (var i = 1; i < m.Count; i++) Assert.True(m[i].Index >= m[i - 1].Index + m[i - 1].Length);
    }
}
