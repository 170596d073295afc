using System;
using System.Collections.Generic;

namespace DicomDeid.Dicom;

/// <summary>A transfer syntax: how a dataset is encoded (VR explicitness, byte order, deflate, encapsulation).</summary>
public sealed class DicomTransferSyntax : IEquatable<DicomTransferSyntax>
{
    private static readonly Dictionary<string, DicomTransferSyntax> Known = new(StringComparer.Ordinal);

    /// <summary>Implicit VR Little Endian (1.2.840.10008.1.2).</summary>
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = Register("1.2.840.10008.1.2", explicitVR: false, bigEndian: false, deflated: false, encapsulated: false);
    /// <summary>Explicit VR Little Endian (1.2.840.10008.1.2.1).</summary>
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = Register("1.2.840.10008.1.2.1", true, false, false, false);
    /// <summary>Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99).</summary>
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = Register("1.2.840.10008.1.2.1.99", true, false, true, false);
    /// <summary>Explicit VR Big Endian, retired (1.2.840.10008.1.2.2).</summary>
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = Register("1.2.840.10008.1.2.2", true, true, false, false);

    private DicomTransferSyntax(string uid, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated)
    {
        Uid = uid;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
    }

    private static DicomTransferSyntax Register(string uid, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated)
    {
        var ts = new DicomTransferSyntax(uid, explicitVR, bigEndian, deflated, encapsulated);
        Known[uid] = ts;
        return ts;
    }

    /// <summary>The UID.</summary>
    public string Uid { get; }

    /// <summary>True for explicit VR encodings.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True for big-endian byte order.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True when the dataset is deflated (RFC 1951) after the file meta information.</summary>
    public bool IsDeflated { get; }

    /// <summary>True when pixel data is encapsulated (compressed fragments).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>The registry name, or the UID when unknown.</summary>
    public string Name => DicomUidRegistry.TryGet(Uid, out var info) ? info.Name : Uid;

    /// <summary>
    /// The transfer syntax for <paramref name="uid"/>. Every transfer syntax of the registry other than the four
    /// native ones (and the Encapsulated Uncompressed one) is explicit VR little endian with encapsulated pixel data;
    /// unknown UIDs are treated the same way, which is what every later transfer syntax of the standard has been.
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        if (uid is null) throw new ArgumentNullException(nameof(uid));
        uid = uid.Trim('\0', ' ');
        lock (Known)
        {
            if (Known.TryGetValue(uid, out var ts)) return ts;
            return Register(uid, true, false, false, encapsulated: true);
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
