using System;
using System.IO;

namespace DicomDeid.Engine.Batch;

/// <summary>One input of a run: a file and its path relative to the input root it was found under.</summary>
public sealed class DeidBatchItem
{
    /// <summary>Creates an item.</summary>
    /// <param name="sourcePath">The input file (made absolute).</param>
    /// <param name="relativePath">Its path under its input root; the output goes to the same relative path under the destination.</param>
    /// <param name="fromDirectory">True when the file was found by walking a folder given as input (that folder is then source tree).</param>
    public DeidBatchItem(string sourcePath, string relativePath, bool fromDirectory = false)
    {
        if (string.IsNullOrEmpty(sourcePath)) throw new ArgumentException("A source path is required.", nameof(sourcePath));
        if (string.IsNullOrEmpty(relativePath)) throw new ArgumentException("A relative path is required.", nameof(relativePath));
        if (Path.IsPathRooted(relativePath)) throw new ArgumentException("The relative path must not be rooted: " + relativePath, nameof(relativePath));
        SourcePath = Path.GetFullPath(sourcePath);
        RelativePath = relativePath;
        FromDirectory = fromDirectory;
    }

    /// <summary>The input file, absolute.</summary>
    public string SourcePath { get; }

    /// <summary>Path relative to the input root.</summary>
    public string RelativePath { get; }

    /// <summary>True when the item came from walking a folder.</summary>
    public bool FromDirectory { get; }

    /// <summary>The input root: the source path without its relative part.</summary>
    public string InputRoot
    {
        get
        {
            var root = SourcePath;
            var depth = RelativePath.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries).Length;
            for (var i = 0; i < depth && root is not null; i++) root = Path.GetDirectoryName(root);
            return root ?? Path.GetPathRoot(SourcePath) ?? SourcePath;
        }
    }

    /// <inheritdoc />
    public override string ToString() => SourcePath;
}
