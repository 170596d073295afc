using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using DicomDeid.Dicom.IO;
using Xunit;
using Xunit.Sdk;

namespace DicomDeid.Dicom.Tests.IO;

/// <summary>
/// Every readable corpus file agrees with dcmtk's dcmdump (<c>-q +L -Un +Qo</c>: quiet, long values in full, UIDs as
/// numbers, non-ASCII bytes quoted as octal) on the tag, VR, value and length of every element, file meta information,
/// sequences at every depth and encapsulated fragments included.
/// </summary>
/// <remarks>
/// Justified normalisations, nothing else:
/// <list type="bullet">
/// <item>Text is compared as raw bytes (dcmdump +Qo prints bytes, not decoded characters), so character sets do not matter here.</item>
/// <item>For private tags in implicit VR files dcmdump takes the VR from its private dictionary; we have UN (the
/// standard has no private dictionary). There the VR is not compared and our bytes are formatted with dcmdump's VR.</item>
/// <item>dcmdump prints "??" for implicit elements it does not know; that is our UN. It prints "up" for the UL offsets
/// of DICOMDIR records, and keeps the ambiguous dictionary VRs xs/lt/ox in implicit files where we resolve them.</item>
/// <item>dcmtk pads an odd-length value when loading it (length + 1); we compare with our value padded as our writer pads it.</item>
/// <item>Floating-point values are compared as numbers (dcmdump prints them with printf precision).</item>
/// <item>Item and delimiter lines are not compared one by one; the item count is part of each sequence's value.</item>
/// </list>
/// </remarks>
public class DcmdumpAgreementTests
{
    private static readonly Regex Line = new(@"^(?<indent> *)\((?<g>[0-9a-f]{4}),(?<e>[0-9a-f]{4})\) (?<vr>\S\S) (?<value>.*?) *# *(?<len>u/l|\d+), *(?<vm>\d+) (?<name>.+)$", RegexOptions.CultureInvariant);

    private sealed record Entry(int Depth, uint Tag, string VR, string Value, string Length);

    [Theory]
    [MemberData(nameof(Corpus.ReadableData), MemberType = typeof(Corpus))]
    public void AgreesWithDcmdump(string relative) => AssertAgrees(Corpus.PathOf(relative), relative);

    /// <summary>Compares our reading of <paramref name="path"/> with dcmdump's, element by element.</summary>
    internal static void AssertAgrees(string path, string relative, params string[] extraArguments)
    {
        var theirs = RunDcmdump(path, extraArguments);
        // Read through a MemoryStream so that every value is in memory (dcmdump +L loads everything too).
        var file = DicomFileReader.Read(new MemoryStream(File.ReadAllBytes(path)), relative);
        var ours = new List<(Entry Entry, DicomElement? Element)>();
        foreach (var e in file.FileMetaInformation) Add(ours, e, 0);
        foreach (var w in DicomDatasetWalker.Walk(file.Dataset)) Add(ours, w.Element, w.Depth);

        var explicitVR = file.TransferSyntax.IsExplicitVR;
        var problems = new List<string>();
        var n = Math.Max(theirs.Count, ours.Count);
        for (var i = 0; i < n && problems.Count < 10; i++)
        {
            if (i >= theirs.Count) { problems.Add($"#{i}: extra element of ours {Show(ours[i].Entry)}"); break; }
            if (i >= ours.Count) { problems.Add($"#{i}: dcmdump has {Show(theirs[i])} that we lack"); break; }
            var t = theirs[i];
            var (o, element) = ours[i];
            if (t.Tag != o.Tag || t.Depth != o.Depth) { problems.Add($"#{i}: dcmdump {Show(t)} vs ours {Show(o)}"); break; }
            var ourValue = o.Value;
            var tag = new DicomTag(t.Tag);
            var vrComparable = explicitVR || !tag.IsPrivate || tag.IsPrivateCreator || t.VR == "SQ";
            if (!vrComparable && element is not null && o.VR == "UN" && t.VR != "??" && t.VR != "UN" && DicomVRInfo.TryParse((byte)t.VR[0], (byte)t.VR[1], out var theirVR))
                ourValue = DicomValueFormatter.FormatDcmdump(new DicomElement(element.Tag, theirVR, element.Value));
            // dcmtk pads an odd-length value when it loads it (and shows length + 1); our writer pads the same way.
            if (element is not null && element.Value.Length % 2 == 1 && t.Length == (element.Value.Length + 1).ToString(CultureInfo.InvariantCulture))
            {
                o = o with { Length = t.Length };
                var padded = DicomElement.PadEven(element.Value.GetBytes(), element.VR.PaddingByte());
                ourValue = DicomValueFormatter.FormatDcmdump(new DicomElement(element.Tag, vrComparable ? element.VR : ParseVR(t.VR, element.VR), new DicomValue(padded)));
            }
            // "up" is dcmtk's name for the UL offsets of DICOMDIR records; "??" an implicit element it does not know.
            var theirVrNorm = t.VR switch { "??" => "UN", "up" => "UL", _ => t.VR };
            // dcmtk keeps some ambiguous dictionary VRs in implicit files: xs = US or SS, lt = US, SS or OW, ox = OB or OW.
            var ambiguousOk = theirVrNorm switch
            {
                "xs" => o.VR is "US" or "SS",
                "lt" => o.VR is "US" or "SS" or "OW",
                "ox" => o.VR is "OB" or "OW",
                _ => false,
            };
            if (vrComparable && !ambiguousOk && theirVrNorm != o.VR) problems.Add($"#{i} {tag}: VR {t.VR} vs ours {o.VR}");
            if (t.Length != o.Length) problems.Add($"#{i} {tag}: length {t.Length} vs ours {o.Length}");
            if (!ValuesAgree(t.VR == "??" ? o.VR : t.VR, t.Value, ourValue))
                problems.Add($"#{i} {tag} {t.VR}: value {Cut(t.Value)} vs ours {Cut(ourValue)}");
        }
        if (problems.Count > 0) throw new XunitException(relative + ":\n" + string.Join("\n", problems));
    }

    private static void Add(List<(Entry, DicomElement?)> list, DicomElement e, int depth)
    {
        var length = e is DicomSequence s ? (s.UndefinedLength ? "u/l" : s.EncodedLength.ToString(CultureInfo.InvariantCulture))
            : e is DicomFragmentSequence ? "u/l" : e.Value.Length.ToString(CultureInfo.InvariantCulture);
        list.Add((new Entry(depth, e.Tag.Value, e.VR.Code(), DicomValueFormatter.FormatDcmdump(e), length), e));
        if (e is DicomFragmentSequence f)
        {
            list.Add((new Entry(depth + 1, 0xFFFEE000, "pi", Fragment(f.OffsetTable), f.OffsetTable.Length.ToString(CultureInfo.InvariantCulture)), null));
            foreach (var v in f.Fragments)
                list.Add((new Entry(depth + 1, 0xFFFEE000, "pi", Fragment(v), v.Length.ToString(CultureInfo.InvariantCulture)), null));
        }
    }

    private static DicomVR ParseVR(string vr, DicomVR fallback) =>
        vr.Length == 2 && DicomVRInfo.TryParse((byte)vr[0], (byte)vr[1], out var v) ? v : fallback;

    private static string Fragment(DicomValue v) => DicomValueFormatter.FormatDcmdump(new DicomElement(DicomTag.Item, DicomVR.OB, v));

    private static bool ValuesAgree(string vr, string theirs, string ours)
    {
        if (string.Equals(theirs, ours, StringComparison.Ordinal)) return true;
        if (vr is "FL" or "FD" or "OF" or "OD")
        {
            var a = theirs.Split('\\');
            var b = ours.Split('\\');
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++)
            {
                if (!double.TryParse(a[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ||
                    !double.TryParse(b[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)) return false;
                var tol = vr is "FL" or "OF" ? 1e-6 : 1e-14;
                if (!(x == y || Math.Abs(x - y) <= tol * Math.Max(Math.Abs(x), Math.Abs(y)) || (double.IsNaN(x) && double.IsNaN(y)))) return false;
            }
            return true;
        }
        return false;
    }

    private static string Show(Entry e) => $"{new DicomTag(e.Tag)} {e.VR} depth {e.Depth} {Cut(e.Value)}";

    private static string Cut(string s) => s.Length > 100 ? s.Substring(0, 100) + "..." : s;

    private static List<Entry> RunDcmdump(string path, string[] extraArguments)
    {
        var psi = new ProcessStartInfo("dcmdump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.Latin1,
        };
        foreach (var a in new[] { "-q", "+L", "-Un", "+Qo" }) psi.ArgumentList.Add(a);
        foreach (var a in extraArguments) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(path);
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new InvalidOperationException("dcmdump did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new XunitException("dcmdump (dcmtk) is required for this test and was not found on PATH: " + ex.Message);
        }
        var errTask = p.StandardError.ReadToEndAsync();
        var list = new List<Entry>();
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null)
        {
            var m = Line.Match(line);
            if (!m.Success) continue;
            var tag = uint.Parse(m.Groups["g"].Value + m.Groups["e"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var vr = m.Groups["vr"].Value;
            if ((tag >> 16) == 0xFFFE && vr != "pi") continue; // items and delimiters (and dcmtk's "for re-encoding" lines)
            list.Add(new Entry((m.Groups["indent"].Value.Length + 2) / 4, tag, vr, m.Groups["value"].Value, m.Groups["len"].Value));
        }
        p.WaitForExit();
        if (p.ExitCode != 0) throw new XunitException($"dcmdump failed on {path} (exit {p.ExitCode}): {errTask.Result}");
        return list;
    }
}
