using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;

namespace DicomDeid.Engine.Verification;

/// <summary>
/// Verifies many files: per-file checks (<see cref="DeidVerifier"/>), the leak scan against originals found by
/// relative path under a reference folder, by an audit log (destination -> source), or by the keyed UID mapping, and
/// set-level checks at the end. <see cref="Verify"/> is thread-safe.
/// </summary>
public sealed class VerificationSession : IDisposable
{
    private readonly DeidVerifier _verifier;
    private readonly string? _referenceRoot;
    private readonly Dictionary<string, string> _auditMap = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string>? _keyMap;
    private readonly BatchIntegrityChecker _batch = new();
    private readonly object _batchLock = new();
    private readonly DicomReadOptions _readOptions = new();

    /// <summary>Creates a session.</summary>
    /// <param name="verifier">The per-file verifier.</param>
    /// <param name="reference">A folder (or single file) of originals, or null.</param>
    /// <param name="auditLogPath">An audit log (JSON lines) of the de-identification run, or null.</param>
    /// <param name="key">The key used for de-identification: maps originals to outputs by their remapped SOP Instance UID.</param>
    public VerificationSession(DeidVerifier verifier, string? reference, string? auditLogPath, DeidKey? key)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        if (reference is not null)
        {
            if (!Directory.Exists(reference) && !File.Exists(reference)) throw new DirectoryNotFoundException($"The reference '{reference}' does not exist.");
            _referenceRoot = reference;
        }
        if (auditLogPath is not null) LoadAuditLog(auditLogPath);
        if (key is not null && reference is not null) _keyMap = IndexByMappedUid(reference, key);
    }

    /// <summary>Number of originals indexed by the keyed UID mapping (0 without a key).</summary>
    public int KeyIndexedCount => _keyMap?.Count ?? 0;

    private void LoadAuditLog(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) continue;
                if (TryGet(root, "Destination", out var dst) && TryGet(root, "Source", out var src) && dst.Length > 0 && src.Length > 0)
                    _auditMap[Path.GetFullPath(dst)] = src;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: a line of the audit log is not JSON: {ex.Message}", ex);
            }
        }
    }

    private static bool TryGet(JsonElement e, string name, out string value)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
            {
                value = p.Value.GetString() ?? string.Empty;
                return true;
            }
        value = string.Empty;
        return false;
    }

    private Dictionary<string, string> IndexByMappedUid(string reference, DeidKey key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = File.Exists(reference) ? new[] { reference } : Directory.GetFiles(reference, "*", SearchOption.AllDirectories);
        var headerOnly = new DicomReadOptions { StopAfterTag = new DicomTag(0x0008, 0x0018) };
        using var mapper = new KeyedMapper(key);
        foreach (var f in files)
        {
            try
            {
                if (!DicomFileReader.IsDicomFile(f)) continue;
                var sop = DicomFileReader.Read(f, headerOnly).Dataset.GetString(new DicomTag(0x0008, 0x0018));
                if (!string.IsNullOrEmpty(sop)) map[mapper.MapUid(sop!)] = f;
            }
            catch (DicomFormatException)
            {
                // An unreadable original cannot be matched; its output is still verified without the leak scan.
            }
        }
        return map;
    }

    /// <summary>Verifies one file; <paramref name="relativePath"/> locates its original under a reference folder.</summary>
    public DeidVerificationResult Verify(string path, string? relativePath)
    {
        var output = DicomFileReader.Read(path, _readOptions);
        var originalPath = FindOriginal(path, relativePath, output);
        DicomFile? original = originalPath is not null ? DicomFileReader.Read(originalPath, _readOptions) : null;
        var result = _verifier.Verify(path, output, original, originalPath);
        var patientKey = original is null ? null : (original.Dataset.GetString(new DicomTag(0x0010, 0x0020)) ?? string.Empty) + "|" + (original.Dataset.GetString(new DicomTag(0x0010, 0x0010)) ?? string.Empty);
        lock (_batchLock) _batch.Add(path, output.Dataset, patientKey);
        return result;
    }

    private string? FindOriginal(string path, string? relativePath, DicomFile output)
    {
        if (_auditMap.TryGetValue(Path.GetFullPath(path), out var fromAudit) && File.Exists(fromAudit)) return fromAudit;
        if (_keyMap is not null)
        {
            var sop = output.Dataset.GetString(new DicomTag(0x0008, 0x0018));
            if (sop is not null && _keyMap.TryGetValue(sop, out var fromKey)) return fromKey;
        }
        if (_referenceRoot is null) return null;
        if (File.Exists(_referenceRoot)) return _referenceRoot;
        if (relativePath is not null)
        {
            var candidate = Path.Combine(_referenceRoot, relativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs the set-level checks over every file verified so far: file path -> extra findings.</summary>
    public IReadOnlyDictionary<string, List<DeidFinding>> CheckSet()
    {
        lock (_batchLock) return _batch.Check();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing pooled yet; kept disposable so the cmdlet's using-pattern survives future caches.
    }
}
