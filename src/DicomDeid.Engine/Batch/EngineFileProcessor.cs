using System.IO;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;

namespace DicomDeid.Engine.Batch;

/// <summary>The real per-file steps: the codec reads and writes, the (thread-safe, shared) engine applies.</summary>
internal sealed class EngineFileProcessor : IDeidFileProcessor
{
    // Outputs are always Part 10 (PS3.15 E.1.1: preamble and File Meta Information replaced), also for bare datasets.
    private static readonly DicomWriteOptions WriteOptions = new() { AddFileMetaInformation = true };

    private readonly Deidentifier _deidentifier;
    private readonly DeidKey _key;
    private readonly PixelStep? _pixels;

    public EngineFileProcessor(Deidentifier deidentifier, DeidKey key, PixelStep? pixels = null)
    {
        _deidentifier = deidentifier;
        _key = key;
        _pixels = pixels;
    }

    public bool IsDicomFile(string path) => DicomFileReader.IsDicomFile(path);

    public DicomFile Read(string path) => DicomFileReader.Read(path);

    // The file already in memory: deferred values point into the buffer, so the writer copies from there.
    public DicomFile Read(InputBuffer input)
    {
        using var s = input.OpenRead();
        return DicomFileReader.ReadWithSource(s, input, input.Name);
    }

    // Pixel risk and region rules are judged on the original header, before Apply changes it.
    public DeidResult Apply(DicomFile file)
    {
        var pixels = _pixels?.Before(file);
        DeidResult result;
        try
        {
            result = _deidentifier.Apply(file);
        }
        catch
        {
            pixels?.Dispose();
            throw;
        }
        if (pixels is null) return result;
        result.Pixels = pixels;
        if (result.Refusal is null) PixelStep.After(file, pixels);
        result.Warnings.AddRange(pixels.Warnings);
        return result;
    }

    public void Write(DicomFile file, Stream destination) => DicomFileWriter.Write(file, destination, WriteOptions);

    // The engine's own audit hash, so records agree whether or not Apply ran.
    public string HashIdentifier(string value)
    {
        using var mapper = new KeyedMapper(_key);
        return mapper.AuditHash(value);
    }
}
