namespace DicomDeid.Engine;

/// <summary>Facts about the engine build.</summary>
public static class EngineInfo
{
    /// <summary>The engine's informational version.</summary>
    public static string Version => typeof(EngineInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
