using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>Seeded random inputs: decoding never throws, and text made of representable characters round-trips.</summary>
public class DicomCharacterSetFuzzTests
{
    private static readonly string[] Values =
    {
        "", "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138",
        "ISO_IR 148", "ISO_IR 203", "ISO_IR 13", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK", "ISO_IR 999",
        "\\ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "\\ISO 2022 IR 149", "\\ISO 2022 IR 58",
        "ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144\\ISO 2022 IR 87\\ISO 2022 IR 149",
    };

    private static readonly DicomVR[] Vrs = { DicomVR.PN, DicomVR.LO, DicomVR.LT, DicomVR.SH, DicomVR.UT };

    [Fact]
    public void RandomBytesNeverThrowAndNeverShrink()
    {
        var rnd = new Random(20261125);
        var escapes = new[] { new byte[] { 0x1B, 0x24, 0x42 }, new byte[] { 0x1B, 0x28, 0x42 }, new byte[] { 0x1B, 0x24, 0x29, 0x43 }, new byte[] { 0x1B, 0x2D, 0x46 }, new byte[] { 0x1B, 0x24 } };
        foreach (var value in Values)
        {
            var cs = DicomCharacterSet.FromSpecificCharacterSet(value);
            for (var n = 0; n < 400; n++)
            {
                var bytes = new List<byte>();
                var len = rnd.Next(0, 40);
                while (bytes.Count < len)
                {
                    if (rnd.Next(8) == 0) bytes.AddRange(escapes[rnd.Next(escapes.Length)]);
                    else bytes.Add((byte)rnd.Next(256));
                }
                var arr = bytes.ToArray();
                var vr = Vrs[rnd.Next(Vrs.Length)];
                var text = cs.Decode(arr, vr);
                Assert.Equal(text, cs.Decode(new ReadOnlySpan<byte>(arr), vr));
                // Escape sequences vanish and pairs become one character; anything else keeps a character per byte.
                Assert.True(text.Length <= arr.Length);
            }
        }
    }

    [Fact]
    public void LosslessSetsRoundTripAnyBytes()
    {
        // Sets that read every byte as one character write the same bytes back.
        var rnd = new Random(7);
        foreach (var value in new[] { "", "ISO_IR 999", "ISO_IR 100" })
        {
            var cs = DicomCharacterSet.FromSpecificCharacterSet(value);
            for (var n = 0; n < 200; n++)
            {
                var bytes = Enumerable.Range(0, rnd.Next(1, 64)).Select(_ => (byte)rnd.Next(0x20, 0x100)).ToArray();
                Assert.Equal(bytes, cs.Encode(cs.Decode(bytes, DicomVR.LO), DicomVR.LO));
            }
        }
    }

    [Fact]
    public void RandomRepresentableTextRoundTrips()
    {
        var rnd = new Random(42);
        // Candidate characters: ASCII, delimiters, controls and a sample of every script the sets cover.
        var pool = new StringBuilder();
        for (var c = 0x20; c < 0x7F; c++) pool.Append((char)c);
        pool.Append("\r\n\t\f^=\\^=\\");
        foreach (var range in new[] { (0xA0, 0x17F), (0x370, 0x3FF), (0x400, 0x45F), (0x5D0, 0x5EA), (0x621, 0x64A), (0xE01, 0xE5B),
                     (0x3041, 0x3096), (0x30A1, 0x30FA), (0xFF61, 0xFF9F), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0x2010, 0x2030), (0xFF01, 0xFF5E) })
            for (var c = range.Item1; c <= range.Item2; c++) pool.Append((char)c);
        var chars = pool.ToString();

        foreach (var value in Values.Where(v => v != "ISO_IR 999"))
        {
            var cs = DicomCharacterSet.FromSpecificCharacterSet(value);
            var usable = chars.Where(c => cs.CanEncode(c.ToString())).ToArray();
            Assert.True(usable.Length >= 95, value);
            for (var n = 0; n < 300; n++)
            {
                var text = new string(Enumerable.Range(0, rnd.Next(0, 30)).Select(_ => usable[rnd.Next(usable.Length)]).ToArray());
                foreach (var vr in Vrs)
                {
                    var bytes = cs.Encode(text, vr);
                    Assert.Equal(text, cs.Decode(bytes, vr));
                }
            }
        }
    }
}
