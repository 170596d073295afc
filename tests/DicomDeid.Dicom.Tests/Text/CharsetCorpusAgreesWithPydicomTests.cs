using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>
/// Every text value (PN, LO, SH, ST, LT, UT, UC, at any depth) of every public corpus file decodes to what pydicom
/// (the reference reader here, /usr/bin/python3) decodes from the same bytes with the same character sets.
/// </summary>
public class CharsetCorpusAgreesWithPydicomTests
{
    private const string Script = """
import sys, warnings
warnings.simplefilter('ignore')
import pydicom
from pydicom.charset import decode_bytes, convert_encodings
# As pydicom.charset.decode_element: PN split into component groups, each reset at '^'; other VRs reset at CR LF TAB FF.
def decode(x, vr, encs):
    if vr == 'PN':
        return '='.join(decode_bytes(c, encs, {0x5e}) for c in x.split(b'='))
    return decode_bytes(x, encs, {0x0d, 0x0a, 0x09, 0x0c})
from pydicom.datadict import dictionary_VR
TEXT = {'PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC'}
SINGLE = {'ST', 'LT', 'UT'}
def encs(ds, parent):
    raw = ds._dict.get(0x00080005)
    if raw is None:
        return parent
    v = raw.value
    if isinstance(v, bytes):
        v = v.decode('latin-1').strip(' \x00')
        v = v.split('\\')
    elif isinstance(v, str):
        v = [v]
    return convert_encodings([x.strip() for x in v])
def walk(out, ds, parent, path):
    e = encs(ds, parent)
    for tag in sorted(ds._dict.keys()):
        raw = ds._dict[tag]
        vr = getattr(raw, 'VR', None)
        if vr is None or vr == 'UN':
            try:
                vr = dictionary_VR(tag) if vr is None else vr
            except Exception:
                continue
        p = path + '(%04X,%04X)' % (tag >> 16, tag & 0xFFFF)
        if vr == 'SQ':
            try:
                items = ds[tag].value
            except Exception:
                continue
            for i, it in enumerate(items):
                walk(out, it, e, p + '[%d].' % i)
            continue
        if vr not in TEXT or tag == 0x00080005:
            continue
        value = raw.value if hasattr(raw, 'value') else None
        if not isinstance(value, bytes):
            continue
        value = value.rstrip(b' \x00')
        parts = [value] if vr in SINGLE else value.split(b'\\')
        try:
            text = '\\'.join(decode(x, vr, e) for x in parts)
        except Exception as ex:
            text = '<error %s>' % type(ex).__name__
        out.append('%s\t%s\t%s' % (p, vr, text.encode('utf-8').hex()))
for f in sys.argv[1:]:
    try:
        ds = pydicom.dcmread(f, force=True, stop_before_pixels=True)
    except Exception as ex:
        print('%s\t<unreadable>\t\t' % f); continue
    out = []
    try:
        walk(out, ds, ['iso8859'], '')
    except Exception as ex:
        print('%s\t<walkerror %s>\t\t' % (f, type(ex).__name__)); continue
    for line in out:
        print('%s\t%s' % (f, line))
""";

    [Fact]
    public void EveryTextValueOfThePublicCorpusDecodesAsPydicomDoes()
    {
        var corpus = Path.Combine(CharsetTestFiles.SharedRoot(), "corpus", "public");
        var manifest = Path.Combine(corpus, "manifest.tsv");
        Assert.True(File.Exists(manifest), "Corpus manifest missing: " + manifest);
        var files = File.ReadAllLines(manifest).Skip(1).Where(l => l.Length > 0)
            .Select(l => Path.Combine(corpus, l.Split('\t')[0])).ToList();
        Assert.True(files.Count > 50, "Too few corpus files listed");

        var expected = RunPydicom(files);
        Assert.True(expected.Count > 2000, "pydicom reported only " + expected.Count + " text values");

        var problems = new List<string>();
        int compared = 0, replaced = 0, nonAscii = 0;
        foreach (var file in files.Where(f => expected.Keys.Any(k => k.File == f)))
        {
            var ds = DicomFileReader.Read(file).Dataset;
            var ours = new Dictionary<string, (DicomVR Vr, string Text)>(StringComparer.Ordinal);
            Collect(ds, string.Empty, ours);
            foreach (var kv in expected.Where(k => k.Key.File == file))
            {
                if (!ours.TryGetValue(kv.Key.Path, out var mine) || mine.Vr.Code() != kv.Value.Vr) continue;
                // pydicom substitutes U+FFFD for undecodable bytes; we keep the bytes (a documented difference).
                if (kv.Value.Text.Contains('\uFFFD', StringComparison.Ordinal)) { replaced++; continue; }
                compared++;
                if (kv.Value.Text.Any(c => c >= 0x80)) nonAscii++;
                if (!string.Equals(mine.Text, kv.Value.Text, StringComparison.Ordinal))
                    problems.Add($"{Path.GetFileName(file)} {kv.Key.Path} {kv.Value.Vr}: ours [{mine.Text}] pydicom [{kv.Value.Text}]");
            }
        }
        Assert.True(problems.Count == 0, problems.Count + " differences:\n" + string.Join("\n", problems.Take(30)));
        Console.WriteLine($"compared {compared}, non-ASCII {nonAscii}, skipped (pydicom U+FFFD) {replaced}");
        Assert.True(compared > 2000, $"Only {compared} values compared ({replaced} with replacement characters skipped)");
        Assert.True(nonAscii >= 25, $"Only {nonAscii} non-ASCII values compared");
    }

    private static void Collect(DicomDataset ds, string path, Dictionary<string, (DicomVR, string)> into)
    {
        foreach (var e in ds)
        {
            var p = path + e.Tag.ToString();
            if (e is DicomSequence sq)
            {
                for (var i = 0; i < sq.Items.Count; i++) Collect(sq.Items[i], p + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].", into);
                continue;
            }
            if (!e.VR.UsesSpecificCharacterSet() || e.Value.Length > 1_000_000) continue;
            var bytes = e.Value.GetBytes();
            var n = bytes.Length;
            while (n > 0 && (bytes[n - 1] == ' ' || bytes[n - 1] == 0)) n--;
            into[p] = (e.VR, ds.CharacterSet.Decode(new ReadOnlySpan<byte>(bytes, 0, n), e.VR));
        }
    }

    private static Dictionary<(string File, string Path), (string Vr, string Text)> RunPydicom(List<string> files)
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "Reference tool missing: " + python + " (CI installs python3-pydicom).");
        var script = Path.Combine(Path.GetTempPath(), "dicomdeid-pydicom-" + Guid.NewGuid().ToString("N") + ".py");
        File.WriteAllText(script, Script);
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
            psi.ArgumentList.Add(script);
            foreach (var f in files) psi.ArgumentList.Add(f);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "pydicom script failed: " + stderr.Result);
            var result = new Dictionary<(string, string), (string, string)>();
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split('\t');
                if (f.Length < 4 || f[1].StartsWith('<')) continue;
                result[(f[0], f[1])] = (f[2], Encoding.UTF8.GetString(Convert.FromHexString(f[3])));
            }
            return result;
        }
        finally
        {
            File.Delete(script);
        }
    }
}
