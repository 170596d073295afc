using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>What we write in each set, pydicom (the reference reader, /usr/bin/python3) reads back as the same text.</summary>
public class CharsetWriterInteropTests
{
    private const string Script = """
import sys, warnings
warnings.simplefilter('error')
from pydicom.charset import decode_bytes, convert_encodings
# As pydicom.charset.decode_element: PN split into component groups, each reset at '^'; other VRs reset at CR LF TAB FF.
def decode(x, vr, encs):
    if vr == 'PN':
        return '='.join(decode_bytes(c, encs, {0x5e}) for c in x.split(b'='))
    return decode_bytes(x, encs, {0x0d, 0x0a, 0x09, 0x0c})
for line in sys.stdin.read().splitlines():
    scs, vr, hexbytes = line.split('\t')
    value = bytes.fromhex(hexbytes)
    single = vr in ('ST', 'LT', 'UT')
    parts = [value] if single else value.split(b'\\')
    # pydicom 2.3 predates ISO_IR 203 (Latin-9); its Python codec name is accepted as is.
    encs = convert_encodings(['iso8859_15' if x.strip() == 'ISO_IR 203' else x.strip() for x in scs.split('\\')])
    text = '\\'.join(decode(x, vr, encs) for x in parts)
    print(text.encode('utf-8').hex())
""";

    private static readonly (string Scs, DicomVR Vr, string Text)[] Cases =
    {
        ("ISO_IR 100", DicomVR.PN, "Buc^Jérôme\\Müller^Zoë"),
        ("ISO_IR 101", DicomVR.LO, "Wałęsa Dvořák"),
        ("ISO_IR 109", DicomVR.LO, "antaŭnomo ĉĝĥ"),
        ("ISO_IR 110", DicomVR.LO, "vārds ŗļ"),
        ("ISO_IR 144", DicomVR.PN, "Люксембург^Иван"),
        ("ISO_IR 127", DicomVR.PN, "قباني^لنزار"),
        ("ISO_IR 126", DicomVR.PN, "Διονυσιος^Αλέξανδρος"),
        ("ISO_IR 138", DicomVR.PN, "שרון^דבורה"),
        ("ISO_IR 148", DicomVR.PN, "Çavuşoğlu^İsmail"),
        ("ISO_IR 203", DicomVR.LO, "Œuvre € Šž"),
        ("ISO_IR 166", DicomVR.LO, "นามสกุล"),
        ("ISO_IR 13", DicomVR.PN, "ﾔﾏﾀﾞ^ﾀﾛｳ"),
        ("ISO_IR 192", DicomVR.PN, "Wang^XiaoDong=王^小東=Ωμέγα"),
        ("GB18030", DicomVR.PN, "Wang^XiaoDong=王^小东=wang^xiaodong"),
        ("GBK", DicomVR.PN, "Wang^XiaoDong=王^小东=丂"),
        ("\\ISO 2022 IR 100", DicomVR.PN, "Buc^Jérôme"),
        ("ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 126", DicomVR.LO, "Jérôme\\Διονυσιος\\Люксембург é Ω Ж"),
        ("ISO 2022 IR 100\\ISO 2022 IR 126", DicomVR.LT, "Röntgen\r\nΔιονυσιος\tJérôme\\Ω"),
        ("\\ISO 2022 IR 87", DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        ("ISO 2022 IR 13\\ISO 2022 IR 87", DicomVR.PN, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう\\ｱｲｳ=亜=あ"),
        ("ISO 2022 IR 6\\ISO 2022 IR 87\\ISO 2022 IR 159", DicomVR.PN, "Mori^Ogai=森^鷗外=もり^おうがい"),
        ("\\ISO 2022 IR 87", DicomVR.LT, "山田\r\n太郎 is here\\やまだ"),
        ("\\ISO 2022 IR 149", DicomVR.PN, "Hong^Gildong=洪^吉洞=홍^길동"),
        ("\\ISO 2022 IR 149", DicomVR.LO, "김희중\\홍길동 Ω"),
        ("\\ISO 2022 IR 58", DicomVR.PN, "Wang^XiaoDong=王^小东=wang^xiaodong"),
        ("\\ISO 2022 IR 58", DicomVR.LT, "中文\r\n第二行"),
    };

    [Fact]
    public async Task PydicomReadsWhatWeWrite()
    {
        var input = new StringBuilder();
        foreach (var (scs, vr, text) in Cases)
        {
            var bytes = DicomCharacterSet.FromSpecificCharacterSet(scs).Encode(text, vr);
            input.Append(scs).Append('\t').Append(vr.Code()).Append('\t').Append(Convert.ToHexString(bytes)).Append('\n');
        }

        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "Reference tool missing: " + python + " (CI installs python3-pydicom).");
        var script = Path.Combine(Path.GetTempPath(), "dicomdeid-interop-" + Guid.NewGuid().ToString("N") + ".py");
        File.WriteAllText(script, Script);
        try
        {
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(script);
            using var p = Process.Start(psi)!;
            p.StandardInput.Write(input.ToString());
            p.StandardInput.Close();
            var stderr = p.StandardError.ReadToEndAsync();
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "pydicom failed (a warning is an error here): " + await stderr);
            Assert.Equal(Cases.Length, lines.Length);
            for (var i = 0; i < Cases.Length; i++)
            {
                // pydicom 2.3 keeps "ESC $ ) A" as text for GB 2312 (IR 58); dcmtk reads those values (test below).
                if (Cases[i].Scs.EndsWith("IR 58", StringComparison.Ordinal)) continue;
                Assert.Equal(Cases[i].Scs + " " + Cases[i].Text, Cases[i].Scs + " " + Encoding.UTF8.GetString(Convert.FromHexString(lines[i])));
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void DcmtkReadsWhatWeWrite()
    {
        const string dcmdump = "/usr/bin/dcmdump";
        Assert.True(File.Exists(dcmdump), "Reference tool missing: " + dcmdump + " (CI installs dcmtk).");
        var template = CharsetTestFiles.CharsetFile("chrFren.dcm");
        var dir = Path.Combine(Path.GetTempPath(), "dicomdeid-dcmtk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var checkedCount = 0;
            for (var i = 0; i < Cases.Length; i++)
            {
                var (scs, vr, text) = Cases[i];
                if (vr == DicomVR.LT) continue; // dcmdump prints line breaks escaped; PN and LO suffice here
                if (scs.Contains("203", StringComparison.Ordinal)) continue; // dcmtk 3.6.7 predates ISO_IR 203 (pydicom checks it)
                // dcmtk with glibc iconv cannot convert ISO 2022 IR 87/159 (it refuses chrH31.dcm too); pydicom checks them.
                if (scs.Contains("IR 87", StringComparison.Ordinal)) continue;
                var file = DicomFileReader.Read(template);
                file.Dataset.Set(DicomElement.FromString(DicomTag.SpecificCharacterSet, DicomVR.CS, scs));
                var tag = vr == DicomVR.PN ? new DicomTag(0x0010, 0x0010) : new DicomTag(0x0008, 0x1030);
                file.Dataset.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Test^Name"); // the template's name is Latin-1
                file.Dataset.SetString(tag, vr, text);
                var path = Path.Combine(dir, i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".dcm");
                using (var fs = File.Create(path)) DicomFileWriter.Write(file, fs);

                var psi = new ProcessStartInfo(dcmdump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
                foreach (var a in new[] { "-q", "+U8", "+L", "+P", tag.ToString().Trim('(', ')'), path }) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var output = p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(tag.ToString(), StringComparison.Ordinal));
                Assert.True(line is not null, $"dcmdump did not print {tag} for {scs}: {output}");
                var value = line!.Substring(line.IndexOf('[', StringComparison.Ordinal) + 1);
                value = value.Substring(0, value.LastIndexOf(']'));
                Assert.Equal(scs + " " + text, scs + " " + value);
                checkedCount++;
            }
            Assert.True(checkedCount >= 16, "Only " + checkedCount + " values checked with dcmtk");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
