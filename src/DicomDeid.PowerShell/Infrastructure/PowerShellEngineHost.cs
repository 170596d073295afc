using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;

namespace DicomDeid.PowerShell;

/// <summary>
/// Adapts a cmdlet to the engine's host needs: warnings, verbose and debug messages, progress, ShouldProcess and
/// cancellation. Safe to call from worker threads: messages from other threads are queued and written when the
/// pipeline thread calls <see cref="Flush"/> (PowerShell allows Write* only on the pipeline thread).
/// Pass one instance along to the engine; implement the engine's host interface on it when that interface lands.
/// </summary>
public class PowerShellEngineHost
{
    private readonly Cmdlet _cmdlet;
    private readonly int _pipelineThread;
    private readonly ConcurrentQueue<(char Kind, string Text)> _pending = new();

    /// <summary>Creates the adapter; call it on the pipeline thread (in BeginProcessing or later).</summary>
    public PowerShellEngineHost(Cmdlet cmdlet, CancellationToken cancellation)
    {
        _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
        _pipelineThread = Environment.CurrentManagedThreadId;
        Cancellation = cancellation;
    }

    /// <summary>Signalled when the user stops the pipeline.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>True on the thread that may call Write*.</summary>
    public bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

    /// <summary>Writes (or queues) a warning.</summary>
    public void Warning(string message) => Emit('W', message);

    /// <summary>Writes (or queues) a verbose message.</summary>
    public void Verbose(string message) => Emit('V', message);

    /// <summary>Writes (or queues) a debug message.</summary>
    public void Debug(string message) => Emit('D', message);

    /// <summary>
    /// Asks ShouldProcess (-WhatIf/-Confirm) for <paramref name="target"/> and <paramref name="action"/>.
    /// Only on the pipeline thread: decide before handing work to workers.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread.</exception>
    public bool ShouldProcess(string target, string action)
    {
        if (!OnPipelineThread) throw new InvalidOperationException("ShouldProcess must be called on the pipeline thread.");
        return _cmdlet.ShouldProcess(target, action);
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the user stopped the pipeline.</summary>
    public void ThrowIfCancelled() => Cancellation.ThrowIfCancellationRequested();

    /// <summary>Writes the queued messages; call on the pipeline thread between work items and at the end.</summary>
    public void Flush()
    {
        if (!OnPipelineThread) return;
        while (_pending.TryDequeue(out var m)) Write(m.Kind, m.Text);
    }

    private void Emit(char kind, string message)
    {
        if (message is null) return;
        if (OnPipelineThread)
        {
            Flush();
            Write(kind, message);
        }
        else
        {
            _pending.Enqueue((kind, message));
        }
    }

    private void Write(char kind, string text)
    {
        switch (kind)
        {
            case 'W': _cmdlet.WriteWarning(text); break;
            case 'V': _cmdlet.WriteVerbose(text); break;
            default: _cmdlet.WriteDebug(text); break;
        }
    }
}
