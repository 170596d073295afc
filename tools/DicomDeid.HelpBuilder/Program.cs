using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DicomDeid.HelpBuilder;

/// <summary>
/// dotnet run -- --docs &lt;repo&gt;/docs --out &lt;module&gt;/en-US --assembly DicomDeid.dll
/// Turns every docs/Verb-Noun.md into one MAML file (&lt;assembly&gt;-Help.xml) and every docs/about_*.md into
/// about_*.help.txt. Any problem in a page prints "file(line): error: ..." and exits 1 without writing help.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        string? docs = null, output = null, assembly = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--docs": docs = Next(); break;
                    case "--out": output = Next(); break;
                    case "--assembly": assembly = Next(); break;
                    default: Console.Error.WriteLine($"error: unknown argument '{args[i]}'"); return Usage();
                }
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                return Usage();
            }
        }
        if (docs is null || output is null || assembly is null) return Usage();
        if (!Directory.Exists(docs)) { Console.Error.WriteLine($"error: docs folder '{docs}' not found"); return 2; }

        var result = Build(docs);
        foreach (var d in result.Diagnostics) Console.Error.WriteLine(d.ToString());
        if (result.Diagnostics.Count > 0)
        {
            Console.Error.WriteLine($"Help not built: {result.Diagnostics.Count} problem(s) in {docs}.");
            return 1;
        }
        Directory.CreateDirectory(output);
        var maml = Path.Combine(output, assembly + "-Help.xml");
        MamlWriter.Write(maml, result.Commands);
        foreach (var t in result.Topics) AboutWriter.Write(Path.Combine(output, t.Name + ".help.txt"), t);
        Console.WriteLine($"Help: {result.Commands.Count} cmdlet page(s) -> {maml}; {result.Topics.Count} about topic(s).");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: DicomDeid.HelpBuilder --docs <folder> --out <folder> --assembly <Name.dll>");
        return 2;
    }

    /// <summary>Parses every page of <paramref name="docs"/>: Verb-Noun.md cmdlet pages and about_*.md topics (other files are ignored).</summary>
    internal static BuildResult Build(string docs)
    {
        var result = new BuildResult();
        var files = Directory.GetFiles(docs, "*.md");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var text = File.ReadAllText(file, Encoding.UTF8);
            var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
            if (rel.StartsWith("..", StringComparison.Ordinal)) rel = Path.GetFullPath(file);
            var parser = new MarkdownHelpParser(rel, text, result.Diagnostics);
            if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                var topic = parser.ParseAbout(name);
                if (topic is not null) result.Topics.Add(topic);
            }
            else if (IsCmdletName(name))
            {
                var cmd = parser.ParseCommand(name);
                if (cmd is not null) result.Commands.Add(cmd);
            }
        }
        return result;
    }

    /// <summary>Verb-Noun with letters only: TEMPLATE.md, README.md and design notes are not cmdlet pages.</summary>
    private static bool IsCmdletName(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == name.Length - 1 || name.IndexOf('-', dash + 1) >= 0) return false;
        foreach (var c in name) if (!char.IsLetterOrDigit(c) && c != '-') return false;
        return char.IsUpper(name[0]);
    }
}

/// <summary>Everything parsed from a docs folder.</summary>
internal sealed class BuildResult
{
    public List<CommandHelp> Commands { get; } = new();
    public List<AboutTopic> Topics { get; } = new();
    public List<Diagnostic> Diagnostics { get; } = new();
}
