using System;
using System.IO;
using DicomDeid.Dicom;
using Xunit;

namespace DicomDeid.Dicom.Tests.Text;

/// <summary>Locates ../shared and reads the few elements the character-set tests need.</summary>
internal static class CharsetTestFiles
{
    public static string SharedRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DicomDeid.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "Repository root (DicomDeid.sln) not found above " + AppContext.BaseDirectory);
        var shared = Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared"));
        Assert.True(Directory.Exists(shared), "The shared material is missing: expected " + shared + " (CI provides it).");
        return shared;
    }

    public static string CharsetFile(string name)
    {
        var path = Path.Combine(SharedRoot(), "corpus", "public", "pydicom", "charset_files", name);
        Assert.True(File.Exists(path), "Corpus file missing: " + path);
        return path;
    }

    public static string StandardTable(string name)
    {
        var path = Path.Combine(SharedRoot(), "dicom-standard", name);
        Assert.True(File.Exists(path), "Standard table missing: " + path);
        return path;
    }

    /// <summary>
    /// Reads a Part 10 file in Explicit VR Little Endian (all charset corpus files are) into the shared model.
    /// A deliberately small stand-in until the codec reader is on main.
    /// </summary>
    public static DicomDataset ReadExplicitLittle(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M', "Not a Part 10 file: " + path);
        var pos = 132;
        var ds = new DicomDataset();
        ReadDataset(bytes, ref pos, bytes.Length, ds, skipMeta: true);
        return ds;
    }

    private static void ReadDataset(byte[] b, ref int pos, int end, DicomDataset ds, bool skipMeta)
    {
        while (pos < end)
        {
            var group = BitConverterLE.UInt16(b.AsSpan(pos));
            var element = BitConverterLE.UInt16(b.AsSpan(pos + 2));
            var tag = new DicomTag(group, element);
            if (group == 0xFFFE && element == 0xE00D) { pos += 8; return; } // item delimiter
            Assert.True(DicomVRInfo.TryParse(b[pos + 4], b[pos + 5], out var vr), $"Bad VR at {pos}");
            long length;
            if (vr.HasLongLength()) { length = BitConverterLE.UInt32(b.AsSpan(pos + 8)); pos += 12; }
            else { length = BitConverterLE.UInt16(b.AsSpan(pos + 6)); pos += 8; }
            if (vr == DicomVR.SQ)
            {
                var sq = new DicomSequence(tag);
                var sqEnd = length == 0xFFFFFFFF ? end : pos + (int)length;
                while (pos < sqEnd)
                {
                    var ig = BitConverterLE.UInt16(b.AsSpan(pos));
                    var ie = BitConverterLE.UInt16(b.AsSpan(pos + 2));
                    var il = BitConverterLE.UInt32(b.AsSpan(pos + 4));
                    pos += 8;
                    if (ig == 0xFFFE && ie == 0xE0DD) break; // sequence delimiter
                    Assert.True(ig == 0xFFFE && ie == 0xE000, $"Expected an item at {pos - 8}");
                    var item = new DicomDataset { Parent = ds };
                    ReadDataset(b, ref pos, il == 0xFFFFFFFF ? end : pos + (int)il, item, false);
                    sq.Items.Add(item);
                }
                ds.Set(sq);
                continue;
            }
            Assert.True(length != 0xFFFFFFFF && pos + length <= end, $"Bad length at {pos}");
            if (!(skipMeta && group == 0x0002))
                ds.Set(new DicomElement(tag, vr, new DicomValue(b.AsSpan(pos, (int)length).ToArray())));
            pos += (int)length;
        }
    }

    /// <summary>The raw bytes of a text element, padding removed.</summary>
    public static byte[] RawValue(DicomDataset ds, DicomTag tag)
    {
        var e = ds.Get(tag);
        Assert.NotNull(e);
        var bytes = e!.Value.GetBytes();
        var n = bytes.Length;
        while (n > 0 && (bytes[n - 1] == ' ' || bytes[n - 1] == 0)) n--;
        return bytes.AsSpan(0, n).ToArray();
    }
}
