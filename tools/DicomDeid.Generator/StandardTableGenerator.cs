using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace DicomDeid.Generator;

/// <summary>One generated file: a path relative to the repository root (forward slashes) and its full text (LF line ends).</summary>
public sealed record GeneratedFile(string RelativePath, string Content);

/// <summary>
/// Reads the DICOM standard tables in <c>&lt;shared&gt;/dicom-standard</c> and produces the C# sources of the dictionary, UID
/// registry, transfer syntaxes and PS3.15 profile tables. Pure: no file is written by <see cref="Generate"/>, so a test
/// can regenerate in-process and compare. Output is deterministic (fixed order, invariant formatting, LF line ends).
/// </summary>
public sealed partial class StandardTableGenerator
{
    /// <summary>Where the Dicom-layer tables go.</summary>
    public const string DictionaryFolder = "src/DicomDeid.Dicom/Dictionary";

    /// <summary>Where the Engine-layer profile tables go.</summary>
    public const string ProfileFolder = "src/DicomDeid.Engine/Profiles/Generated";

    private const string Tool = "tools/DicomDeid.Generator";

    // PS3.5 Table 6.2-1; the generator does not reference the codec so a broken generated file never blocks a rebuild.
    private static readonly HashSet<string> KnownVRs = new(StringComparer.Ordinal)
    {
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW",
        "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
    };

    private readonly string _standardDirectory;
    private readonly Dictionary<string, SourceInfo> _sources;

    /// <summary>Creates a generator over <paramref name="sharedDirectory"/> (the folder holding <c>dicom-standard/</c>).</summary>
    public StandardTableGenerator(string sharedDirectory)
    {
        if (sharedDirectory is null) throw new ArgumentNullException(nameof(sharedDirectory));
        _standardDirectory = Path.Combine(sharedDirectory, "dicom-standard");
        if (!Directory.Exists(_standardDirectory))
            throw new GeneratorException($"{Path.GetFullPath(_standardDirectory)} not found: pass --shared <folder containing dicom-standard/>");
        _sources = ReadReadme(Path.Combine(_standardDirectory, "README.md"));
    }

    /// <summary>Generates every file, in a fixed order.</summary>
    public IReadOnlyList<GeneratedFile> Generate()
    {
        var dictionary = Load("data-dictionary.tsv");
        var uids = Load("uid-registry.tsv");
        var frames = Load("well-known-frames-of-reference.tsv");
        var profile = Load("confidentiality-profile.tsv");
        var actions = Load("confidentiality-action-codes.tsv");
        var safePrivate = Load("safe-private-attributes.tsv");
        var cid7050 = Load("cid-7050-deidentification-method.tsv");
        var charsets = Load("character-sets.tsv");

        return new[]
        {
            GenerateDictionary(dictionary),
            GenerateUidRegistry(uids, frames),
            GenerateTransferSyntaxes(uids),
            GenerateCharacterSets(charsets),
            GenerateConfidentialityProfile(profile),
            GenerateActionCodes(actions),
            GenerateSafePrivate(safePrivate),
            GenerateMethodCodes(cid7050),
        };
    }

    /// <summary>Writes <paramref name="files"/> under <paramref name="outputRoot"/>; returns how many changed.</summary>
    public static int WriteAll(IEnumerable<GeneratedFile> files, string outputRoot)
    {
        if (files is null) throw new ArgumentNullException(nameof(files));
        var changed = 0;
        foreach (var f in files)
        {
            var path = Path.Combine(outputRoot, f.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path) && string.Equals(Normalize(File.ReadAllText(path)), f.Content, StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, f.Content, new UTF8Encoding(false));
            changed++;
        }
        return changed;
    }

    /// <summary>The relative paths of <paramref name="files"/> whose copy under <paramref name="root"/> is missing or differs.</summary>
    public static IReadOnlyList<string> FindDifferences(IEnumerable<GeneratedFile> files, string root)
    {
        if (files is null) throw new ArgumentNullException(nameof(files));
        var differing = new List<string>();
        foreach (var f in files)
        {
            var path = Path.Combine(root, f.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path)) { differing.Add(f.RelativePath + " (missing)"); continue; }
            // A checkout with CRLF line ends (core.autocrlf) is not a difference.
            if (!string.Equals(Normalize(File.ReadAllText(path)), f.Content, StringComparison.Ordinal)) differing.Add(f.RelativePath);
        }
        return differing;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    // ---------------------------------------------------------------- sources and editions

    private sealed record SourceInfo(string File, int Rows, string Table, string EditionText, string Edition);

    /// <summary>
    /// The editions come from the README's table (file | rows | table | edition | how verified) so that a refreshed
    /// table with a refreshed README regenerates with the right edition; the row count there is checked against the file.
    /// </summary>
    private static Dictionary<string, SourceInfo> ReadReadme(string path)
    {
        if (!File.Exists(path)) throw new GeneratorException($"{path} not found (it names the edition of each table)");
        var result = new Dictionary<string, SourceInfo>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal)) continue;
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            // "| a | b | c | d | e |" splits into 7 cells with empty first and last.
            if (cells.Length < 6 || !cells[1].EndsWith(".tsv", StringComparison.Ordinal)) continue;
            if (!int.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rows)) continue;
            var editionText = cells[4].Replace("**", "", StringComparison.Ordinal);
            var m = EditionPattern().Match(editionText);
            result[cells[1]] = new SourceInfo(cells[1], rows, cells[3].Replace("**", "", StringComparison.Ordinal), editionText, m.Success ? m.Value : editionText);
        }
        return result;
    }

    [GeneratedRegex(@"\b\d{4}[a-e]\b", RegexOptions.CultureInvariant)]
    private static partial Regex EditionPattern();

    private TsvTable Load(string file)
    {
        var table = TsvTable.Read(Path.Combine(_standardDirectory, file));
        var info = Source(file);
        if (info.Rows != table.Rows.Count)
            throw new GeneratorException($"{file}: {table.Rows.Count} rows, README says {info.Rows}");
        return table;
    }

    private SourceInfo Source(string file) =>
        _sources.TryGetValue(file, out var s) ? s : throw new GeneratorException($"dicom-standard/README.md has no row for {file} (edition unknown)");

    private static void Header(CodeWriter w, params SourceInfo[] sources)
    {
        w.Line("// <auto-generated>");
        for (var i = 0; i < sources.Length; i++)
        {
            var s = sources[i];
            w.Line($"// {(i == 0 ? "Generated from" : "           and")} DICOM {s.EditionText}: {s.Table} ({s.File}, {s.Rows} rows)");
        }
        w.Line($"// by {Tool}; do not edit.");
        w.Line("// </auto-generated>");
        w.Line("#pragma warning disable CS1591");
    }

    // ---------------------------------------------------------------- PS3.6 data dictionary

    private GeneratedFile GenerateDictionary(TsvTable t)
    {
        int cTag = t.Column("tag"), cKeyword = t.Column("keyword"), cName = t.Column("name"), cVr = t.Column("vr"),
            cVm = t.Column("vm"), cRetired = t.Column("retired");
        var rows = new List<(uint Tag, uint Mask, string[] Cells, string[] VRs)>(t.Rows.Count);
        var seen = new HashSet<(uint, uint)>();
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            var (tag, mask) = ParseTagPattern(r[cTag], t.FileName, i);
            if (!seen.Add((tag, mask))) throw new GeneratorException($"{t.FileName}:{i + 2}: duplicate tag {r[cTag]}");
            rows.Add((tag, mask, r, ParseVRs(r[cVr], t.FileName, i)));
        }
        // Stable order independent of row order in the file: by tag, then the plainest mask first.
        rows.Sort((a, b) => a.Tag != b.Tag ? a.Tag.CompareTo(b.Tag) : b.Mask.CompareTo(a.Mask));

        var src = Source(t.FileName);
        var w = new CodeWriter();
        Header(w, src);
        w.Line("using System;");
        w.Line("using System.Collections.Generic;");
        w.Line();
        w.Line("namespace DicomDeid.Dicom;");
        w.Line();
        w.Line("// The rows are kept as text and parsed once: a static array of 5000+ constructor calls costs over 100 ms of JIT");
        w.Line("// at first use, the parse a few milliseconds.");
        w.Line("internal static class DicomDictionaryData");
        w.Line("{");
        w.Line($"    public const string Edition = {Lit(src.Edition)};");
        w.Line();
        w.Line("    public static readonly DicomDictionaryEntry[] Entries = Parse(Table);");
        w.Line();
        foreach (var line in DictionaryParser) w.Line(line);
        w.Line();
        w.Line("    // tag (x = any nibble), keyword, name, VR (\"OB or OW\" = either), VM, retired (Y/N); tab-separated, one row a line.");
        w.Line("    private const string Table = \"\"\"");
        foreach (var (_, _, r, _) in rows)
        {
            var fields = new[] { r[cTag], r[cKeyword], r[cName], r[cVr], r[cVm], YesNo(r[cRetired], t.FileName) ? "Y" : "N" };
            foreach (var f in fields)
                if (f.Contains("\"\"\"", StringComparison.Ordinal) || f.Any(char.IsControl))
                    throw new GeneratorException($"{t.FileName}: {r[cTag]} has a cell that cannot go into the text table");
            w.Line("        " + string.Join("\t", fields));
        }
        w.Line("        \"\"\";");
        w.Line("}");
        return new GeneratedFile(DictionaryFolder + "/DicomDictionaryData.g.cs", w.ToString());
    }

    private static readonly string[] DictionaryParser =
    {
        "    private static DicomDictionaryEntry[] Parse(string table)",
        "    {",
        "        var entries = new List<DicomDictionaryEntry>(" + "5400" + ");",
        "        var vrSets = new Dictionary<string, DicomVR[]>(StringComparer.Ordinal);",
        "        var fields = new string[6];",
        "        var pos = 0;",
        "        while (pos < table.Length)",
        "        {",
        "            var end = table.IndexOf('\\n', pos);",
        "            if (end < 0) end = table.Length;",
        "            var lineEnd = end > pos && table[end - 1] == '\\r' ? end - 1 : end; // CRLF checkouts",
        "            var n = 0;",
        "            var start = pos;",
        "            var lineStart = pos;",
        "            for (var i = pos; i <= lineEnd && n < fields.Length; i++)",
        "            {",
        "                if (i == lineEnd || table[i] == '\\t') { fields[n++] = table.Substring(start, i - start); start = i + 1; }",
        "            }",
        "            pos = end + 1;",
        "            if (n != fields.Length) throw new InvalidOperationException(\"Malformed generated dictionary row: \" + table.Substring(lineStart, lineEnd - lineStart));",
        "            uint tag = 0, mask = 0;",
        "            var t = fields[0];",
        "            for (var i = 1; i < 10; i++)",
        "            {",
        "                if (i == 5) continue;",
        "                tag <<= 4;",
        "                mask <<= 4;",
        "                var c = t[i];",
        "                if (c == 'x') continue;",
        "                tag |= (uint)(c <= '9' ? c - '0' : c - 'A' + 10);",
        "                mask |= 0xF;",
        "            }",
        "            if (!vrSets.TryGetValue(fields[3], out var vrs))",
        "            {",
        "                if (fields[3].Length == 0) vrs = new DicomVR[0];",
        "                else",
        "                {",
        "                    var names = fields[3].Split(new[] { \" or \" }, StringSplitOptions.None);",
        "                    vrs = new DicomVR[names.Length];",
        "                    for (var i = 0; i < names.Length; i++) vrs[i] = (DicomVR)Enum.Parse(typeof(DicomVR), names[i]);",
        "                }",
        "                vrSets[fields[3]] = vrs;",
        "            }",
        "            entries.Add(new DicomDictionaryEntry(tag, mask, fields[1], fields[2], vrs, fields[4], fields[5] == \"Y\"));",
        "        }",
        "        return entries.ToArray();",
        "    }",
    };

    private static string[] ParseVRs(string cell, string file, int row)
    {
        if (cell.Length == 0) return Array.Empty<string>();
        var vrs = cell.Split(" or ", StringSplitOptions.None);
        foreach (var v in vrs)
            if (!KnownVRs.Contains(v)) throw new GeneratorException($"{file}:{row + 2}: unknown VR '{v}' in '{cell}'");
        return vrs;
    }

    /// <summary>
    /// Parses <c>(gggg,eeee)</c> where any nibble may be a lower-case <c>x</c> (PS3.6 repeating groups): the tag has the
    /// x nibbles zero and the mask has 0 in their bits, so <c>(t &amp; mask) == tag</c> matches.
    /// </summary>
    internal static (uint Tag, uint Mask) ParseTagPattern(string text, string file, int row)
    {
        if (text.Length != 11 || text[0] != '(' || text[5] != ',' || text[10] != ')')
            throw new GeneratorException($"{file}:{row + 2}: '{text}' is not a (gggg,eeee) tag");
        uint tag = 0, mask = 0;
        foreach (var ch in text.AsSpan(1, 4).ToString() + text.AsSpan(6, 4).ToString())
        {
            tag <<= 4;
            mask <<= 4;
            if (ch == 'x') continue;
            var nibble = HexValue(ch);
            if (nibble < 0) throw new GeneratorException($"{file}:{row + 2}: '{text}' has a character that is neither hex nor x");
            tag |= (uint)nibble;
            mask |= 0xF;
        }
        return (tag, mask);
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    // ---------------------------------------------------------------- PS3.6 UID registry (Tables A-1, A-2)

    private GeneratedFile GenerateUidRegistry(TsvTable uids, TsvTable frames)
    {
        int cUid = uids.Column("uid"), cName = uids.Column("name"), cKeyword = uids.Column("keyword"), cType = uids.Column("type"),
            cRetired = uids.Column("retired");
        var entries = new List<(string Uid, string Name, string Keyword, string Type, bool Retired)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in uids.Rows)
        {
            if (!seen.Add(r[cUid])) throw new GeneratorException($"{uids.FileName}: duplicate UID {r[cUid]}");
            entries.Add((r[cUid], r[cName], r[cKeyword], r[cType], YesNo(r[cRetired], uids.FileName)));
        }
        int fUid = frames.Column("uid"), fName = frames.Column("name"), fKeyword = frames.Column("keyword");
        foreach (var r in frames.Rows)
        {
            // Table A-2 rows are usually also in A-1's transcription; add the ones that are not, never twice.
            if (seen.Add(r[fUid])) entries.Add((r[fUid], r[fName], r[fKeyword], WellKnownFrameOfReference, false));
        }

        var w = new CodeWriter();
        Header(w, Source(uids.FileName), Source(frames.FileName));
        w.Line("namespace DicomDeid.Dicom;");
        w.Line();
        w.Line("internal static class DicomUidRegistryData");
        w.Line("{");
        w.Line($"    public const string Edition = {Lit(Source(uids.FileName).Edition)};");
        w.Line();
        w.Line("    public static readonly DicomUidInfo[] Entries =");
        w.Line("    {");
        foreach (var e in entries)
            w.Line($"        new({Lit(e.Uid)}, {Lit(e.Name)}, {Lit(e.Keyword)}, {Lit(e.Type)}, {Bool(e.Retired)}),");
        w.Line("    };");
        w.Line("}");
        return new GeneratedFile(DictionaryFolder + "/DicomUidRegistryData.g.cs", w.ToString());
    }

    private const string WellKnownFrameOfReference = "Well-known frame of reference";

    // ---------------------------------------------------------------- transfer syntaxes (PS3.6 Table A-1 rows, PS3.5 rules)

    /// <summary>The rules by which each Transfer Syntax row of the registry gets its encoding flags (PS3.5 Section 10, Annex A).</summary>
    internal static readonly string[] TransferSyntaxRules =
    {
        "Implicit VR: Implicit VR Little Endian (1.2.840.10008.1.2) and any syntax whose name says \"Implicit VR\" (Papyrus 3); all others are explicit VR.",
        "Big endian: only a name that says \"Big Endian\" (1.2.840.10008.1.2.2, retired).",
        "Deflated data set (PS3.5 A.5, A.7, A.12): Deflated Explicit VR Little Endian and the JPIP Referenced Deflate syntaxes",
        "  (keyword ending in \"Deflate\"). Deflated Image Frame Compression deflates frames, not the data set: encapsulated instead.",
        "Encapsulated pixel data: every syntax except the native ones (1.2.840.10008.1.2, .1.2.1, .1.2.1.99, .1.2.2, Papyrus 3",
        "  implicit), the JPIP Referenced ones (pixels are fetched from Pixel Data Provider URL, the data set has none), the SMPTE",
        "  ST 2110 ones (DICOM-RTV: pixels and audio travel outside the data set) and the retired non-binary encodings RFC 2557",
        "  MIME and XML (1.2.840.10008.1.2.6.x). Encapsulated Uncompressed Explicit VR Little Endian (.1.2.1.98) is encapsulated.",
        "Lossy: an encapsulated syntax whose name does not say \"Lossless\" (Near-Lossless counts as lossy), other than RLE,",
        "  Encapsulated Uncompressed and Deflated Image Frame Compression; i.e. the syntax permits lossy compression.",
        "Unknown UIDs met in files are treated as explicit VR little endian, encapsulated (see DicomTransferSyntax.Lookup).",
    };

    private GeneratedFile GenerateTransferSyntaxes(TsvTable uids)
    {
        int cUid = uids.Column("uid"), cName = uids.Column("name"), cKeyword = uids.Column("keyword"), cType = uids.Column("type"),
            cRetired = uids.Column("retired");
        var w = new CodeWriter();
        var src = Source(uids.FileName);
        Header(w, src);
        w.Line("namespace DicomDeid.Dicom;");
        w.Line();
        w.Line("// Flags derived from the registry row by these rules (tools/DicomDeid.Generator):");
        foreach (var rule in TransferSyntaxRules) w.Line("// " + rule);
        w.Line("internal static class DicomTransferSyntaxData");
        w.Line("{");
        w.Line($"    public const string Edition = {Lit(src.Edition)};");
        w.Line();
        w.Line("    public static DicomTransferSyntax[] Create() => new[]");
        w.Line("    {");
        var count = 0;
        foreach (var r in uids.Rows)
        {
            if (!string.Equals(r[cType], "Transfer Syntax", StringComparison.Ordinal)) continue;
            var f = DeriveFlags(r[cUid], r[cName], r[cKeyword]);
            w.Line($"        new DicomTransferSyntax({Lit(r[cUid])}, {Lit(r[cName])}, {Lit(r[cKeyword])}, explicitVR: {Bool(f.ExplicitVR)}, bigEndian: {Bool(f.BigEndian)}, deflated: {Bool(f.Deflated)}, encapsulated: {Bool(f.Encapsulated)}, lossy: {Bool(f.Lossy)}, retired: {Bool(YesNo(r[cRetired], uids.FileName))}),");
            count++;
        }
        if (count == 0) throw new GeneratorException($"{uids.FileName}: no Transfer Syntax rows");
        w.Line("    };");
        w.Line("}");
        return new GeneratedFile(DictionaryFolder + "/DicomTransferSyntaxData.g.cs", w.ToString());
    }

    internal static (bool ExplicitVR, bool BigEndian, bool Deflated, bool Encapsulated, bool Lossy) DeriveFlags(string uid, string name, string keyword)
    {
        var implicitVR = string.Equals(uid, "1.2.840.10008.1.2", StringComparison.Ordinal) || name.Contains("Implicit VR", StringComparison.Ordinal);
        var bigEndian = name.Contains("Big Endian", StringComparison.Ordinal);
        var deflated = string.Equals(uid, "1.2.840.10008.1.2.1.99", StringComparison.Ordinal)
            || (keyword.StartsWith("JPIP", StringComparison.Ordinal) && keyword.EndsWith("Deflate", StringComparison.Ordinal));
        var native = uid is "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2.1.99" or "1.2.840.10008.1.2.2" || implicitVR;
        var noPixelData = keyword.StartsWith("JPIP", StringComparison.Ordinal)
            || keyword.StartsWith("SMPTEST2110", StringComparison.Ordinal)
            || uid.StartsWith("1.2.840.10008.1.2.6.", StringComparison.Ordinal);
        var encapsulated = !native && !noPixelData;
        var lossless = (name.Contains("Lossless", StringComparison.Ordinal) && !name.Contains("Near-Lossless", StringComparison.Ordinal))
            || keyword is "RLELossless" or "EncapsulatedUncompressedExplicitVRLittleEndian" or "DeflatedImageFrameCompression";
        return (!implicitVR, bigEndian, deflated, encapsulated, encapsulated && !lossless);
    }

    // ---------------------------------------------------------------- PS3.3 C.12.1.1.2 character sets

    private GeneratedFile GenerateCharacterSets(TsvTable t)
    {
        int cTerm = t.Column("defined_term"), cTable = t.Column("ps3_3_table"), cDescription = t.Column("description"),
            cExtensions = t.Column("code_extensions"), cElement = t.Column("code_element"), cIso = t.Column("iso_registration"),
            cEscape = t.Column("escape_sequence"), cBytes = t.Column("escape_bytes_hex"), cCharset = t.Column("character_set"),
            cHint = t.Column("dotnet_codepage_hint"), cNotes = t.Column("notes");
        var src = Source(t.FileName);
        var w = new CodeWriter();
        Header(w, src);
        w.Line("namespace DicomDeid.Dicom;");
        w.Line();
        w.Line("// Rows in published order (ISO_IR 13 appears twice: its G1 Katakana and G0 Romaji parts). CodePageHint is the");
        w.Line("// leading number of dotnet_codepage_hint, which is NOT from the standard (a suggested .NET code page; 0 = none).");
        w.Line("internal static class DicomCharacterSetData");
        w.Line("{");
        w.Line($"    public const string Edition = {Lit(src.Edition)};");
        w.Line();
        w.Line("    internal sealed class Row");
        w.Line("    {");
        w.Line("        public Row(string definedTerm, string table, string description, bool codeExtensions, string codeElement, string isoRegistration,");
        w.Line("            string escapeSequence, byte[] escapeBytes, string characterSet, int codePageHint, string codePageHintText, string notes)");
        w.Line("        {");
        foreach (var (field, param) in new[] { ("DefinedTerm", "definedTerm"), ("Table", "table"), ("Description", "description"),
                     ("CodeExtensions", "codeExtensions"), ("CodeElement", "codeElement"), ("IsoRegistration", "isoRegistration"),
                     ("EscapeSequence", "escapeSequence"), ("EscapeBytes", "escapeBytes"), ("CharacterSet", "characterSet"),
                     ("CodePageHint", "codePageHint"), ("CodePageHintText", "codePageHintText"), ("Notes", "notes") })
            w.Line($"            {field} = {param};");
        w.Line("        }");
        w.Line();
        w.Line("        public string DefinedTerm { get; }      // value of (0008,0005); \"\" = default repertoire");
        w.Line("        public string Table { get; }            // PS3.3 table, e.g. C.12-3");
        w.Line("        public string Description { get; }");
        w.Line("        public bool CodeExtensions { get; }     // ISO 2022 code extensions used");
        w.Line("        public string CodeElement { get; }      // G0, G1 or \"\"");
        w.Line("        public string IsoRegistration { get; }  // e.g. ISO-IR 100");
        w.Line("        public string EscapeSequence { get; }   // ESC col/row notation as published");
        w.Line("        public byte[] EscapeBytes { get; }      // the escape sequence bytes (empty when none)");
        w.Line("        public string CharacterSet { get; }");
        w.Line("        public int CodePageHint { get; }");
        w.Line("        public string CodePageHintText { get; }");
        w.Line("        public string Notes { get; }");
        w.Line("    }");
        w.Line();
        w.Line("    public static readonly Row[] Rows =");
        w.Line("    {");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            var bytes = r[cBytes].Length == 0 ? Array.Empty<string>() : r[cBytes].Split(' ');
            foreach (var b in bytes)
                if (b.Length != 2 || HexValue(b[0]) < 0 || HexValue(b[1]) < 0)
                    throw new GeneratorException($"{t.FileName}:{i + 2}: '{r[cBytes]}' is not hex bytes");
            var byteList = bytes.Length == 0 ? "System.Array.Empty<byte>()" : "new byte[] { " + string.Join(", ", bytes.Select(b => "0x" + b.ToUpperInvariant())) + " }";
            var m = LeadingNumber().Match(r[cHint]);
            var codePage = m.Success ? int.Parse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            w.Line($"        new({Lit(r[cTerm])}, {Lit(r[cTable])}, {Lit(r[cDescription])}, {Bool(YesNo(r[cExtensions], t.FileName))}, {Lit(r[cElement])}, {Lit(r[cIso])}, {Lit(r[cEscape])}, {byteList}, {Lit(r[cCharset])}, {codePage.ToString(CultureInfo.InvariantCulture)}, {Lit(r[cHint])}, {Lit(r[cNotes])}),");
        }
        w.Line("    };");
        w.Line("}");
        return new GeneratedFile(DictionaryFolder + "/DicomCharacterSetData.g.cs", w.ToString());
    }

    [GeneratedRegex(@"^\d+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    // ---------------------------------------------------------------- PS3.15 Table E.1-1

    private static readonly (string Column, string Property)[] ProfileColumns =
    {
        ("basic_profile", "Basic"),
        ("retain_safe_private", "RetainSafePrivate"),
        ("retain_uids", "RetainUids"),
        ("retain_device_identity", "RetainDeviceIdentity"),
        ("retain_institution_identity", "RetainInstitutionIdentity"),
        ("retain_patient_characteristics", "RetainPatientCharacteristics"),
        ("retain_long_full_dates", "RetainLongFullDates"),
        ("retain_long_modified_dates", "RetainLongModifiedDates"),
        ("clean_descriptors", "CleanDescriptors"),
        ("clean_structured_content", "CleanStructuredContent"),
        ("clean_graphics", "CleanGraphics"),
    };

    private GeneratedFile GenerateConfidentialityProfile(TsvTable t)
    {
        int cTag = t.Column("tag"), cName = t.Column("attribute_name"), cKeyword = t.Column("keyword"), cRetired = t.Column("retired"),
            cIod = t.Column("in_std_comp_iod");
        var actionColumns = ProfileColumns.Select(c => t.Column(c.Column)).ToArray();
        var src = Source(t.FileName);
        var w = new CodeWriter();
        BeginProfileTableClass(w, src, "PS3.15 Table E.1-1 (Basic Application Level Confidentiality Profile and its options), in published order.", "ConfidentialityProfileTable", "PS3.15 the table");
        w.Line();
        w.Line("    /// <summary>Every row; cells exactly as published (\"\" = no entry).</summary>");
        w.Line("    public static IReadOnlyList<ConfidentialityProfileRow> Rows { get; } = Array.AsReadOnly(new ConfidentialityProfileRow[]");
        w.Line("    {");
        w.Line("        // pattern, tag, mask, private-group rule, name, keyword, retired, in std IOD, " + string.Join(", ", ProfileColumns.Select(c => c.Property)));
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            var pattern = r[cTag];
            uint tag, mask;
            var privateRule = false;
            if (pattern.StartsWith("(gggg,eeee)", StringComparison.Ordinal) && pattern.EndsWith("odd", StringComparison.Ordinal))
            {
                // All private attributes: the odd groups, i.e. bit 16 set.
                (tag, mask, privateRule) = (0x00010000u, 0x00010000u, true);
            }
            else
            {
                (tag, mask) = ParseTagPattern(pattern, t.FileName, i);
            }
            var cells = actionColumns.Select(c => Lit(ValidateAction(r[c], t.FileName, i)));
            w.Line($"        new({Lit(pattern)}, {Hex(tag)}, {Hex(mask)}, {Bool(privateRule)}, {Lit(r[cName])}, {Lit(r[cKeyword])}, {Bool(YesNo(r[cRetired], t.FileName))}, {Bool(YesNo(r[cIod], t.FileName))}, {string.Join(", ", cells)}),");
        }
        w.Line("    });");
        w.Line("}");
        return new GeneratedFile(ProfileFolder + "/ConfidentialityProfileTable.g.cs", w.ToString());
    }

    // The opening every PS3.15/PS3.16 table file shares: header, usings, namespace, class and its Edition constant.
    private static void BeginProfileTableClass(CodeWriter w, SourceInfo src, string summary, string className, string editionOf)
    {
        Header(w, src);
        w.Line("using System;");
        w.Line("using System.Collections.Generic;");
        w.Line();
        w.Line("namespace DicomDeid.Engine.Profiles;");
        w.Line();
        w.Line("/// <summary>" + summary + "</summary>");
        w.Line("public static class " + className);
        w.Line("{");
        w.Line("    /// <summary>The edition of " + editionOf + " was generated from.</summary>");
        w.Line($"    public const string Edition = {Lit(src.Edition)};");
    }

    private static readonly HashSet<string> KnownActions = new(StringComparer.Ordinal)
    {
        "", "D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*",
    };

    private static string ValidateAction(string cell, string file, int row) =>
        KnownActions.Contains(cell) ? cell : throw new GeneratorException($"{file}:{row + 2}: unknown action code '{cell}'");

    // ---------------------------------------------------------------- PS3.15 Table E.1-1a

    private GeneratedFile GenerateActionCodes(TsvTable t)
    {
        int cCode = t.Column("code"), cDescription = t.Column("description");
        var src = Source(t.FileName);
        var w = new CodeWriter();
        BeginProfileTableClass(w, src, "PS3.15 Table E.1-1a: the meaning of each action code of Table E.1-1.", "ConfidentialityActionCodes", "PS3.15 the table");
        w.Line();
        w.Line("    /// <summary>Every action code with its published description.</summary>");
        w.Line("    public static IReadOnlyList<ConfidentialityActionCode> Rows { get; } = Array.AsReadOnly(new ConfidentialityActionCode[]");
        w.Line("    {");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            w.Line($"        new({Lit(ValidateAction(r[cCode], t.FileName, i))}, {Lit(r[cDescription])}),");
        }
        w.Line("    });");
        w.Line("}");
        return new GeneratedFile(ProfileFolder + "/ConfidentialityActionCodes.g.cs", w.ToString());
    }

    // ---------------------------------------------------------------- PS3.15 Table E.3.10-1

    private GeneratedFile GenerateSafePrivate(TsvTable t)
    {
        int cTag = t.Column("tag"), cCreator = t.Column("private_creator"), cVr = t.Column("vr"), cVm = t.Column("vm"),
            cMeaning = t.Column("meaning");
        var src = Source(t.FileName);
        var w = new CodeWriter();
        BeginProfileTableClass(w, src, "PS3.15 Table E.3.10-1: private attributes known to be safe from identity, in published order.", "SafePrivateAttributeTable", "PS3.15 the table");
        w.Line();
        w.Line("    /// <summary>Every row: (gggg,xxee) with its private creator.</summary>");
        w.Line("    public static IReadOnlyList<SafePrivateAttributeRow> Rows { get; } = Array.AsReadOnly(new SafePrivateAttributeRow[]");
        w.Line("    {");
        w.Line("        // group, element offset (ee of (gggg,xxee)), private creator, VR, VM, meaning");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            var (tag, mask) = ParseTagPattern(r[cTag], t.FileName, i);
            if (mask != 0xFFFF00FF || (tag & 0x10000) == 0)
                throw new GeneratorException($"{t.FileName}:{i + 2}: '{r[cTag]}' is not an odd-group (gggg,xxee) pattern");
            // VR cells stay as published ("OW/OB" appears); the engine keeps the element's own VR anyway.
            w.Line($"        new(0x{tag >> 16:X4}, 0x{tag & 0xFF:X2}, {Lit(r[cCreator])}, {Lit(r[cVr])}, {Lit(r[cVm])}, {Lit(r[cMeaning])}),");
        }
        w.Line("    });");
        w.Line("}");
        return new GeneratedFile(ProfileFolder + "/SafePrivateAttributeTable.g.cs", w.ToString());
    }

    // ---------------------------------------------------------------- PS3.16 CID 7050

    private GeneratedFile GenerateMethodCodes(TsvTable t)
    {
        int cScheme = t.Column("coding_scheme_designator"), cValue = t.Column("code_value"), cMeaning = t.Column("code_meaning");
        var src = Source(t.FileName);
        var w = new CodeWriter();
        BeginProfileTableClass(w, src, "PS3.16 CID 7050 De-identification Method: the codes for De-identification Method Code Sequence (0012,0064).", "DeidentificationMethodCodes", "PS3.16 the context group");
        w.Line();
        w.Line("    /// <summary>Every code, in published order.</summary>");
        w.Line("    public static IReadOnlyList<DeidMethodCode> Rows { get; } = Array.AsReadOnly(new DeidMethodCode[]");
        w.Line("    {");
        foreach (var r in t.Rows)
            w.Line($"        new({Lit(r[cScheme])}, {Lit(r[cValue])}, {Lit(r[cMeaning])}),");
        w.Line("    });");
        w.Line("}");
        return new GeneratedFile(ProfileFolder + "/DeidentificationMethodCodes.g.cs", w.ToString());
    }

    // ---------------------------------------------------------------- helpers

    private static bool YesNo(string cell, string file) => cell switch
    {
        "Y" => true,
        "N" => false,
        _ => throw new GeneratorException($"{file}: '{cell}' where Y or N was expected"),
    };

    private static string Hex(uint v) => "0x" + v.ToString("X8", CultureInfo.InvariantCulture);

    private static string Bool(bool b) => b ? "true" : "false";

    /// <summary>A C# string literal; non-ASCII and control characters escaped so the file is plain ASCII.</summary>
    internal static string Lit(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c > 0x7E) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    private sealed class CodeWriter
    {
        private readonly StringBuilder _sb = new();

        public void Line(string text = "")
        {
            _sb.Append(text.TrimEnd());
            _sb.Append('\n');
        }

        public override string ToString() => _sb.ToString();
    }
}
