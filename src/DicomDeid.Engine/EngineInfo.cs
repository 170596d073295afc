namespace DicomDeid.Engine;

/// <summary>Facts about the engine build.</summary>
public static class EngineInfo
{
    // Assembly.GetName() is reflection: read once, not per file.
    private static readonly string CachedVersion = typeof(EngineInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The engine's informational version.</summary>
    public static string Version => CachedVersion;
}
