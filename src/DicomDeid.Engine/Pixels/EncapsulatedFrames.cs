using System;
using System.Collections.Generic;
using System.IO;
using DicomDeid.Dicom;

namespace DicomDeid.Engine.Pixels;

/// <summary>Maps frames to fragments of encapsulated pixel data (PS3.5 A.4).</summary>
internal static class EncapsulatedFrames
{
    /// <summary>The fragment indices of each frame, or null with <paramref name="problem"/>.</summary>
    internal static List<int[]>? Map(DicomFragmentSequence seq, int frames, bool jpeg, out string? problem)
    {
        problem = null;
        var n = seq.Fragments.Count;
        var map = new List<int[]>(frames);
        if (n == 0) { problem = "the encapsulated pixel data has no fragments"; return null; }
        if (n == frames)
        {
            for (var i = 0; i < n; i++) map.Add(new[] { i });
            return map;
        }
        if (frames == 1)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++) all[i] = i;
            map.Add(all);
            return map;
        }
        // Several fragments per frame: the Basic Offset Table says where frames start, else JPEG SOI markers do.
        var bot = seq.OffsetTable.Length >= 4 * frames ? seq.OffsetTable.GetBytes() : null;
        var starts = new List<int>();
        if (bot is not null)
        {
            long pos = 0;
            var k = 0;
            for (var f = 0; f < frames; f++)
            {
                var target = BitConverterLE.UInt32(bot.AsSpan(4 * f));
                while (k < n && pos < target) { pos += 8 + seq.Fragments[k].Length; k++; }
                if (pos != target || k >= n) { problem = "the Basic Offset Table does not match the fragments"; return null; }
                starts.Add(k);
            }
        }
        else if (jpeg)
        {
            for (var k = 0; k < n; k++)
            {
                var head = ReadHead(seq.Fragments[k], 2);
                if (head.Length == 2 && head[0] == 0xFF && head[1] == 0xD8) starts.Add(k);
            }
            if (starts.Count != frames || starts[0] != 0) { problem = "cannot tell which fragments belong to which frame (no offset table, SOI count differs)"; return null; }
        }
        else
        {
            problem = $"{n} fragments for {frames} frames and no Basic Offset Table";
            return null;
        }
        for (var f = 0; f < frames; f++)
        {
            var end = f + 1 < frames ? starts[f + 1] : n;
            var idx = new int[end - starts[f]];
            for (var i = 0; i < idx.Length; i++) idx[i] = starts[f] + i;
            map.Add(idx);
        }
        return map;
    }

    internal static byte[] ReadHead(DicomValue v, int count)
    {
        if (!v.IsDeferred)
        {
            var b = v.GetBytes();
            return b.AsSpan(0, Math.Min(count, b.Length)).ToArray();
        }
        using var s = v.Source!.OpenRead();
        s.Position = v.Offset;
        var buf = new byte[Math.Min(count, v.Length)];
        var read = 0;
        while (read < buf.Length)
        {
            var r = s.Read(buf, read, buf.Length - read);
            if (r <= 0) break;
            read += r;
        }
        return buf;
    }

    /// <summary>The bytes of one frame (its fragments joined).</summary>
    internal static byte[] FrameBytes(DicomFragmentSequence seq, int[] fragments)
    {
        if (fragments.Length == 1) return seq.Fragments[fragments[0]].GetBytes();
        long total = 0;
        foreach (var i in fragments) total += seq.Fragments[i].Length;
        var r = new byte[total];
        var o = 0;
        foreach (var i in fragments)
        {
            var b = seq.Fragments[i].GetBytes();
            Buffer.BlockCopy(b, 0, r, o, b.Length);
            o += b.Length;
        }
        return r;
    }

    /// <summary>Rebuilds the Basic Offset Table for new fragments when the source had one.</summary>
    internal static DicomValue OffsetTable(bool hadTable, List<DicomValue> fragments, List<int> frameStarts)
    {
        if (!hadTable) return DicomValue.Empty;
        var table = new byte[4 * frameStarts.Count];
        long pos = 0;
        var f = 0;
        for (var k = 0; k < fragments.Count && f < frameStarts.Count; k++)
        {
            while (f < frameStarts.Count && frameStarts[f] == k) { BitConverterLE.Write(table.AsSpan(4 * f), (uint)pos); f++; }
            pos += 8 + fragments[k].Length;
        }
        return new DicomValue(table);
    }
}
