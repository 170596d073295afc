using System;

namespace DicomDeid.Engine.Batch;

public sealed partial class DeidBatchRunner
{
    /// <summary>
    /// Creates a runner over the codec and the engine: one shared <see cref="Deidentifier"/> (thread-safe) for all
    /// workers. The profile and key fingerprint are recorded in <paramref name="settings"/>.
    /// </summary>
    public DeidBatchRunner(DeidBatchSettings settings, CompiledProfile profile, DeidKey key, DeidentifierSettings? deidentifierSettings = null)
        : this(WithIdentity(settings, profile, key), CreateFactory(profile, key, deidentifierSettings, settings))
    {
    }

    private static DeidBatchSettings WithIdentity(DeidBatchSettings settings, CompiledProfile profile, DeidKey key)
    {
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        if (profile is null) throw new ArgumentNullException(nameof(profile));
        if (key is null) throw new ArgumentNullException(nameof(key));
        settings.Profile = profile;
        settings.KeyFingerprint = key.Fingerprint;
        return settings;
    }

    private static Func<IDeidFileProcessor> CreateFactory(CompiledProfile profile, DeidKey key, DeidentifierSettings? deidentifierSettings, DeidBatchSettings settings)
    {
        var deidentifier = new Deidentifier(profile, key, deidentifierSettings);
        var pixels = new PixelStep(profile, settings.PixelRules, settings.DetectText);
        return () => new EngineFileProcessor(deidentifier, key, pixels);
    }
}
