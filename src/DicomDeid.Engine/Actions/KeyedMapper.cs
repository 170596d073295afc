using System;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace DicomDeid.Engine;

/// <summary>
/// Keyed, deterministic mappings for one thread: UIDs, pseudonyms, hashes and per-patient date offsets, each
/// HMAC-SHA256(key, purpose + ":" + original). Not thread-safe; make one per Apply call.
/// </summary>
internal sealed class KeyedMapper : IDisposable
{
    /// <summary>Date offsets lie in [MinShiftDays, MaxShiftDays] (documented: −3650..−365).</summary>
    public const int MinShiftDays = -3650;
    /// <summary>Upper bound of the date offset.</summary>
    public const int MaxShiftDays = -365;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int UidCacheLimit = 200_000;
    private readonly HMACSHA256 _hmac;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>? _uidCache;

    /// <param name="key">The key.</param>
    /// <param name="uidCache">Optional cache shared by the mappers of one de-identifier (Study/Series/Frame of Reference UIDs repeat across files).</param>
    public KeyedMapper(DeidKey key, System.Collections.Concurrent.ConcurrentDictionary<string, string>? uidCache = null)
    {
        _hmac = key.CreateHmac();
        _uidCache = uidCache;
    }

    public byte[] Mac(string purpose, string value) => _hmac.ComputeHash(Encoding.UTF8.GetBytes(purpose + ":" + value));

    /// <summary>"2.25." + the first 128 bits of HMAC(key, "uid:" + uid) as an unsigned decimal (≤ 39 digits, ≤ 44 chars).</summary>
    public string MapUid(string uid)
    {
        if (_uidCache is null) return ComputeUid(uid);
        if (_uidCache.TryGetValue(uid, out var cached)) return cached;
        var mapped = ComputeUid(uid);
        if (_uidCache.Count >= UidCacheLimit) _uidCache.Clear();
        _uidCache[uid] = mapped;
        return mapped;
    }

    private string ComputeUid(string uid)
    {
        var h = Mac("uid", uid);
        var le = new byte[17]; // little-endian with a zero sign byte: unsigned
        for (var i = 0; i < 16; i++) le[i] = h[15 - i];
        return "2.25." + new BigInteger(le).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="prefix"/> + base32 of HMAC(key, purpose:value), <paramref name="chars"/> characters.</summary>
    public string Pseudonym(string prefix, string purpose, string value, int chars)
    {
        if (_uidCache is null) return prefix + Base32(Mac(purpose, value), chars);
        // Pseudonyms repeat for every file of a patient: cached with the UIDs, under a key no UID can have.
        var key = "\u0001" + prefix + purpose + "\u0001" + chars.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u0001" + value;
        if (_uidCache.TryGetValue(key, out var cached)) return cached;
        var p = prefix + Base32(Mac(purpose, value), chars);
        if (_uidCache.Count >= UidCacheLimit) _uidCache.Clear();
        _uidCache[key] = p;
        return p;
    }

    /// <summary>Per-patient date offset in days, in [−3650, −365].</summary>
    public int DateOffsetDays(string patientKey)
    {
        if (_uidCache is not null && _uidCache.TryGetValue("\u0002" + patientKey, out var cached))
            return int.Parse(cached, System.Globalization.CultureInfo.InvariantCulture);
        var h = Mac("date", patientKey);
        var n = ((uint)h[0] << 24) | ((uint)h[1] << 16) | ((uint)h[2] << 8) | h[3];
        var span = (uint)(MaxShiftDays - MinShiftDays + 1);
        var days = MinShiftDays + (int)(n % span);
        if (_uidCache is not null)
        {
            if (_uidCache.Count >= UidCacheLimit) _uidCache.Clear();
            _uidCache["\u0002" + patientKey] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return days;
    }

    /// <summary>Keyed hex digest (16 hex digits) for audit use: lets records be joined without revealing the value.</summary>
    public string AuditHash(string value) => DeidKey.ToHex(Mac("audit", value), 8);

    internal static string Base32(byte[] data, int chars)
    {
        var sb = new StringBuilder(chars);
        int buffer = 0, bits = 0, i = 0;
        while (sb.Length < chars)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | (i < data.Length ? data[i] : 0);
                i++;
                bits += 8;
            }
            sb.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return sb.ToString();
    }

    public void Dispose() => _hmac.Dispose();
}
