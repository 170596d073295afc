using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>
/// Keywords pixel rules use most, resolved without the generated dictionary (which decides first when it knows the
/// keyword). Keeps rule libraries loadable in any build.
/// </summary>
internal static class PixelKeywords
{
    private static readonly Dictionary<string, uint> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BodyPartExamined"] = 0x00180015,
        ["BurnedInAnnotation"] = 0x00280301,
        ["CodeMeaning"] = 0x00080104,
        ["Columns"] = 0x00280011,
        ["CommentsOnRadiationDose"] = 0x00400310,
        ["DateOfSecondaryCapture"] = 0x00181012,
        ["ImageType"] = 0x00080008,
        ["ImplementationVersionName"] = 0x00020013,
        ["Manufacturer"] = 0x00080070,
        ["ManufacturerModelName"] = 0x00081090,
        ["Modality"] = 0x00080060,
        ["ProtocolName"] = 0x00181030,
        ["Rows"] = 0x00280010,
        ["SOPClassUID"] = 0x00080016,
        ["SecondaryCaptureDeviceManufacturer"] = 0x00181016,
        ["SecondaryCaptureDeviceManufacturerModelName"] = 0x00181018,
        ["SecondaryCaptureDeviceSoftwareVersions"] = 0x00181019,
        ["SequenceOfUltrasoundRegions"] = 0x00186011,
        ["SeriesDescription"] = 0x0008103E,
        ["StudyDescription"] = 0x00081030,
        ["WindowWidth"] = 0x00281051,
        ["WindowCenter"] = 0x00281050,
        ["SoftwareVersions"] = 0x00181020,
        ["InstitutionName"] = 0x00080080,
        ["StationName"] = 0x00081010,
        ["RecognizableVisualFeatures"] = 0x00280302,
        ["PhotometricInterpretation"] = 0x00280004,
        ["SamplesPerPixel"] = 0x00280002,
        ["NumberOfFrames"] = 0x00280008,
        ["BitsAllocated"] = 0x00280100,
        ["BitsStored"] = 0x00280101,
        ["ConversionType"] = 0x00080064,
        ["DeviceSerialNumber"] = 0x00181000,
        ["TransducerData"] = 0x00185010,
        ["ReferencedSOPClassUID"] = 0x00081150,
        ["SeriesNumber"] = 0x00200011,
        ["ImageComments"] = 0x00204000,
        ["DerivationDescription"] = 0x00082111,
        ["LossyImageCompression"] = 0x00282110,
    };

    private static readonly Regex Word = new("[A-Za-z][A-Za-z0-9]*", RegexOptions.CultureInvariant);

    /// <summary>Parses a tag path, resolving keywords through the dictionary and then this table.</summary>
    internal static DicomTagPath ParsePath(string text)
    {
        try
        {
            return DicomTagPath.Parse(text);
        }
        catch (FormatException)
        {
            var replaced = Word.Replace(text, m => Known.TryGetValue(m.Value, out var t) && !DicomDictionary.TryGetTag(m.Value, out _)
                ? "(" + (t >> 16).ToString("X4", CultureInfo.InvariantCulture) + "," + (t & 0xFFFF).ToString("X4", CultureInfo.InvariantCulture) + ")"
                : m.Value);
            return DicomTagPath.Parse(replaced);
        }
    }

    /// <summary>Value multiplicity for the few multi-valued attributes rules test (dictionary first).</summary>
    internal static string Vm(DicomTag tag) => DicomDictionary.Lookup(tag)?.ValueMultiplicity
        ?? (tag.Value is 0x00080008 or 0x00181020 or 0x00281050 or 0x00281051 ? "1-n" : "1");
}
