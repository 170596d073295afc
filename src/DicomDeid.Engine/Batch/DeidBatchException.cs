using System;

namespace DicomDeid.Engine.Batch;

/// <summary>A run cannot start (bad destination, audit log not writable): terminating, with a stable error id.</summary>
public sealed class DeidBatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeidBatchException(string errorId, string message, string? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Target = target;
    }

    /// <summary>One of <see cref="DeidErrorIds"/>.</summary>
    public string ErrorId { get; }

    /// <summary>The path the problem concerns, when any.</summary>
    public string? Target { get; }
}
