using System.Linq;
using Xunit;

namespace DicomDeid.Dicom.Tests.Generated;

public class CharacterSetDataTests
{
    [Fact]
    public void EveryRowIsPresentWithItsEscapeBytes()
    {
        var rows = StandardTables.Read("character-sets.tsv");
        Assert.Equal(rows.Count, DicomCharacterSetData.Rows.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = DicomCharacterSetData.Rows[i];
            Assert.Equal(rows[i]["defined_term"], r.DefinedTerm);
            Assert.Equal(rows[i]["code_extensions"] == "Y", r.CodeExtensions);
            Assert.Equal(rows[i]["escape_bytes_hex"], string.Join(" ", r.EscapeBytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    [Fact]
    public void KnownRows()
    {
        var kanji = DicomCharacterSetData.Rows.Single(r => r.DefinedTerm == "ISO 2022 IR 87");
        Assert.Equal(new byte[] { 0x1B, 0x24, 0x42 }, kanji.EscapeBytes);
        Assert.Equal("G0", kanji.CodeElement);
        Assert.Equal(65001, DicomCharacterSetData.Rows.Single(r => r.DefinedTerm == "ISO_IR 192").CodePageHint);
        Assert.Equal(2, DicomCharacterSetData.Rows.Count(r => r.DefinedTerm == "ISO_IR 13"));
        Assert.Empty(DicomCharacterSetData.Rows.Single(r => r.DefinedTerm == "").EscapeBytes);
    }
}
