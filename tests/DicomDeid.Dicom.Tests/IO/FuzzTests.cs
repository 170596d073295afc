using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DicomDeid.Dicom.IO;
using Xunit;
using Xunit.Sdk;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>
/// Seeded mutations of corpus files (flipped bytes, overwritten lengths, truncations): the reader either reads the
/// result or throws <see cref="DicomFormatException"/> — never another exception, never a hang; whatever it reads,
/// the writer writes and the reader reads back.
/// </summary>
public class FuzzTests
{
    [Fact]
    public void MutatedFilesGiveAFormatErrorOrAReadableDataset()
    {
        var rnd = new Random(20261125);
        var files = Corpus.Files.Where(f => !Corpus.Damaged.Contains(f)).Where((_, i) => i % 3 == 0).ToList();
        var read = 0;
        var refused = 0;
        var sw = Stopwatch.StartNew();
        foreach (var relative in files)
        {
            var original = File.ReadAllBytes(Corpus.PathOf(relative));
            for (var round = 0; round < 40; round++)
            {
                var bytes = Mutate(original, rnd);
                try
                {
                    var f = DicomFileReader.Read(new MemoryStream(bytes), relative);
                    using var ms = new MemoryStream();
                    DicomFileWriter.Write(f, ms);
                    ms.Position = 0;
                    DicomFileReader.Read(ms, relative + " (rewritten)");
                    read++;
                }
                catch (DicomFormatException)
                {
                    refused++;
                }
                catch (Exception ex)
                {
                    var dump = Path.Combine(Path.GetTempPath(), "dicomdeid-fuzz-" + Guid.NewGuid().ToString("N") + ".dcm");
                    File.WriteAllBytes(dump, bytes);
                    throw new XunitException($"{relative} round {round}: {ex.GetType().Name}: {ex.Message} (input saved as {dump})\n{ex.StackTrace}");
                }
            }
        }
        Assert.True(read > 0 && refused > 0, $"read {read}, refused {refused}");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"took {sw.Elapsed}");
    }

    private static byte[] Mutate(byte[] original, Random rnd)
    {
        var b = (byte[])original.Clone();
        switch (rnd.Next(4))
        {
            case 0: // flip a few bytes anywhere after the preamble
                for (var i = rnd.Next(1, 6); i > 0; i--) b[rnd.Next(Math.Min(128, b.Length - 1), b.Length)] ^= (byte)rnd.Next(1, 256);
                return b;
            case 1: // a huge or odd 16/32-bit value somewhere (often a length)
            {
                var at = rnd.Next(132, Math.Max(133, b.Length - 4));
                var v = rnd.Next(3) switch { 0 => 0xFFFFFFFFu, 1 => 0x7FFFFFFFu, _ => (uint)rnd.Next() };
                for (var k = 0; k < 4 && at + k < b.Length; k++) b[at + k] = (byte)(v >> (8 * k));
                return b;
            }
            case 2: // truncate
                return b.AsSpan(0, rnd.Next(0, b.Length)).ToArray();
            default: // swap in a delimiter or item tag
            {
                var at = rnd.Next(132, Math.Max(133, b.Length - 8));
                var tags = new uint[] { 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD };
                var t = tags[rnd.Next(tags.Length)];
                if (at + 8 > b.Length) return b;
                b[at] = (byte)(t >> 16); b[at + 1] = (byte)(t >> 24); b[at + 2] = (byte)t; b[at + 3] = (byte)(t >> 8);
                if (rnd.Next(2) == 0) { b[at + 4] = 0xFF; b[at + 5] = 0xFF; b[at + 6] = 0xFF; b[at + 7] = 0xFF; }
                return b;
            }
        }
    }
}
