using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace DicomDeid.PowerShell;

/// <summary>One file found from a -Path/-LiteralPath argument.</summary>
public sealed class ResolvedInputPath
{
    /// <summary>Creates the entry.</summary>
    public ResolvedInputPath(string fullPath, string inputRoot, string argument)
    {
        FullPath = fullPath;
        InputRoot = inputRoot;
        Argument = argument;
    }

    /// <summary>The file's full file-system path.</summary>
    public string FullPath { get; }

    /// <summary>
    /// The folder the user named (for a folder argument), or the file's own folder (for a file argument).
    /// Outputs keep the tree below this root.
    /// </summary>
    public string InputRoot { get; }

    /// <summary>The argument as the user gave it (for messages).</summary>
    public string Argument { get; }

    /// <summary>The path relative to <see cref="InputRoot"/>, with the platform's separator.</summary>
    public string RelativePath
    {
        get
        {
            var root = InputRoot.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
            return FullPath.Length > root.Length + 1 && FullPath.StartsWith(root, StringComparison.Ordinal)
                ? FullPath.Substring(root.Length + 1)
                : System.IO.Path.GetFileName(FullPath);
        }
    }

    /// <inheritdoc />
    public override string ToString() => FullPath;
}

/// <summary>
/// The one resolver for -Path (wildcards) and -LiteralPath: FileSystem provider only, folders expanded to their
/// files (recursively when asked), every problem reported as a non-terminating error for that argument only.
/// Files are produced lazily, in ordinal name order per folder, so huge trees start streaming at once.
/// </summary>
public static class DicomPathResolver
{
    /// <summary>Resolves <paramref name="paths"/> for <paramref name="cmdlet"/>.</summary>
    /// <param name="cmdlet">The calling cmdlet (its session state resolves PowerShell paths).</param>
    /// <param name="paths">The arguments.</param>
    /// <param name="literal">True for -LiteralPath (no wildcard expansion).</param>
    /// <param name="recurse">True to include files in subfolders of folder arguments.</param>
    /// <param name="onError">Receives one error record per bad argument or unreadable folder.</param>
    /// <param name="cancellation">Stops the enumeration.</param>
    public static IEnumerable<ResolvedInputPath> Resolve(PSCmdlet cmdlet, IEnumerable<string>? paths, bool literal, bool recurse,
        Action<ErrorRecord> onError, CancellationToken cancellation = default)
    {
        if (cmdlet is null) throw new ArgumentNullException(nameof(cmdlet));
        if (onError is null) throw new ArgumentNullException(nameof(onError));
        if (paths is null) yield break;
        foreach (var argument in paths)
        {
            if (cancellation.IsCancellationRequested) yield break;
            if (string.IsNullOrEmpty(argument)) continue;
            foreach (var fsPath in ToProviderPaths(cmdlet, argument, literal, onError))
            {
                if (File.Exists(fsPath))
                {
                    yield return new ResolvedInputPath(fsPath, System.IO.Path.GetDirectoryName(fsPath) ?? fsPath, argument);
                }
                else if (Directory.Exists(fsPath))
                {
                    foreach (var f in EnumerateFolder(fsPath, recurse, onError, cancellation))
                        yield return new ResolvedInputPath(f, fsPath, argument);
                }
                else
                {
                    onError(NotFound(fsPath));
                }
            }
        }
    }

    /// <summary>Resolves one argument to file-system paths (wildcards expanded unless <paramref name="literal"/>).</summary>
    public static IReadOnlyList<string> ToProviderPaths(PSCmdlet cmdlet, string argument, bool literal, Action<ErrorRecord> onError)
    {
        if (cmdlet is null) throw new ArgumentNullException(nameof(cmdlet));
        if (onError is null) throw new ArgumentNullException(nameof(onError));
        var result = new List<string>();
        ProviderInfo provider;
        try
        {
            if (literal)
            {
                var p = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(argument, out provider, out _);
                if (!IsFileSystem(provider)) { onError(NotFileSystemError(argument, provider)); return result; }
                result.Add(p);
            }
            else
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(argument, out provider);
                if (!IsFileSystem(provider)) { onError(NotFileSystemError(argument, provider)); return result; }
                result.AddRange(resolved);
                if (result.Count == 0) onError(NotFound(argument));
            }
        }
        catch (ItemNotFoundException ex)
        {
            onError(DicomErrors.Create(ErrorIds.FileNotFound, ex, argument));
        }
        catch (System.Management.Automation.DriveNotFoundException ex)
        {
            onError(DicomErrors.Create(ErrorIds.FileNotFound, ex, argument));
        }
        catch (ProviderNotFoundException ex)
        {
            onError(DicomErrors.Create(ErrorIds.NotFileSystem, ex, argument));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or PSInvalidOperationException or IOException)
        {
            onError(DicomErrors.Create(ErrorIds.FileNotFound, ex, argument));
        }
        return result;
    }

    private static IEnumerable<string> EnumerateFolder(string root, bool recurse, Action<ErrorRecord> onError, CancellationToken cancellation)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            if (cancellation.IsCancellationRequested) yield break;
            var dir = pending.Pop();
            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = recurse ? Directory.GetDirectories(dir) : Array.Empty<string>();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                onError(DicomErrors.FromException(ex, dir));
                continue;
            }
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var f in files) yield return f;
            // Reverse order on the stack so subfolders come out in ordinal order; do not follow links (no cycles).
            Array.Sort(dirs, StringComparer.Ordinal);
            for (var i = dirs.Length - 1; i >= 0; i--)
            {
                FileAttributes attributes;
                try { attributes = File.GetAttributes(dirs[i]); }
                catch (Exception ex) when (ex is UnauthorizedAccessException or IOException) { onError(DicomErrors.FromException(ex, dirs[i])); continue; }
                if ((attributes & FileAttributes.ReparsePoint) == 0) pending.Push(dirs[i]);
            }
        }
    }

    private static bool IsFileSystem(ProviderInfo? provider) =>
        provider is not null && string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

    private static ErrorRecord NotFound(string path) =>
        DicomErrors.Create(ErrorIds.FileNotFound, $"Cannot find path '{path}' because it does not exist.", path);

    private static ErrorRecord NotFileSystemError(string argument, ProviderInfo? provider) =>
        DicomErrors.Create(ErrorIds.NotFileSystem, $"The path '{argument}' is on the {provider?.Name ?? "unknown"} provider; only file-system paths are supported.", argument);
}
