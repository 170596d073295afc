using System;
using System.Collections.Generic;

namespace DicomDeid.Dicom;

/// <summary>A transfer syntax: how a dataset is encoded (VR explicitness, byte order, deflate, encapsulation).</summary>
/// <remarks>
/// Every Transfer Syntax row of the UID registry is registered from the generated DicomTransferSyntaxData; its flags
/// follow the rules written at the top of that file (e.g. JPIP Referenced syntaxes carry no pixel data and are not
/// encapsulated, their Deflate variants deflate the data set).
/// </remarks>
public sealed class DicomTransferSyntax : IEquatable<DicomTransferSyntax>
{
    private static readonly Dictionary<string, DicomTransferSyntax> Known = new(StringComparer.Ordinal);

    /// <summary>Every transfer syntax of the registry (PS3.6 Table A-1), in registry order; unknown UIDs met later are not added.</summary>
    public static readonly IReadOnlyList<DicomTransferSyntax> All = RegisterAll();

    /// <summary>Implicit VR Little Endian (1.2.840.10008.1.2).</summary>
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = Known["1.2.840.10008.1.2"];
    /// <summary>Explicit VR Little Endian (1.2.840.10008.1.2.1).</summary>
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = Known["1.2.840.10008.1.2.1"];
    /// <summary>Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99).</summary>
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = Known["1.2.840.10008.1.2.1.99"];
    /// <summary>Explicit VR Big Endian, retired (1.2.840.10008.1.2.2).</summary>
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = Known["1.2.840.10008.1.2.2"];

    internal DicomTransferSyntax(string uid, string name, string keyword, bool explicitVR, bool bigEndian, bool deflated,
        bool encapsulated, bool lossy, bool retired)
    {
        Uid = uid;
        Name = name.Length > 0 ? name : uid;
        Keyword = keyword;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossy = lossy;
        IsRetired = retired;
    }

    private static DicomTransferSyntax[] RegisterAll()
    {
        var all = DicomTransferSyntaxData.Create();
        foreach (var ts in all) Known[ts.Uid] = ts;
        return all;
    }

    /// <summary>The UID.</summary>
    public string Uid { get; }

    /// <summary>The registry name, or the UID when unknown.</summary>
    public string Name { get; }

    /// <summary>The registry keyword, e.g. "JPEGBaseline8Bit" ("" when unknown).</summary>
    public string Keyword { get; }

    /// <summary>True for explicit VR encodings.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True for big-endian byte order.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True when the dataset is deflated (RFC 1951) after the file meta information.</summary>
    public bool IsDeflated { get; }

    /// <summary>True when pixel data is encapsulated (compressed fragments).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>True when the syntax permits lossy compression of pixel data (e.g. JPEG Baseline, JPEG 2000, MPEG).</summary>
    public bool IsLossy { get; }

    /// <summary>True when the transfer syntax is retired in the registry.</summary>
    public bool IsRetired { get; }

    /// <summary>True when the UID is in the registry (false for unknown UIDs met in files).</summary>
    public bool IsKnown => Keyword.Length > 0;

    /// <summary>
    /// The transfer syntax for <paramref name="uid"/>. Unknown UIDs are treated as explicit VR little endian with
    /// encapsulated pixel data, which is what every transfer syntax added to the standard since 2000 has been.
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        if (uid is null) throw new ArgumentNullException(nameof(uid));
        uid = uid.Trim('\0', ' ');
        lock (Known)
        {
            if (Known.TryGetValue(uid, out var ts)) return ts;
            ts = new DicomTransferSyntax(uid, uid, "", explicitVR: true, bigEndian: false, deflated: false, encapsulated: true, lossy: false, retired: false);
            Known[uid] = ts;
            return ts;
        }
    }

    /// <inheritdoc />
    public bool Equals(DicomTransferSyntax? other) => other is not null && string.Equals(Uid, other.Uid, StringComparison.Ordinal);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DicomTransferSyntax);
    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uid);
    /// <inheritdoc />
    public override string ToString() => Name;
}
