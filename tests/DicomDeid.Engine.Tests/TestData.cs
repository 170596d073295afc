using System;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Tests;

internal static class TestData
{
    public static readonly DeidKey Key = DeidKey.FromBytes(new byte[]
    {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
    });

    public static DicomFile File(DicomDataset ds, string? sopInstance = null)
    {
        var meta = new DicomDataset();
        meta.SetString(new DicomTag(0x00020002), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        meta.SetString(new DicomTag(0x00020003), DicomVR.UI, sopInstance ?? ds.GetString(new DicomTag(0x00080018)) ?? "1.2.3.4");
        meta.SetString(new DicomTag(0x00020010), DicomVR.UI, "1.2.840.10008.1.2.1");
        meta.SetString(new DicomTag(0x00020016), DicomVR.AE, "SOURCEAE");
        return new DicomFile(meta, ds, DicomTransferSyntax.ExplicitVRLittleEndian) { Preamble = new byte[128] { 65, 66, 67, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } };
    }

    public static DicomDataset Patient(string id = "MRN12345", string name = "DOE^JOHN", string sop = "1.2.826.0.1.3680043.2.1125.1.1", string study = "1.2.826.0.1.3680043.2.1125.2.1")
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x00080016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.SetString(new DicomTag(0x00080018), DicomVR.UI, sop);
        ds.SetString(new DicomTag(0x00080020), DicomVR.DA, "20200115");
        ds.SetString(new DicomTag(0x00080030), DicomVR.TM, "101500");
        ds.SetString(new DicomTag(0x00080050), DicomVR.SH, "ACC998877");
        ds.SetString(new DicomTag(0x00080060), DicomVR.CS, "CT");
        ds.SetString(new DicomTag(0x00080080), DicomVR.LO, "GENERAL HOSPITAL");
        ds.SetString(new DicomTag(0x00081030), DicomVR.LO, "CT CHEST DOE 20200115");
        ds.SetString(new DicomTag(0x00100010), DicomVR.PN, name);
        ds.SetString(new DicomTag(0x00100020), DicomVR.LO, id);
        ds.SetString(new DicomTag(0x00100030), DicomVR.DA, "19700101");
        ds.SetString(new DicomTag(0x00100040), DicomVR.CS, "M");
        ds.SetString(new DicomTag(0x0020000D), DicomVR.UI, study);
        ds.SetString(new DicomTag(0x0020000E), DicomVR.UI, study + ".1");
        ds.Set(DicomElement.FromUInt16(new DicomTag(0x00280010), 512));
        return ds;
    }

    public static Deidentifier Deid(string profile = "Basic", string[]? options = null, DeidentifierSettings? settings = null) =>
        new(DeidProfiles.Resolve(profile).Compile(options), Key, settings);
}
