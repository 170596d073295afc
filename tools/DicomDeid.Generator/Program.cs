using System;
using System.IO;

namespace DicomDeid.Generator;

/// <summary>
/// Command line: <c>dotnet run --project tools/DicomDeid.Generator -- --shared ../shared --out .</c> (from the repository
/// root) writes the generated files; add <c>--check</c> to compare instead (exit 1 listing the files that differ).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var shared = Path.Combine("..", "shared");
        var output = ".";
        var check = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shared" when i + 1 < args.Length: shared = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--check": check = true; break;
                case "-h":
                case "--help":
                    Console.WriteLine("usage: DicomDeid.Generator [--shared <dir containing dicom-standard/>] [--out <repository root>] [--check]");
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}' (try --help)");
                    return 2;
            }
        }

        try
        {
            var files = new StandardTableGenerator(shared).Generate();
            if (check)
            {
                var differing = StandardTableGenerator.FindDifferences(files, output);
                foreach (var d in differing) Console.Error.WriteLine($"differs: {d}");
                if (differing.Count > 0)
                {
                    Console.Error.WriteLine($"{differing.Count} generated file(s) are out of date; run without --check to regenerate.");
                    return 1;
                }
                Console.WriteLine($"{files.Count} generated files are up to date.");
                return 0;
            }

            var written = StandardTableGenerator.WriteAll(files, output);
            Console.WriteLine($"{files.Count} files generated, {written} changed.");
            return 0;
        }
        catch (GeneratorException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 3;
        }
    }
}
