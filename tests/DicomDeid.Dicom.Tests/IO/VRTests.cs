using System;
using System.IO;
using System.Linq;
using System.Text;
using DicomDeid.Dicom.IO;
using Xunit;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>Every VR of the standard in explicit little and big endian, and the implicit VR resolution rules.</summary>
public class VRTests
{
    private static readonly (uint Tag, string VR, int Unit, byte[] LE)[] Elements =
    {
        (0x00080005, "CS", 1, DicomBytes.Text("ISO_IR 100")),
        (0x00080020, "DA", 1, DicomBytes.Text("20240101")),
        (0x00080030, "TM", 1, DicomBytes.Text("120000.5")),
        (0x00080050, "SH", 1, DicomBytes.Text("ACC1")),
        (0x00080054, "AE", 1, DicomBytes.Text("STORESCP")),
        (0x00080090, "PN", 1, DicomBytes.Text("Doe^Jane")),
        (0x00080120, "UR", 1, DicomBytes.Text("http://example.org/a")),
        (0x00081030, "LO", 1, DicomBytes.Text("Description")),
        (0x00090010, "LO", 1, DicomBytes.Text("DICOMDEID TEST")),
        (0x00091001, "SV", 8, Le(BitConverter.GetBytes(-5L), BitConverter.GetBytes(long.MaxValue))),
        (0x00091002, "UV", 8, Le(BitConverter.GetBytes(7UL), BitConverter.GetBytes(ulong.MaxValue))),
        (0x00091003, "OV", 8, Le(BitConverter.GetBytes(0x0102030405060708UL))),
        (0x00091004, "OL", 4, Le(BitConverter.GetBytes(0x01020304u), BitConverter.GetBytes(0xA0B0C0D0u))),
        (0x00091005, "OD", 8, Le(BitConverter.GetBytes(1.5), BitConverter.GetBytes(-2.25))),
        (0x00091006, "OF", 4, Le(BitConverter.GetBytes(1.5f), BitConverter.GetBytes(-0.125f))),
        (0x00091007, "FD", 8, Le(BitConverter.GetBytes(3.141592653589793))),
        (0x00091008, "FL", 4, Le(BitConverter.GetBytes(2.5f), BitConverter.GetBytes(-1f))),
        (0x00091009, "SL", 4, Le(BitConverter.GetBytes(-70000), BitConverter.GetBytes(70000))),
        (0x0009100A, "SS", 2, Le(BitConverter.GetBytes((short)-3), BitConverter.GetBytes((short)300))),
        (0x0009100B, "UL", 4, Le(BitConverter.GetBytes(4000000000u))),
        (0x0009100C, "US", 2, Le(BitConverter.GetBytes((ushort)65535), BitConverter.GetBytes((ushort)1))),
        (0x0009100D, "AT", 2, Le(BitConverter.GetBytes((ushort)0x0010), BitConverter.GetBytes((ushort)0x0020))),
        (0x0009100E, "UC", 1, DicomBytes.Text("unlimited characters")),
        (0x0009100F, "UT", 1, DicomBytes.Text("unlimited text\r\nsecond line")),
        (0x00091010, "ST", 1, DicomBytes.Text("short text")),
        (0x00091011, "DT", 1, DicomBytes.Text("20240101120000")),
        (0x00091012, "OB", 1, new byte[] { 1, 2, 3, 4 }),
        (0x00091013, "OW", 2, Le(BitConverter.GetBytes((ushort)0x1234), BitConverter.GetBytes((ushort)0xABCD))),
        (0x00091014, "UN", 1, new byte[] { 9, 8, 7, 6 }),
        (0x00091015, "AS", 1, DicomBytes.Text("045Y")),
        (0x00091016, "DS", 1, DicomBytes.Text("1.5\\-2")),
        (0x00091017, "IS", 1, DicomBytes.Text("12\\-3")),
        (0x00091018, "UI", 1, DicomBytes.Text("1.2.3.4", '\0')),
        (0x00091019, "LT", 1, DicomBytes.Text("long text")),
    };

    private static byte[] Le(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Build(bool big)
    {
        var b = DicomBytes.Part10(big ? "1.2.840.10008.1.2.2" : "1.2.840.10008.1.2.1");
        foreach (var (tag, vr, unit, le) in Elements)
        {
            var v = (byte[])le.Clone();
            if (big && unit > 1 && vr != "UN" && vr != "OB") for (var i = 0; i < v.Length; i += unit) Array.Reverse(v, i, unit);
            b.Explicit(tag, vr, v, big: big);
        }
        return b.ToArray();
    }

    [Fact]
    public void EveryVRReadsTheSameInLittleAndBigEndianAndWritesBackByteIdentical()
    {
        var leBytes = Build(false);
        var beBytes = Build(true);
        var le = DicomFileReader.Read(new MemoryStream(leBytes), "le.dcm");
        var be = DicomFileReader.Read(new MemoryStream(beBytes), "be.dcm");
        Assert.Empty(le.Warnings);
        Assert.Empty(be.Warnings);
        Assert.Equal(Elements.Length, le.Dataset.Count);
        foreach (var (tag, vr, _, bytes) in Elements)
        {
            var e = le.Dataset.Get(new DicomTag(tag))!;
            Assert.Equal(vr, e.VR.Code());
            Assert.Equal(bytes, e.Value.GetBytes());
        }
        DatasetAssert.Equal(le.Dataset, be.Dataset, "");
        Assert.Equal("-5\\9223372036854775807", le.Dataset.Get(new DicomTag(0x00091001))!.GetString());
        Assert.Equal("(0010,0020)", DicomValueFormatter.Format(be.Dataset.Get(new DicomTag(0x0009100D))!, null, 64));

        foreach (var (file, expected) in new[] { (le, leBytes), (be, beBytes) })
        {
            using var ms = new MemoryStream();
            DicomFileWriter.Write(file, ms);
            Assert.Equal(expected, ms.ToArray());
        }
    }

    [Fact]
    public void EveryVRAgreesWithDcmdump()
    {
        foreach (var big in new[] { false, true })
        {
            var path = Path.Combine(Path.GetTempPath(), "dicomdeid-vr-" + Guid.NewGuid().ToString("N") + ".dcm");
            File.WriteAllBytes(path, Build(big));
            try
            {
                DcmdumpAgreementTests.AssertAgrees(path, big ? "every VR, big endian" : "every VR, little endian");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    private static byte[] BuildImplicit()
    {
        var b = DicomBytes.Part10("1.2.840.10008.1.2");
        b.Implicit(0x00090010, DicomBytes.Text("DICOMDEID TEST"));
        b.Implicit(0x00091001, new byte[] { 1, 2, 3, 4 });
        b.Implicit(0x00280103, new byte[] { 1, 0 });
        b.Implicit(0x00280106, new byte[] { 0xFF, 0xFF });
        b.Implicit(0x00281101, new byte[] { 0, 1, 0, 0, 16, 0 });
        b.Implicit(0x00283006, new byte[] { 1, 0, 2, 0 });
        b.Implicit(0x60003000, new byte[] { 0xFF, 0x00 });
        b.Implicit(0x7FE00010, new byte[] { 1, 0, 2, 0 });
        return b.ToArray();
    }

    [Fact]
    public void ImplicitVRComesFromTheDictionaryAndContext()
    {
        var file = DicomFileReader.Read(new MemoryStream(BuildImplicit()), "implicit.dcm");
        DicomVR Vr(uint t) => file.Dataset.Get(new DicomTag(t))!.VR;
        Assert.Equal(DicomVR.LO, Vr(0x00090010));
        Assert.Equal(DicomVR.UN, Vr(0x00091001));
        Assert.Equal(DicomVR.SS, Vr(0x00280106));
        Assert.Equal("-1", file.Dataset.Get(new DicomTag(0x00280106))!.GetString());
        Assert.Equal(DicomVR.US, Vr(0x00281101));
        Assert.Equal(DicomVR.OW, Vr(0x60003000));
        Assert.Equal(DicomVR.OW, Vr(0x7FE00010));
    }

    [Fact]
    public void ImplicitVRResolutionAgreesWithDcmdump()
    {
        var path = Path.Combine(Path.GetTempPath(), "dicomdeid-implicit-" + Guid.NewGuid().ToString("N") + ".dcm");
        File.WriteAllBytes(path, BuildImplicit());
        try
        {
            DcmdumpAgreementTests.AssertAgrees(path, "implicit VR resolution");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ExplicitUNOfDefinedLengthStaysUNAndUndefinedLengthUNIsASequence()
    {
        var b = DicomBytes.Part10();
        b.Explicit(0x00100010, "UN", DicomBytes.Text("Doe^Jane"));
        // (0040,0275) Request Attributes Sequence stored as UN with undefined length: implicit VR LE inside.
        b.ExplicitHeader(0x00400275, "UN", 0xFFFFFFFF);
        b.Item();
        b.Implicit(0x00401001, DicomBytes.Text("RP1"));
        b.ItemEnd();
        b.SeqEnd();
        var bytes = b.ToArray();
        var file = DicomFileReader.Read(new MemoryStream(bytes), "un.dcm");
        Assert.Equal(DicomVR.UN, file.Dataset.Get(new DicomTag(0x00100010))!.VR);
        var seq = Assert.IsType<DicomSequence>(file.Dataset.Get(new DicomTag(0x00400275)));
        Assert.Equal(DicomVR.UN, seq.OriginalVR);
        Assert.Equal("RP1", seq.Items[0].GetString(new DicomTag(0x00401001)));
        Assert.Equal(DicomVR.SH, seq.Items[0].Get(new DicomTag(0x00401001))!.VR);
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        Assert.Equal(bytes, ms.ToArray());

        var path = Path.Combine(Path.GetTempPath(), "dicomdeid-un-" + Guid.NewGuid().ToString("N") + ".dcm");
        File.WriteAllBytes(path, bytes);
        try
        {
            DcmdumpAgreementTests.AssertAgrees(path, "UN");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PublicSequenceStoredAsUNWithDefinedLengthIsReadAsASequenceWhenItParses()
    {
        var inner = new DicomBytes();
        inner.Item(8 + 4);
        inner.Implicit(0x00401001, DicomBytes.Text("RP1"));
        var content = inner.ToArray();
        var b = DicomBytes.Part10();
        b.Explicit(0x00081032, "UN", new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 0x10, 0, 0, 0, 1, 2, 3, 4 }); // item runs past the value: stays UN
        b.Explicit(0x00400275, "UN", content);
        var bytes = b.ToArray();
        var file = DicomFileReader.Read(new MemoryStream(bytes), "un-defined.dcm");
        Assert.Equal(DicomVR.UN, file.Dataset.Get(new DicomTag(0x00081032))!.VR);
        var seq = Assert.IsType<DicomSequence>(file.Dataset.Get(new DicomTag(0x00400275)));
        Assert.Equal(DicomVR.UN, seq.OriginalVR);
        Assert.False(seq.UndefinedLength);
        Assert.Equal("RP1", seq.Items[0].GetString(new DicomTag(0x00401001)));
        Assert.Single(file.Warnings);
        using var ms = new MemoryStream();
        DicomFileWriter.Write(file, ms);
        Assert.Equal(bytes, ms.ToArray());

        // dcmtk converts such elements with +uc (--convert-un); it refuses the broken one that we keep as UN.
        var good = DicomBytes.Part10();
        good.Explicit(0x00400275, "UN", content);
        var path = Path.Combine(Path.GetTempPath(), "dicomdeid-un2-" + Guid.NewGuid().ToString("N") + ".dcm");
        File.WriteAllBytes(path, good.ToArray());
        try
        {
            DcmdumpAgreementTests.AssertAgrees(path, "UN with defined length", "+uc");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
