using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace DicomDeid.HelpBuilder.Tests;

public sealed class HelpBuilderTests : IDisposable
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "helpbuilder-" + Guid.NewGuid().ToString("N"));

    public HelpBuilderTests() => Directory.CreateDirectory(Path.Combine(_dir, "docs"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string GoodPage = """
        ---
        external help file: DicomDeid.dll-Help.xml
        schema: 2.0.0
        ---

        # Get-Thing

        ## SYNOPSIS
        Gets things.

        ## SYNTAX

        ### Path (Default)
        ```
        Get-Thing [-Path] <String[]> [-Deep]
        ```

        ## DESCRIPTION
        First paragraph
        continues here.

        Second paragraph with a [link](https://example.org/x).

        ## EXAMPLES

        ### Example 1: Get a thing
        ```powershell
        Get-Thing -Path a
        Get-Thing -Path b
        ```

        Gets two things.

        ## PARAMETERS

        ### -Path
        The paths.

        ```yaml
        Type: String[]
        Parameter Sets: Path
        Aliases:

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: True
        ```

        ### -LiteralPath
        Literal paths.

        ```yaml
        Type: String[]
        Parameter Sets: LiteralPath
        Aliases: PSPath, LP

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Deep
        Goes deep.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        Common parameters.

        ## INPUTS

        ### System.String
        Paths.

        ## OUTPUTS

        ### Thing
        A thing.

        ## NOTES
        A note.

        ## RELATED LINKS

        [Online](https://example.org/thing)
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, "docs", name);
        File.WriteAllText(path, text);
        return path;
    }

    private int Run(out XDocument? maml)
    {
        var outDir = Path.Combine(_dir, "out");
        var rc = Program.Main(new[] { "--docs", Path.Combine(_dir, "docs"), "--out", outDir, "--assembly", "X.dll" });
        var file = Path.Combine(outDir, "X.dll-Help.xml");
        maml = File.Exists(file) ? XDocument.Load(file) : null;
        return rc;
    }

    private List<Diagnostic> Diagnostics() => Program.Build(Path.Combine(_dir, "docs")).Diagnostics;

    [Fact]
    public void A_good_page_becomes_maml_with_the_schema_get_help_reads()
    {
        Write("Get-Thing.md", GoodPage);
        Assert.Equal(0, Run(out var maml));
        Assert.NotNull(maml);
        var root = maml!.Root!;
        Assert.Equal("helpItems", root.Name.LocalName);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var cmd = Assert.Single(root.Elements(Command + "command"));
        var details = cmd.Element(Command + "details")!;
        Assert.Equal("Get-Thing", details.Element(Command + "name")!.Value);
        Assert.Equal("Get", details.Element(Command + "verb")!.Value);
        Assert.Equal("Thing", details.Element(Command + "noun")!.Value);
        Assert.Equal("Gets things.", details.Element(Maml + "description")!.Element(Maml + "para")!.Value);

        var paras = cmd.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value).ToList();
        Assert.Equal(new[] { "First paragraph continues here.", "Second paragraph with a link (https://example.org/x)." }, paras);

        var syntax = cmd.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, syntax.Count);
        Assert.Equal(new[] { "Path", "Deep" }, syntax[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal(new[] { "LiteralPath", "Deep" }, syntax[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));

        var parameters = cmd.Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
        Assert.Equal(3, parameters.Count);
        var path = parameters[0];
        Assert.Equal("true", (string?)path.Attribute("required"));
        Assert.Equal("true", (string?)path.Attribute("globbing"));
        Assert.Equal("0", (string?)path.Attribute("position"));
        Assert.Equal("True (ByValue)", (string?)path.Attribute("pipelineInput"));
        Assert.Equal("String[]", path.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("PSPath, LP", (string?)parameters[1].Attribute("aliases"));
        Assert.Equal("named", (string?)parameters[1].Attribute("position"));
        Assert.Equal("SwitchParameter", parameters[2].Element(Dev + "type")!.Element(Maml + "name")!.Value);

        var example = Assert.Single(cmd.Element(Command + "examples")!.Elements(Command + "example"));
        Assert.Contains("Example 1: Get a thing", example.Element(Maml + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("Get-Thing -Path a\nGet-Thing -Path b", example.Element(Dev + "code")!.Value);
        Assert.Equal("Gets two things.", example.Element(Dev + "remarks")!.Element(Maml + "para")!.Value);

        Assert.Equal("System.String", cmd.Element(Command + "inputTypes")!.Element(Command + "inputType")!.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("Thing", cmd.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("A note.", cmd.Element(Maml + "alertSet")!.Element(Maml + "alert")!.Element(Maml + "para")!.Value);
        var link = Assert.Single(cmd.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink"));
        Assert.Equal("https://example.org/thing", link.Element(Maml + "uri")!.Value);
    }

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "## SYNOPSIS\nGets things.\n", "## SYNOPSIS\n", "SYNOPSIS is empty" },
        { "## DESCRIPTION\n", "## DESCRIPTIONS\n", "unknown section '## DESCRIPTIONS'" },
        { "### -Deep\nGoes deep.\n", "### -Deep\n", "parameter -Deep has no description" },
        { "Accept wildcard characters: True", "Accept wildcards: True", "unknown yaml key 'Accept wildcards'" },
        { "Position: 0", "Position: first", "Position of -Path must be a number or Named" },
        { "Accept pipeline input: True (ByValue)", "Accept pipeline input: Yes", "Accept pipeline input of -Path" },
        { "```powershell\nGet-Thing -Path a\nGet-Thing -Path b\n```", "", "example 'Example 1: Get a thing' has no code" },
        { "### Example 1: Get a thing", "### First example", "should read 'Example N: what it shows'" },
        { "# Get-Thing", "# Get-Other", "does not match the file name" },
        { "## OUTPUTS\n\n### Thing\nA thing.\n", "", "missing section '## OUTPUTS'" },
        { "Type: SwitchParameter\n", "", "the yaml block of -Deep has no Type" },
        { "[Online](https://example.org/thing)", "Online: https://example.org/thing", "is not a [text](uri) link" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_page_fails_naming_file_and_line(string find, string replace, string message)
    {
        Assert.Contains(find, GoodPage, StringComparison.Ordinal);
        var path = Write("Get-Thing.md", GoodPage.Replace(find, replace, StringComparison.Ordinal));
        var d = Diagnostics();
        var hit = Assert.Single(d, x => x.Message.Contains(message, StringComparison.Ordinal));
        Assert.EndsWith("Get-Thing.md", hit.File, StringComparison.Ordinal);
        Assert.True(hit.Line >= 1);
        Assert.Equal(1, Run(out var maml));
        Assert.Null(maml);
        Assert.Contains("Get-Thing.md(", hit.ToString(), StringComparison.Ordinal);
        _ = path;
    }

    [Fact]
    public void The_line_of_a_problem_is_the_line_in_the_file()
    {
        var text = GoodPage.Replace("Accept wildcard characters: True", "Colour: red", StringComparison.Ordinal);
        Write("Get-Thing.md", text);
        var hit = Assert.Single(Diagnostics());
        var expected = Array.IndexOf(text.Split('\n'), "Colour: red") + 1;
        Assert.Equal(expected, hit.Line);
    }

    [Fact]
    public void An_about_topic_becomes_wrapped_help_text()
    {
        Write("about_Thing.md", "# about_Thing\n\n## SHORT DESCRIPTION\nShort.\n\n## LONG DESCRIPTION\n" + string.Join(" ", Enumerable.Repeat("word", 40)) +
            "\n\n- item one\n- item two\n\n```powershell\nGet-Thing -Path x\n```\n");
        Assert.Equal(0, Run(out _));
        var text = File.ReadAllText(Path.Combine(_dir, "out", "about_Thing.help.txt"));
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        Assert.Equal("TOPIC", lines[0].TrimStart('\uFEFF'));
        Assert.Equal("    about_Thing", lines[1]);
        Assert.Contains("SHORT DESCRIPTION", lines);
        Assert.Contains("    Short.", lines);
        Assert.All(lines, l => Assert.True(l.Length <= 80 || l.StartsWith("        ", StringComparison.Ordinal), l));
        Assert.True(lines.Count(l => l.StartsWith("    word", StringComparison.Ordinal)) >= 2);
        Assert.Contains("    - item one", lines);
        Assert.Contains("        Get-Thing -Path x", lines);
    }

    [Fact]
    public void An_about_topic_without_short_description_fails()
    {
        Write("about_Thing.md", "# about_Thing\n\n## LONG DESCRIPTION\nText.\n");
        Assert.Contains(Diagnostics(), d => d.Message.Contains("SHORT DESCRIPTION", StringComparison.Ordinal) && d.Line == 1);
    }

    [Fact]
    public void Files_that_are_not_pages_are_ignored()
    {
        Write("TEMPLATE.md", "anything at all");
        Write("README.md", "# not a page");
        Assert.Empty(Diagnostics());
    }

    [Fact]
    public void The_repository_docs_build_without_problems()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DicomDeid.sln"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var result = Program.Build(Path.Combine(dir!, "docs"));
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(result.Commands, c => c.Name == "Get-DicomTag");
        Assert.Contains(result.Topics, t => t.Name == "about_DicomDeid");
    }
}
