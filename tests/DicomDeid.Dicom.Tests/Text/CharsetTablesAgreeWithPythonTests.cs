using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>
/// Every position of every table agrees with the Python codecs pydicom uses (the reference reader installed here as
/// /usr/bin/python3): what we write, pydicom reads as the same text, and the reverse.
/// </summary>
public class CharsetTablesAgreeWithPythonTests
{
    // Python dumps "hex-bytes<TAB>code point" for every sequence its codec decodes to one character.
    private const string Script = """
import sys
sets = sys.argv[1:]
out = []
for spec in sets:
    name, codec, kind = spec.split(':')
    if kind == 'single':
        for b in range(0xA0, 0x100):
            raw = bytes([b])
            try:
                s = raw.decode(codec)
            except Exception:
                continue
            if len(s) == 1:
                out.append('%s\t%s\t%d' % (name, raw.hex(), ord(s)))
    else:
        for a in range(0x21, 0x7F):
            for c in range(0x21, 0x7F):
                if kind == 'jis0208':
                    raw = b'\x1b$B' + bytes([a, c]) + b'\x1b(B'; value = bytes([a, c])
                elif kind == 'jis0212':
                    raw = b'\x1b$(D' + bytes([a, c]) + b'\x1b(B'; value = bytes([a, c])
                else:
                    raw = bytes([a | 0x80, c | 0x80]); value = raw
                try:
                    s = raw.decode(codec)
                except Exception:
                    continue
                if len(s) == 1:
                    out.append('%s\t%s\t%d' % (name, value.hex(), ord(s)))
sys.stdout.write('\n'.join(out))
""";

    private static readonly (string Name, string Codec, string Kind, string Term, byte[] Escape)[] Sets =
    {
        ("ISO_IR 100", "latin_1", "single", "ISO_IR 100", Array.Empty<byte>()),
        ("ISO_IR 101", "iso8859_2", "single", "ISO_IR 101", Array.Empty<byte>()),
        ("ISO_IR 109", "iso8859_3", "single", "ISO_IR 109", Array.Empty<byte>()),
        ("ISO_IR 110", "iso8859_4", "single", "ISO_IR 110", Array.Empty<byte>()),
        ("ISO_IR 144", "iso8859_5", "single", "ISO_IR 144", Array.Empty<byte>()),
        ("ISO_IR 127", "iso8859_6", "single", "ISO_IR 127", Array.Empty<byte>()),
        ("ISO_IR 126", "iso8859_7", "single", "ISO_IR 126", Array.Empty<byte>()),
        ("ISO_IR 138", "iso8859_8", "single", "ISO_IR 138", Array.Empty<byte>()),
        ("ISO_IR 148", "iso8859_9", "single", "ISO_IR 148", Array.Empty<byte>()),
        ("ISO_IR 203", "iso8859_15", "single", "ISO_IR 203", Array.Empty<byte>()),
        ("ISO_IR 166", "tis_620", "single", "ISO_IR 166", Array.Empty<byte>()),
        ("IR87", "iso2022_jp", "jis0208", "\\ISO 2022 IR 87", new byte[] { 0x1B, 0x24, 0x42 }),
        ("IR159", "iso2022_jp_2", "jis0212", "\\ISO 2022 IR 159", new byte[] { 0x1B, 0x24, 0x28, 0x44 }),
        ("IR149", "euc_kr", "g1", "\\ISO 2022 IR 149", new byte[] { 0x1B, 0x24, 0x29, 0x43 }),
        ("IR58", "gb2312", "g1", "\\ISO 2022 IR 58", new byte[] { 0x1B, 0x24, 0x29, 0x41 }),
    };

    private static List<(string Name, byte[] Bytes, int CodePoint)> PythonTables()
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "Reference tool missing: " + python + " (CI installs python3).");
        var script = Path.Combine(Path.GetTempPath(), "dicomdeid-charset-" + Guid.NewGuid().ToString("N") + ".py");
        File.WriteAllText(script, Script);
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script);
            foreach (var s in Sets) psi.ArgumentList.Add(s.Name + ":" + s.Codec + ":" + s.Kind);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "python failed: " + stderr);
            return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t'))
                .Select(f => (f[0], Convert.FromHexString(f[1]), int.Parse(f[2], CultureInfo.InvariantCulture)))
                .ToList();
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void EveryPositionAgreesWithPythonCodecs()
    {
        var rows = PythonTables();
        var problems = new List<string>();
        foreach (var set in Sets)
        {
            var cs = DicomCharacterSet.FromSpecificCharacterSet(set.Term);
            var mine = rows.Where(r => r.Name == set.Name).ToList();
            Assert.True(mine.Count >= (set.Kind == "single" ? 45 : 6000), $"{set.Name}: python gave only {mine.Count} positions");
            foreach (var (_, value, cp) in mine)
            {
                var expected = char.ConvertFromUtf32(cp);
                var wire = set.Kind switch
                {
                    "single" => value,
                    "g1" => set.Escape.Concat(value).ToArray(),
                    _ => set.Escape.Concat(value).Concat(new byte[] { 0x1B, 0x28, 0x42 }).ToArray(),
                };
                var decoded = cs.Decode(wire, DicomVR.LO);
                if (decoded != expected)
                {
                    problems.Add($"{set.Name} {Convert.ToHexString(value)}: read U+{(int)decoded[0]:X4}, python U+{cp:X4}");
                    continue;
                }
                // ASCII is always written in G0, so positions that read as ASCII are not written back.
                if (cp < 0x80) continue;
                if (!cs.TryEncode(expected, DicomVR.LO, out var encoded) || !encoded!.SequenceEqual(wire))
                    problems.Add($"{set.Name} U+{cp:X4}: wrote {(encoded is null ? "nothing" : Convert.ToHexString(encoded))}, python reads it from {Convert.ToHexString(wire)}");
            }
        }
        Assert.True(problems.Count == 0, problems.Count + " differences:\n" + string.Join("\n", problems.Take(40)));
    }
}
