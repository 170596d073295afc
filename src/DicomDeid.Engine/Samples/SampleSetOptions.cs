using System;
using System.Collections.Generic;

namespace DicomDeid.Engine.Samples;

/// <summary>Named sizes of a sample set.</summary>
public enum SampleSetPreset
{
    /// <summary>A few small files of every kind, for a first look (about 3 MB).</summary>
    Demo,
    /// <summary>A benchmark corpus of realistic sizes: about 2,000 CT slices of 512×512×16 bit, multi-frame MR, US RGB (about 1.3 GB).</summary>
    Bench,
    /// <summary>Like <see cref="Bench"/> with more patients (about 5 GB).</summary>
    Large,
}

/// <summary>Image sizes of a sample set.</summary>
public enum SampleSizeProfile
{
    /// <summary>Small images (CT 128×128, MR 64×64 × 8 frames, US 160×120 × 4 frames): quick to write and read.</summary>
    Small,
    /// <summary>Realistic images (CT 512×512, MR 256×256 × 24 frames, US 640×480 × 10 frames).</summary>
    Realistic,
}

/// <summary>What <see cref="SyntheticDataGenerator"/> writes.</summary>
public sealed class SampleSetOptions
{
    /// <summary>The modalities the generator knows.</summary>
    public static readonly IReadOnlyList<string> KnownModalities = new[] { "CT", "MR", "US", "SR" };

    /// <summary>Folder the files go to (created when missing).</summary>
    public string OutputPath { get; set; } = ".";

    /// <summary>The seed: the same seed and options give byte-identical files.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Number of patients.</summary>
    public int PatientCount { get; set; } = 3;

    /// <summary>Studies per patient.</summary>
    public int StudiesPerPatient { get; set; } = 1;

    /// <summary>Image series per study (an SR document is added to each study when "SR" is among the modalities).</summary>
    public int SeriesPerStudy { get; set; } = 2;

    /// <summary>
    /// Instances per series: CT slices; for MR that many multi-frame instances divided by 10 (at least one); for US
    /// that many single-frame images divided by 10 (at least one) plus one multi-frame clip.
    /// </summary>
    public int InstancesPerSeries { get; set; } = 4;

    /// <summary>Image modalities, cycled over the studies (CT, MR, US); "SR" adds a report per study.</summary>
    public IList<string> Modalities { get; set; } = new List<string> { "CT", "MR", "US", "SR" };

    /// <summary>Image sizes.</summary>
    public SampleSizeProfile SizeProfile { get; set; } = SampleSizeProfile.Small;

    /// <summary>Options for a named preset.</summary>
    public static SampleSetOptions ForPreset(SampleSetPreset preset) => preset switch
    {
        SampleSetPreset.Demo => new SampleSetOptions
        {
            PatientCount = 3, StudiesPerPatient = 1, SeriesPerStudy = 2, InstancesPerSeries = 4,
            Modalities = new List<string> { "CT", "MR", "US", "SR" }, SizeProfile = SampleSizeProfile.Small,
        },
        SampleSetPreset.Bench => new SampleSetOptions
        {
            PatientCount = 12, StudiesPerPatient = 2, SeriesPerStudy = 2, InstancesPerSeries = 60,
            Modalities = new List<string> { "CT", "CT", "CT", "CT", "MR", "US", "SR" }, SizeProfile = SampleSizeProfile.Realistic,
        },
        SampleSetPreset.Large => new SampleSetOptions
        {
            PatientCount = 48, StudiesPerPatient = 2, SeriesPerStudy = 2, InstancesPerSeries = 60,
            Modalities = new List<string> { "CT", "CT", "CT", "CT", "MR", "US", "SR" }, SizeProfile = SampleSizeProfile.Realistic,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>Throws <see cref="ArgumentException"/> for counts below 1 or an unknown modality.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(OutputPath)) throw new ArgumentException("OutputPath is empty.");
        if (PatientCount < 1 || StudiesPerPatient < 1 || SeriesPerStudy < 1 || InstancesPerSeries < 1)
            throw new ArgumentException("Patient, study, series and instance counts must be at least 1.");
        if (Modalities is null || Modalities.Count == 0) throw new ArgumentException("At least one modality is needed.");
        var images = 0;
        foreach (var m in Modalities)
        {
            var known = false;
            foreach (var k in KnownModalities) if (string.Equals(k, m, StringComparison.OrdinalIgnoreCase)) known = true;
            if (!known) throw new ArgumentException($"Unknown modality '{m}'; use {string.Join(", ", KnownModalities)}.");
            if (!string.Equals(m, "SR", StringComparison.OrdinalIgnoreCase)) images++;
        }
        if (images == 0) throw new ArgumentException("At least one image modality (CT, MR, US) is needed.");
    }
}
