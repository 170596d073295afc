using System;
using System.Collections.Generic;
using System.IO;

namespace DicomDeid.Engine;

/// <summary>The built-in profiles (embedded JSON documents) and name-or-path resolution.</summary>
public static class DeidProfiles
{
    /// <summary>The Basic Application Level Confidentiality Profile with no options.</summary>
    public const string Basic = "Basic";
    /// <summary>Basic + Clean Descriptors + HIPAA Safe Harbor rules (each rule states its identifier category).</summary>
    public const string HipaaSafeHarbor = "HipaaSafeHarbor";
    /// <summary>Research preset: modified dates, patient characteristics, device identity, safe private, clean descriptors.</summary>
    public const string Research = "Research";

    /// <summary>Names of the built-in profiles.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = new[] { Basic, HipaaSafeHarbor, Research };

    /// <summary>A built-in profile by name (case-insensitive), or a profile file by path.</summary>
    /// <exception cref="DeidProfileException">No such built-in and no such file, or the file is not a valid profile.</exception>
    public static DeidProfile Resolve(string nameOrPath)
    {
        if (nameOrPath is null) throw new ArgumentNullException(nameof(nameOrPath));
        var b = GetBuiltIn(nameOrPath, 0);
        if (b is not null) return b;
        if (File.Exists(nameOrPath)) return DeidProfile.Load(nameOrPath);
        throw new DeidProfileException(nameOrPath, 0, 0, $"no built-in profile and no file of that name (built-in profiles: {string.Join(", ", BuiltInNames)}).");
    }

    /// <summary>The text of a built-in profile document.</summary>
    public static string GetBuiltInText(string name)
    {
        var canon = Canonical(name) ?? throw new ArgumentException($"'{name}' is not a built-in profile.", nameof(name));
        using var s = typeof(DeidProfiles).Assembly.GetManifestResourceStream("DicomDeid.Engine.Profiles.BuiltIn." + canon + ".json")
            ?? throw new InvalidOperationException("Built-in profile resource missing: " + canon);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    internal static DeidProfile? GetBuiltIn(string name, int depth)
    {
        var canon = Canonical(name);
        if (canon is null) return null;
        var p = DeidProfile.Parse(System.Text.Encoding.UTF8.GetBytes(GetBuiltInText(canon)), "builtin:" + canon, depth);
        p.IsBuiltIn = true;
        return p;
    }

    private static string? Canonical(string name)
    {
        foreach (var n in BuiltInNames) if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return n;
        return null;
    }
}
