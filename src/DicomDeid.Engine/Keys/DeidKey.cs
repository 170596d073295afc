using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DicomDeid.Engine;

/// <summary>
/// The secret behind every keyed mapping (UIDs, pseudonyms, date offsets): 32 bytes. The same key gives the same
/// output on every machine and run; without it nobody can recompute the mapping from original values.
/// The key bytes never leave this object except through <see cref="Save"/>.
/// </summary>
public sealed class DeidKey
{
    /// <summary>Key length in bytes.</summary>
    public const int KeyLength = 32;

    /// <summary>Version written into key files.</summary>
    public const int FileVersion = 1;

    /// <summary>The file format name written into key files.</summary>
    public const string FileFormat = "DicomDeid.Key";

    /// <summary>
    /// The fixed, published salt used by <see cref="FromPassphrase"/> so that a passphrase yields the same key
    /// everywhere (the passphrase itself must carry the entropy).
    /// </summary>
    public const string PassphraseSalt = "DicomDeid passphrase key v1";

    /// <summary>PBKDF2-HMAC-SHA256 iterations used by <see cref="FromPassphrase"/>.</summary>
    public const int PassphraseIterations = 200_000;

    private readonly byte[] _key;

    private DeidKey(byte[] key)
    {
        _key = key;
        using var sha = SHA256.Create();
        var sub = Hmac(Encoding.ASCII.GetBytes("fingerprint"));
        var h = sha.ComputeHash(sub);
        Fingerprint = ToHex(h, 8);
    }

    /// <summary>First 16 hex digits of SHA-256 of a derived sub-key: identifies the key in audit records without revealing it.</summary>
    public string Fingerprint { get; }

    /// <summary>A new random key.</summary>
    public static DeidKey Generate()
    {
        var b = new byte[KeyLength];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(b);
        return new DeidKey(b);
    }

    /// <summary>A key from exactly 32 bytes (copied).</summary>
    /// <exception cref="ArgumentException">The array is not 32 bytes long.</exception>
    public static DeidKey FromBytes(byte[] key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (key.Length != KeyLength) throw new ArgumentException($"A de-identification key is {KeyLength} bytes; {key.Length} were given.", nameof(key));
        return new DeidKey((byte[])key.Clone());
    }

    /// <summary>
    /// A key derived from a passphrase with PBKDF2-HMAC-SHA256 (<see cref="PassphraseIterations"/> iterations,
    /// salt <see cref="PassphraseSalt"/>): the same passphrase gives the same key on every machine.
    /// </summary>
    public static DeidKey FromPassphrase(string passphrase)
    {
        if (passphrase is null) throw new ArgumentNullException(nameof(passphrase));
        if (passphrase.Length == 0) throw new ArgumentException("The passphrase is empty.", nameof(passphrase));
        return new DeidKey(Pbkdf2Sha256(Encoding.UTF8.GetBytes(passphrase), Encoding.ASCII.GetBytes(PassphraseSalt), PassphraseIterations));
    }

    /// <summary>Reads a key file written by <see cref="Save"/>.</summary>
    /// <exception cref="DeidKeyException">The file is missing, unreadable or not a key file (the message never contains key material).</exception>
    public static DeidKey Load(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeidKeyException(path, "the key file cannot be read: " + ex.Message, ex);
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DeidKeyException(path, "not a DicomDeid key file (expected a JSON object).");
            if (!root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || !string.Equals(f.GetString(), FileFormat, StringComparison.Ordinal))
                throw new DeidKeyException(path, $"not a DicomDeid key file (\"format\" is not \"{FileFormat}\").");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var ver) || ver != FileVersion)
                throw new DeidKeyException(path, $"unsupported key file version (expected {FileVersion}).");
            if (!root.TryGetProperty("key", out var k) || k.ValueKind != JsonValueKind.String)
                throw new DeidKeyException(path, "the key file has no \"key\".");
            byte[] key;
            try { key = Convert.FromBase64String(k.GetString() ?? string.Empty); }
            catch (FormatException) { throw new DeidKeyException(path, "the \"key\" is not base64."); }
            if (key.Length != KeyLength) throw new DeidKeyException(path, $"the key is {key.Length} bytes; expected {KeyLength}.");
            return new DeidKey(key);
        }
        catch (JsonException ex)
        {
            throw new DeidKeyException(path, $"not a DicomDeid key file (invalid JSON at line {(ex.LineNumber ?? 0) + 1}).");
        }
    }

    /// <summary>
    /// Writes the key file (JSON: format, version, fingerprint, key in base64). On Unix the file is created with mode
    /// 0600 before the key is written; on Windows the file inherits the folder's ACL (keep key files in a private folder).
    /// </summary>
    public void Save(string path, bool overwrite = false)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var json = "{\n  \"format\": \"" + FileFormat + "\",\n  \"version\": " + FileVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                   ",\n  \"fingerprint\": \"" + Fingerprint + "\",\n  \"key\": \"" + Convert.ToBase64String(_key) + "\"\n}\n";
        using (var fs = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            RestrictPermissions(path);
            var b = Encoding.UTF8.GetBytes(json);
            fs.Write(b, 0, b.Length);
            fs.Flush(true);
        }
    }

    // PBKDF2 (RFC 8018) with HMAC-SHA256, one 32-byte block: netstandard2.0's Rfc2898DeriveBytes has SHA-1 only.
    internal static byte[] Pbkdf2Sha256(byte[] password, byte[] salt, int iterations)
    {
        using var h = new HMACSHA256(password);
        var block = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, block, 0, salt.Length);
        block[block.Length - 1] = 1;
        var u = h.ComputeHash(block);
        var t = (byte[])u.Clone();
        for (var i = 1; i < iterations; i++)
        {
            u = h.ComputeHash(u);
            for (var j = 0; j < t.Length; j++) t[j] ^= u[j];
        }
        return t;
    }

    /// <summary>HMAC-SHA256 of <paramref name="data"/> with this key (a new HMAC instance: safe from any thread).</summary>
    internal byte[] Hmac(byte[] data)
    {
        using var h = new HMACSHA256(_key);
        return h.ComputeHash(data);
    }

    /// <summary>A fresh HMAC instance over this key, for one thread's use.</summary>
    internal HMACSHA256 CreateHmac() => new(_key);

    internal static string ToHex(byte[] b, int count)
    {
        const string digits = "0123456789abcdef";
        var c = new char[count * 2];
        for (var i = 0; i < count; i++) { c[2 * i] = digits[b[i] >> 4]; c[(2 * i) + 1] = digits[b[i] & 15]; }
        return new string(c);
    }

    private static void RestrictPermissions(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
        try { _ = NativeMethods.chmod(path, 0x180); } // 0600
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { /* best effort */ }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int chmod(string pathname, uint mode);
    }

    /// <summary>Never shows key material.</summary>
    public override string ToString() => "DeidKey " + Fingerprint;
}

/// <summary>A key file could not be used. The message names the file and the problem, never key material.</summary>
public sealed class DeidKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeidKeyException(string path, string problem, Exception? inner = null) : base(path + ": " + problem, inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The key file.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
