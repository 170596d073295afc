using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;

namespace DicomDeid.HelpBuilder;

/// <summary>
/// Writes MAML as Get-Help reads it: helpItems (schema="maml") with one command:command per cmdlet, in the
/// maml/command/dev namespaces of 2004/10; syntax items are generated per parameter set from the metadata.
/// </summary>
internal static class MamlWriter
{
    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string MsHelp = "http://msdn.microsoft.com/mshelp";

    public static void Write(string path, IReadOnlyList<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = File.Create(path);
        using var w = XmlWriter.Create(stream, settings);
        w.WriteStartDocument();
        w.WriteStartElement("helpItems", Msh);
        w.WriteAttributeString("schema", "maml");
        foreach (var c in commands) WriteCommand(w, c);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter w, CommandHelp c)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "command", null, Command);
        w.WriteAttributeString("xmlns", "dev", null, Dev);
        w.WriteAttributeString("xmlns", "MSHelp", null, MsHelp);

        w.WriteStartElement("command", "details", Command);
        w.WriteElementString("command", "name", Command, c.Name);
        var dash = c.Name.IndexOf('-', StringComparison.Ordinal);
        w.WriteElementString("command", "verb", Command, dash > 0 ? c.Name.Substring(0, dash) : c.Name);
        w.WriteElementString("command", "noun", Command, dash > 0 ? c.Name.Substring(dash + 1) : string.Empty);
        Paras(w, "description", c.Synopsis);
        w.WriteEndElement();

        Paras(w, "description", c.Description);

        w.WriteStartElement("command", "syntax", Command);
        foreach (var set in ParameterSets(c))
        {
            w.WriteStartElement("command", "syntaxItem", Command);
            w.WriteElementString("maml", "name", Maml, c.Name);
            foreach (var (p, m) in ParametersOf(c, set)) Parameter(w, p, m, inSyntax: true);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("command", "parameters", Command);
        foreach (var p in c.Parameters)
        {
            var m = Merge(p);
            Parameter(w, p, m, inSyntax: false);
        }
        w.WriteEndElement();

        Types(w, "inputTypes", "inputType", c.Inputs);
        Types(w, "returnValues", "returnValue", c.Outputs);

        w.WriteStartElement("maml", "alertSet", Maml);
        w.WriteStartElement("maml", "alert", Maml);
        foreach (var n in c.Notes) w.WriteElementString("maml", "para", Maml, n);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("command", "examples", Command);
        foreach (var e in c.Examples)
        {
            w.WriteStartElement("command", "example", Command);
            // Get-Help prints the title as given; the dashes are the look of the built-in help.
            w.WriteElementString("maml", "title", Maml, "-------------------------- " + e.Title + " --------------------------");
            w.WriteElementString("dev", "code", Dev, e.Code);
            w.WriteStartElement("dev", "remarks", Dev);
            foreach (var r in e.Remarks) w.WriteElementString("maml", "para", Maml, r);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", Command);
        if (c.OnlineVersion is not null) Link(w, "Online Version:", c.OnlineVersion);
        foreach (var (text, uri) in c.Links) Link(w, text, uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? uri : string.Empty);
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string text, string uri)
    {
        w.WriteStartElement("maml", "navigationLink", Maml);
        w.WriteElementString("maml", "linkText", Maml, text);
        w.WriteElementString("maml", "uri", Maml, uri);
        w.WriteEndElement();
    }

    private static void Paras(XmlWriter w, string element, IEnumerable<string> paras)
    {
        w.WriteStartElement("maml", element, Maml);
        foreach (var p in paras) w.WriteElementString("maml", "para", Maml, p);
        w.WriteEndElement();
    }

    private static void Types(XmlWriter w, string outer, string inner, List<TypeHelp> types)
    {
        w.WriteStartElement("command", outer, Command);
        foreach (var t in types)
        {
            w.WriteStartElement("command", inner, Command);
            w.WriteStartElement("dev", "type", Dev);
            w.WriteElementString("maml", "name", Maml, t.TypeName);
            w.WriteEndElement();
            Paras(w, "description", t.Description);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Parameter(XmlWriter w, ParameterHelp p, ParameterMetadata m, bool inSyntax)
    {
        w.WriteStartElement("command", "parameter", Command);
        w.WriteAttributeString("required", m.Required ? "true" : "false");
        w.WriteAttributeString("variableLength", m.Type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false");
        w.WriteAttributeString("globbing", m.Wildcards ? "true" : "false");
        w.WriteAttributeString("pipelineInput", m.PipelineInput);
        w.WriteAttributeString("position", m.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : m.Position);
        w.WriteAttributeString("aliases", m.Aliases.Count > 0 ? string.Join(", ", m.Aliases) : "none");
        w.WriteElementString("maml", "name", Maml, p.Name);
        Paras(w, "description", p.Description);
        if (inSyntax && m.AcceptedValues.Count > 0)
        {
            w.WriteStartElement("command", "parameterValueGroup", Command);
            foreach (var v in m.AcceptedValues)
            {
                w.WriteStartElement("command", "parameterValue", Command);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("variableLength", "false");
                w.WriteString(v);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        var type = m.IsSwitch ? "SwitchParameter" : m.Type;
        // Switches show no value in syntax lines.
        if (!inSyntax || !m.IsSwitch)
        {
            w.WriteStartElement("command", "parameterValue", Command);
            w.WriteAttributeString("required", m.IsSwitch ? "false" : "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(type);
            w.WriteEndElement();
        }
        w.WriteStartElement("dev", "type", Dev);
        w.WriteElementString("maml", "name", Maml, type);
        w.WriteElementString("maml", "uri", Maml, string.Empty);
        w.WriteEndElement();
        w.WriteElementString("dev", "defaultValue", Dev, m.DefaultValue);
        w.WriteEndElement();
    }

    /// <summary>Parameter sets named in the metadata, in first-seen order; one unnamed set when none is named.</summary>
    private static List<string> ParameterSets(CommandHelp c)
    {
        var sets = new List<string>();
        foreach (var p in c.Parameters)
            foreach (var m in p.Metadata)
                foreach (var s in m.ParameterSets)
                    if (s != "(All)" && !sets.Exists(x => x.Equals(s, StringComparison.OrdinalIgnoreCase))) sets.Add(s);
        if (sets.Count == 0) sets.Add("(All)");
        return sets;
    }

    /// <summary>The parameters of <paramref name="set"/>: positional first by position, then required, then the rest.</summary>
    private static List<(ParameterHelp, ParameterMetadata)> ParametersOf(CommandHelp c, string set)
    {
        var list = new List<(ParameterHelp P, ParameterMetadata M, int Order)>();
        var index = 0;
        foreach (var p in c.Parameters)
        {
            var m = p.Metadata.Find(x => x.AppliesTo(set));
            index++;
            if (m is null) continue;
            var order = int.TryParse(m.Position, out var pos) ? pos : (m.Required ? 1000 : 2000) + index;
            list.Add((p, m, order));
        }
        list.Sort((a, b) => a.Order.CompareTo(b.Order));
        return list.ConvertAll(x => (x.P, x.M));
    }

    /// <summary>One metadata for the parameter list: required only when required in every set.</summary>
    private static ParameterMetadata Merge(ParameterHelp p)
    {
        var first = p.Metadata.Count > 0 ? p.Metadata[0] : new ParameterMetadata { Type = "Object" };
        if (p.Metadata.Count <= 1) return first;
        var merged = new ParameterMetadata
        {
            Type = first.Type,
            Required = p.Metadata.TrueForAll(m => m.Required),
            Position = first.Position,
            DefaultValue = first.DefaultValue,
            PipelineInput = first.PipelineInput,
            Wildcards = first.Wildcards,
        };
        merged.Aliases.AddRange(first.Aliases);
        foreach (var m in p.Metadata) merged.ParameterSets.AddRange(m.ParameterSets);
        return merged;
    }
}
