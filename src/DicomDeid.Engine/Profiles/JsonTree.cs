using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace DicomDeid.Engine;

/// <summary>A parsed JSON value that remembers where it was (1-based line and column), for error messages.</summary>
internal sealed class JsonNode
{
    public JsonValueKind Kind;
    public int Line;
    public int Column;
    public string? Text;             // strings, and the raw text of numbers
    public bool Bool;
    public List<KeyValuePair<string, JsonNode>>? Properties; // objects, document order
    public List<int>? PropertyLines;
    public List<JsonNode>? Items;    // arrays

    public JsonNode? Get(string name)
    {
        if (Properties is null) return null;
        foreach (var p in Properties) if (string.Equals(p.Key, name, StringComparison.Ordinal)) return p.Value;
        return null;
    }

    public string KindName => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a value",
    };

    /// <summary>Parses <paramref name="utf8"/>; syntax errors become <see cref="DeidProfileException"/> with line and column.</summary>
    public static JsonNode Parse(byte[] utf8, string file)
    {
        var start = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
        var data = new ReadOnlySpan<byte>(utf8, start, utf8.Length - start);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < data.Length; i++) if (data[i] == (byte)'\n') lineStarts.Add(i + 1);
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        try
        {
            if (!reader.Read()) throw new DeidProfileException(file, 1, 1, "the document is empty.");
            var root = ReadValue(ref reader, lineStarts);
            if (reader.Read()) throw At(file, lineStarts, (int)reader.TokenStartIndex, "unexpected content after the end of the document.");
            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var col = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new DeidProfileException(file, line, col, "invalid JSON: " + Clean(ex.Message), ex);
        }
    }

    private static string Clean(string message)
    {
        var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return i > 0 ? message.Substring(0, i).TrimEnd() : message;
    }

    private static DeidProfileException At(string file, List<int> lineStarts, int offset, string problem)
    {
        Locate(lineStarts, offset, out var line, out var col);
        return new DeidProfileException(file, line, col, problem);
    }

    private static void Locate(List<int> lineStarts, int offset, out int line, out int column)
    {
        int lo = 0, hi = lineStarts.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        line = lo + 1;
        column = offset - lineStarts[lo] + 1;
    }

    private static JsonNode ReadValue(ref Utf8JsonReader r, List<int> lineStarts)
    {
        var n = new JsonNode();
        Locate(lineStarts, (int)r.TokenStartIndex, out n.Line, out n.Column);
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
                n.Kind = JsonValueKind.Object;
                n.Properties = new List<KeyValuePair<string, JsonNode>>();
                n.PropertyLines = new List<int>();
                while (r.Read() && r.TokenType != JsonTokenType.EndObject)
                {
                    var name = r.GetString() ?? string.Empty;
                    Locate(lineStarts, (int)r.TokenStartIndex, out var pl, out _);
                    r.Read();
                    n.Properties.Add(new KeyValuePair<string, JsonNode>(name, ReadValue(ref r, lineStarts)));
                    n.PropertyLines.Add(pl);
                }
                break;
            case JsonTokenType.StartArray:
                n.Kind = JsonValueKind.Array;
                n.Items = new List<JsonNode>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) n.Items.Add(ReadValue(ref r, lineStarts));
                break;
            case JsonTokenType.String:
                n.Kind = JsonValueKind.String;
                n.Text = r.GetString();
                break;
            case JsonTokenType.Number:
                n.Kind = JsonValueKind.Number;
                n.Text = Encoding.UTF8.GetString(r.ValueSpan.ToArray());
                break;
            case JsonTokenType.True: n.Kind = JsonValueKind.True; n.Bool = true; break;
            case JsonTokenType.False: n.Kind = JsonValueKind.False; break;
            default: n.Kind = JsonValueKind.Null; break;
        }
        return n;
    }

    /// <summary>Canonical form: compact UTF-8 JSON, properties in document order, strings escaped the standard way.</summary>
    public static byte[] Canonical(JsonNode root)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false }))
            Write(w, root);
        return ms.ToArray();
    }

    private static void Write(Utf8JsonWriter w, JsonNode n)
    {
        switch (n.Kind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in n.Properties!) { w.WritePropertyName(p.Key); Write(w, p.Value); }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var i in n.Items!) Write(w, i);
                w.WriteEndArray();
                break;
            case JsonValueKind.String: w.WriteStringValue(n.Text); break;
            case JsonValueKind.Number: w.WriteRawValue(n.Text!, skipInputValidation: true); break;
            case JsonValueKind.True: w.WriteBooleanValue(true); break;
            case JsonValueKind.False: w.WriteBooleanValue(false); break;
            default: w.WriteNullValue(); break;
        }
    }
}
