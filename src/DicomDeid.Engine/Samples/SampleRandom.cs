using System;

namespace DicomDeid.Engine.Samples;

/// <summary>
/// A small seeded generator (SplitMix64). Ours rather than <see cref="Random"/> so that the same seed gives the
/// same files on every runtime (.NET Framework and .NET), now and later.
/// </summary>
internal sealed class SampleRandom
{
    private ulong _state;

    public SampleRandom(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, max).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextUInt64() % (ulong)max);

    /// <summary>A value in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>A stateless hash of a few integers, for per-pixel noise that does not depend on generation order.</summary>
    public static uint Hash(uint a, uint b, uint c, uint d)
    {
        unchecked
        {
            var h = (a * 0x9E3779B1u) ^ (b * 0x85EBCA77u) ^ (c * 0xC2B2AE3Du) ^ (d * 0x27D4EB2Fu);
            h ^= h >> 15; h *= 0x2C1B3C6Du;
            h ^= h >> 12; h *= 0x297A2D39u;
            h ^= h >> 15;
            return h;
        }
    }

    /// <summary>Derives an independent generator for a sub-part (patient, study...) so parts do not shift each other.</summary>
    public static SampleRandom For(ulong seed, params int[] path)
    {
        var s = seed;
        foreach (var p in path) s = new SampleRandom(s ^ ((ulong)(uint)p * 0xD6E8FEB86659FD93UL)).NextUInt64();
        return new SampleRandom(s);
    }
}
