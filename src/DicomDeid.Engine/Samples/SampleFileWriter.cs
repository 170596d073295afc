using System;
using System.IO;
using System.Text;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Samples;

/// <summary>
/// Writes the generator's files: Part 10, Explicit VR Little Endian, sequences and items of undefined length,
/// deferred values copied stream to stream. The generator's own writer, so the samples depend only on the model;
/// the codec reads them back in the tests.
/// </summary>
internal static class SampleFileWriter
{
    private const int CopyBufferSize = 256 * 1024;

    public static void Write(DicomFile file, Stream stream)
    {
        var buffer = new byte[CopyBufferSize];
        var preamble = file.Preamble ?? new byte[128];
        stream.Write(preamble, 0, 128);
        stream.Write(Encoding.ASCII.GetBytes("DICM"), 0, 4);

        using (var meta = new MemoryStream())
        {
            foreach (var e in file.FileMetaInformation)
                if (e.Tag.Value != 0x00020000) WriteElement(meta, e, buffer);
            WriteElement(stream, DicomElement.FromUInt32(new DicomTag(0x00020000), (uint)meta.Length), buffer);
            meta.Position = 0;
            meta.CopyTo(stream);
        }
        WriteDataset(stream, file.Dataset, buffer);
    }

    public static void WriteFile(DicomFile file, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = path + ".partial";
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Write(file, fs);
        }
        if (File.Exists(path)) File.Delete(path);
        File.Move(temp, path);
    }

    private static void WriteDataset(Stream s, DicomDataset ds, byte[] buffer)
    {
        foreach (var e in ds) WriteElement(s, e, buffer);
    }

    private static void WriteElement(Stream s, DicomElement e, byte[] buffer)
    {
        if (e is DicomSequence seq)
        {
            WriteHeader(s, e.Tag, DicomVR.SQ, 0xFFFFFFFF, buffer);
            foreach (var item in seq.Items)
            {
                WriteTagLength(s, DicomTag.Item, 0xFFFFFFFF, buffer);
                WriteDataset(s, item, buffer);
                WriteTagLength(s, DicomTag.ItemDelimitationItem, 0, buffer);
            }
            WriteTagLength(s, DicomTag.SequenceDelimitationItem, 0, buffer);
            return;
        }
        var length = e.Value.Length;
        if ((length & 1) != 0) throw new InvalidOperationException($"{e.Tag} has odd length {length}.");
        if (!e.VR.HasLongLength() && length > 0xFFFF) throw new InvalidOperationException($"{e.Tag} is too long for {e.VR.Code()}.");
        WriteHeader(s, e.Tag, e.VR, (uint)length, buffer);
        e.Value.CopyTo(s, buffer);
    }

    private static void WriteHeader(Stream s, DicomTag tag, DicomVR vr, uint length, byte[] buffer)
    {
        var h = buffer.AsSpan(0, 12);
        BitConverterLE.Write(h, tag.Group);
        BitConverterLE.Write(h.Slice(2), tag.Element);
        var code = vr.Code();
        h[4] = (byte)code[0];
        h[5] = (byte)code[1];
        int n;
        if (vr.HasLongLength())
        {
            h[6] = 0; h[7] = 0;
            BitConverterLE.Write(h.Slice(8), length);
            n = 12;
        }
        else
        {
            BitConverterLE.Write(h.Slice(6), (ushort)length);
            n = 8;
        }
        s.Write(buffer, 0, n);
    }

    private static void WriteTagLength(Stream s, DicomTag tag, uint length, byte[] buffer)
    {
        var h = buffer.AsSpan(0, 8);
        BitConverterLE.Write(h, tag.Group);
        BitConverterLE.Write(h.Slice(2), tag.Element);
        BitConverterLE.Write(h.Slice(4), length);
        s.Write(buffer, 0, 8);
    }

}
