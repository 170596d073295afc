using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace DicomDeid.PowerShell;

/// <summary>
/// Runs when the module is imported. Windows PowerShell 5.1 applies no binding redirects to modules, so a dependency
/// that asks for another version of an assembly we ship (System.Memory, System.Text.Json, ...) would fail to load:
/// resolve such requests from the module folder.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    /// <inheritdoc />
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name) || ModuleFolder.Length == 0) return null;
        // Only assemblies we ship; anything else is for other handlers.
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            // Location throws for dynamic assemblies on .NET Framework.
            if (!loaded.IsDynamic && string.Equals(loaded.GetName().Name, name, StringComparison.OrdinalIgnoreCase) &&
                loaded.Location.StartsWith(ModuleFolder, StringComparison.OrdinalIgnoreCase))
                return loaded;
        }
        var candidate = Path.Combine(ModuleFolder, name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
