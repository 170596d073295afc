using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>Tags the pixel layer reads; kept here so the hot paths compare integers, not keywords.</summary>
internal static class PixelTags
{
    internal static readonly DicomTag ImageType = new(0x00080008);
    internal static readonly DicomTag SopClassUid = new(0x00080016);
    internal static readonly DicomTag ConversionType = new(0x00080064);
    internal static readonly DicomTag Modality = new(0x00080060);
    internal static readonly DicomTag SeriesDescription = new(0x0008103E);
    internal static readonly DicomTag SamplesPerPixel = new(0x00280002);
    internal static readonly DicomTag PhotometricInterpretation = new(0x00280004);
    internal static readonly DicomTag PlanarConfiguration = new(0x00280006);
    internal static readonly DicomTag NumberOfFrames = new(0x00280008);
    internal static readonly DicomTag Rows = new(0x00280010);
    internal static readonly DicomTag Columns = new(0x00280011);
    internal static readonly DicomTag BitsAllocated = new(0x00280100);
    internal static readonly DicomTag BitsStored = new(0x00280101);
    internal static readonly DicomTag HighBit = new(0x00280102);
    internal static readonly DicomTag PixelRepresentation = new(0x00280103);
    internal static readonly DicomTag BurnedInAnnotation = new(0x00280301);
    internal static readonly DicomTag RecognizableVisualFeatures = new(0x00280302);
    internal static readonly DicomTag WindowCenter = new(0x00281050);
    internal static readonly DicomTag WindowWidth = new(0x00281051);
    internal static readonly DicomTag RescaleIntercept = new(0x00281052);
    internal static readonly DicomTag RescaleSlope = new(0x00281053);
    internal static readonly DicomTag RedPaletteDescriptor = new(0x00281101);
    internal static readonly DicomTag RedPaletteData = new(0x00281201);
    internal static readonly DicomTag GreenPaletteData = new(0x00281202);
    internal static readonly DicomTag BluePaletteData = new(0x00281203);
    internal static readonly DicomTag LossyImageCompression = new(0x00282110);
    internal static readonly DicomTag IconImageSequence = new(0x00880200);
    internal static readonly DicomTag PixelData = DicomTag.PixelData;
}
