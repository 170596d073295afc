using System.Collections.Generic;

namespace DicomDeid.HelpBuilder;

/// <summary>A problem in a page: file, 1-based line, message. The build fails when any exists.</summary>
internal sealed record Diagnostic(string File, int Line, string Message)
{
    public override string ToString() => $"{File}({Line}): error: {Message}";
}

/// <summary>One cmdlet page.</summary>
internal sealed class CommandHelp
{
    public string Name { get; set; } = string.Empty;
    public string File { get; set; } = string.Empty;
    public List<string> Synopsis { get; } = new();
    public List<string> Description { get; } = new();
    public List<ExampleHelp> Examples { get; } = new();
    public List<ParameterHelp> Parameters { get; } = new();
    public List<TypeHelp> Inputs { get; } = new();
    public List<TypeHelp> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<(string Text, string Uri)> Links { get; } = new();
    public string? OnlineVersion { get; set; }
}

internal sealed class ExampleHelp
{
    public string Title { get; set; } = string.Empty;
    public string Code { get; set; } = string.Empty;
    public List<string> Remarks { get; } = new();
}

internal sealed class TypeHelp
{
    public string TypeName { get; set; } = string.Empty;
    public List<string> Description { get; } = new();
}

/// <summary>A parameter, with one metadata block per group of parameter sets.</summary>
internal sealed class ParameterHelp
{
    public string Name { get; set; } = string.Empty;
    public int Line { get; set; }
    public List<string> Description { get; } = new();
    public List<ParameterMetadata> Metadata { get; } = new();
}

internal sealed class ParameterMetadata
{
    public string Type { get; set; } = string.Empty;
    public List<string> ParameterSets { get; } = new();
    public List<string> Aliases { get; } = new();
    public List<string> AcceptedValues { get; } = new();
    public bool Required { get; set; }
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    public string PipelineInput { get; set; } = "False";
    public bool Wildcards { get; set; }

    public bool IsSwitch => Type.Equals("SwitchParameter", System.StringComparison.OrdinalIgnoreCase) || Type.Equals("switch", System.StringComparison.OrdinalIgnoreCase);

    public bool AppliesTo(string set) => ParameterSets.Count == 0 || ParameterSets.Exists(s => s == "(All)" || s.Equals(set, System.StringComparison.OrdinalIgnoreCase));
}

/// <summary>An about_ topic: title and sections (heading level, heading, blocks).</summary>
internal sealed class AboutTopic
{
    public string Name { get; set; } = string.Empty;
    public List<AboutSection> Sections { get; } = new();
}

internal sealed class AboutSection
{
    public int Level { get; set; }
    public string Heading { get; set; } = string.Empty;
    /// <summary>Blocks: text paragraphs (Code = false) or verbatim code (Code = true).</summary>
    public List<(bool Code, string Text)> Blocks { get; } = new();
}
