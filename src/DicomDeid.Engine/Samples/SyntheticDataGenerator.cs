using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;

namespace DicomDeid.Engine.Samples;

/// <summary>
/// Writes seeded sets of synthetic DICOM files laden with FAKE identity (patients → studies → series), for users
/// to rehearse a de-identification pipeline and for the benchmarks. The same seed and options give byte-identical
/// files. Pixel data is computed while it is written, so file size does not cost memory.
/// </summary>
/// <remarks>
/// What every set carries: Patient*, Other Patient IDs Sequence, physicians, institution name and address, station,
/// device serial, accession, descriptions with names in them, dates and times spread over years, Request Attributes
/// Sequence with nested identifiers, Referenced Image/SOP sequences pointing at other instances of the same study,
/// Frame of Reference, private blocks of several creators (some entries that PS3.15 Table E.3.10-1 lists as safe,
/// others carrying names), overlays with label and description text (CT), Enhanced MR multi-frame with per-frame
/// functional groups, US RGB single- and multi-frame with text burned into a known rectangle and Burned In
/// Annotation YES, an SR document with identity in TEXT and PNAME items, and patients in ISO_IR 100 and ISO_IR 192.
/// UIDs are under the unregistered root 1.2.999.1 so they are visibly synthetic.
/// </remarks>
public sealed class SyntheticDataGenerator
{
    /// <summary>The root of every UID the generator makes (unregistered; visibly synthetic).</summary>
    public const string UidRoot = "1.2.999.1";

    internal const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    internal const string EnhancedMrImageStorage = "1.2.840.10008.5.1.4.1.1.4.1";
    internal const string UsImageStorage = "1.2.840.10008.5.1.4.1.1.6.1";
    internal const string UsMultiFrameImageStorage = "1.2.840.10008.5.1.4.1.1.3.1";
    internal const string BasicTextSrStorage = "1.2.840.10008.5.1.4.1.1.88.11";
    internal const string ExplicitVrLittleEndian = "1.2.840.10008.1.2.1";
    internal const string ImplementationClassUid = UidRoot + ".0.1";

    private readonly SampleSetOptions _options;
    private readonly ulong _seed;
    private readonly string[] _imageModalities;
    private readonly bool _withSr;
    private readonly Func<DicomFile, string, bool>? _writeHook;

    /// <summary>Creates a generator for <paramref name="options"/> (validated).</summary>
    public SyntheticDataGenerator(SampleSetOptions options) : this(options, null) { }

    /// <summary>Creates a generator with a custom file writer (returns true when it wrote the file).</summary>
    internal SyntheticDataGenerator(SampleSetOptions options, Func<DicomFile, string, bool>? writeHook)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _seed = (ulong)(uint)options.Seed;
        var images = new List<string>();
        foreach (var m in options.Modalities)
        {
            var u = m.ToUpperInvariant();
            if (u == "SR") _withSr = true; else images.Add(u);
        }
        _imageModalities = images.ToArray();
        _writeHook = writeHook;
    }

    /// <summary>The planned files (relative paths and kinds) without writing anything.</summary>
    public IReadOnlyList<GeneratedSampleFile> Plan()
    {
        var list = new List<GeneratedSampleFile>();
        foreach (var spec in PlanSpecs()) list.Add(Describe(spec));
        return list;
    }

    /// <summary>Writes the set, yielding each file after it is written. Existing files of the same names are replaced.</summary>
    public IEnumerable<GeneratedSampleFile> Generate(CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(_options.OutputPath);
        Directory.CreateDirectory(root);
        foreach (var spec in PlanSpecs())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = Describe(spec);
            var file = Build(spec, info);
            info.Path = Path.Combine(root, info.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            WriteOut(file, info.Path);
            info.Length = new FileInfo(info.Path).Length;
            yield return info;
        }
    }

    /// <summary>Builds the dataset of the <paramref name="index"/>-th planned file in memory (pixel data stays procedural).</summary>
    public DicomFile BuildFile(int index)
    {
        var specs = PlanSpecs();
        var spec = specs[index];
        return Build(spec, Describe(spec));
    }

    /// <summary>
    /// Writes one large Enhanced MR multi-frame file of about <paramref name="targetBytes"/> (512×512×16-bit frames,
    /// per-frame functional groups) with flat memory: pixel bytes are computed while they are copied to the file.
    /// </summary>
    public static GeneratedSampleFile WriteLargeMultiFrame(string path, long targetBytes, int seed = 1)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var frames = (int)Math.Max(1, Math.Min(int.MaxValue / 4, targetBytes / (512L * 512 * 2)));
        var gen = new SyntheticDataGenerator(new SampleSetOptions
        {
            Seed = seed, PatientCount = 1, StudiesPerPatient = 1, SeriesPerStudy = 1, InstancesPerSeries = 1,
            Modalities = new List<string> { "MR" }, SizeProfile = SampleSizeProfile.Realistic,
        });
        var spec = new FileSpec(0, 0, 0, 0, "LARGE-MF") { Frames = frames, Rows = 512, Columns = 512 };
        var info = gen.Describe(spec);
        var file = gen.Build(spec, info);
        info.Path = Path.GetFullPath(path);
        info.RelativePath = Path.GetFileName(path);
        gen.WriteOut(file, info.Path);
        info.Length = new FileInfo(info.Path).Length;
        return info;
    }

    private void WriteOut(DicomFile file, string path)
    {
        if (_writeHook is not null && _writeHook(file, path)) return;
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        // Temporary file + rename like WriteAtomic, without its fsync per file: samples are cheap to regenerate and
        // a sync per file made the Bench corpus several times slower to write.
        var temp = path + ".partial";
        try
        {
            using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
                DicomFileWriter.Write(file, fs);
            if (File.Exists(path)) File.Delete(path);
            File.Move(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    // ---------------------------------------------------------------- plan

    private sealed class FileSpec
    {
        public FileSpec(int patient, int study, int series, int instance, string kind)
        {
            Patient = patient; Study = study; Series = series; Instance = instance; Kind = kind;
        }
        public int Patient { get; }
        public int Study { get; }
        public int Series { get; }
        public int Instance { get; }
        public string Kind { get; }
        public int Frames { get; set; } = 1;
        public int Rows { get; set; }
        public int Columns { get; set; }
        public int SeriesNumber { get; set; }
        public int InstancesInSeries { get; set; }
        public List<FileSpec>? StudyMembers { get; set; }
    }

    private List<FileSpec> PlanSpecs()
    {
        var o = _options;
        var small = o.SizeProfile == SampleSizeProfile.Small;
        var all = new List<FileSpec>();
        for (var p = 0; p < o.PatientCount; p++)
        {
            for (var st = 0; st < o.StudiesPerPatient; st++)
            {
                var members = new List<FileSpec>();
                var modality = _imageModalities[((p * o.StudiesPerPatient) + st) % _imageModalities.Length];
                for (var se = 0; se < o.SeriesPerStudy; se++)
                {
                    var number = se + 1;
                    switch (modality)
                    {
                        case "CT":
                            for (var i = 0; i < o.InstancesPerSeries; i++)
                                members.Add(new FileSpec(p, st, se, i, "CT") { Rows = small ? 128 : 512, Columns = small ? 128 : 512, SeriesNumber = number, InstancesInSeries = o.InstancesPerSeries });
                            break;
                        case "MR":
                            var mrCount = Math.Max(1, o.InstancesPerSeries / 10);
                            for (var i = 0; i < mrCount; i++)
                                members.Add(new FileSpec(p, st, se, i, "MR") { Rows = small ? 64 : 256, Columns = small ? 64 : 256, Frames = small ? 8 : 24, SeriesNumber = number, InstancesInSeries = mrCount });
                            break;
                        default:
                            var usCount = Math.Max(1, o.InstancesPerSeries / 10);
                            for (var i = 0; i < usCount; i++)
                                members.Add(new FileSpec(p, st, se, i, "US") { Rows = small ? 120 : 480, Columns = small ? 160 : 640, SeriesNumber = number, InstancesInSeries = usCount + 1 });
                            members.Add(new FileSpec(p, st, se, usCount, "US-MF") { Rows = small ? 120 : 480, Columns = small ? 160 : 640, Frames = small ? 4 : 10, SeriesNumber = number, InstancesInSeries = usCount + 1 });
                            break;
                    }
                }
                if (_withSr)
                    members.Add(new FileSpec(p, st, o.SeriesPerStudy, 0, "SR") { SeriesNumber = 900, InstancesInSeries = 1 });
                foreach (var m in members) m.StudyMembers = members;
                all.AddRange(members);
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- identity

    private sealed class Patient
    {
        public string Name = string.Empty;
        public string Family = string.Empty;
        public string Given = string.Empty;
        public string Id = string.Empty;
        public string OtherId = string.Empty;
        public string BirthDate = string.Empty;
        public string Sex = "O";
        public string CharacterSet = string.Empty;
        public string Address = string.Empty;
        public string Phone = string.Empty;
        public int BirthYear;
    }

    private Patient GetPatient(int p)
    {
        var r = SampleRandom.For(_seed, 1, p);
        var pt = new Patient();
        var kind = p % 5;
        if (kind == 1)
        {
            var n = r.Pick(FakeIdentity.Latin1Names);
            pt.Family = n[0]; pt.Given = n[1]; pt.Sex = n[2]; pt.CharacterSet = "ISO_IR 100";
            pt.Name = pt.Family + "^" + pt.Given;
        }
        else if (kind == 2)
        {
            var n = r.Pick(FakeIdentity.Utf8Names);
            pt.Name = n[0]; pt.Sex = n[1]; pt.CharacterSet = "ISO_IR 192";
            var alpha = n[0].Split('=')[0].Split('^');
            pt.Family = alpha[0]; pt.Given = alpha[1];
        }
        else
        {
            pt.Sex = r.Next(2) == 0 ? "F" : "M";
            pt.Family = r.Pick(FakeIdentity.FamilyNames);
            pt.Given = r.Pick(pt.Sex == "F" ? FakeIdentity.GivenNamesFemale : FakeIdentity.GivenNamesMale);
            pt.Name = pt.Family + "^" + pt.Given + "^" + (char)('A' + r.Next(26));
        }
        pt.Id = "PID" + (1000000 + r.Next(8999999)).ToString(CultureInfo.InvariantCulture);
        pt.OtherId = "MRN-" + (100000 + r.Next(899999)).ToString(CultureInfo.InvariantCulture);
        pt.BirthYear = r.Next(1930, 2012);
        pt.BirthDate = Date(pt.BirthYear, r.Next(1, 13), r.Next(1, 29));
        pt.Address = r.Pick(FakeIdentity.Streets) + "^^" + r.Pick(FakeIdentity.Cities);
        pt.Phone = "(555) " + r.Next(200, 999).ToString(CultureInfo.InvariantCulture) + "-" + r.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        return pt;
    }

    private sealed class Study
    {
        public int Year;
        public string Date = string.Empty;
        public string Time = string.Empty;
        public string Accession = string.Empty;
        public string StudyId = string.Empty;
        public string Institution = string.Empty;
        public string InstitutionAddress = string.Empty;
        public string Department = string.Empty;
        public string Referring = string.Empty;
        public string Requesting = string.Empty;
        public string BodyPart = string.Empty;
        public string Manufacturer = string.Empty;
        public string Station = string.Empty;
        public string DeviceSerial = string.Empty;
        public string RequestedProcedureId = string.Empty;
        public string ScheduledStepId = string.Empty;
    }

    private Study GetStudy(int p, int st)
    {
        var r = SampleRandom.For(_seed, 2, p, st);
        var s = new Study();
        var pt = GetPatient(p);
        s.Year = Math.Max(pt.BirthYear + 1, r.Next(2005, 2026));
        s.Date = Date(s.Year, r.Next(1, 13), r.Next(1, 29));
        s.Time = r.Next(7, 19).ToString("00", CultureInfo.InvariantCulture) + r.Next(60).ToString("00", CultureInfo.InvariantCulture) + r.Next(60).ToString("00", CultureInfo.InvariantCulture) + ".123000";
        s.Accession = "ACC" + r.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture);
        s.StudyId = "S" + r.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        s.Institution = r.Pick(FakeIdentity.Institutions);
        s.InstitutionAddress = r.Pick(FakeIdentity.Streets) + ", " + r.Pick(FakeIdentity.Cities);
        s.Department = r.Pick(FakeIdentity.Departments);
        s.Referring = r.Pick(FakeIdentity.Physicians);
        s.Requesting = r.Pick(FakeIdentity.Physicians);
        s.BodyPart = r.Pick(FakeIdentity.BodyParts);
        s.Manufacturer = r.Pick(FakeIdentity.Manufacturers);
        s.Station = "STN-" + s.Institution.Substring(0, 4).Trim() + "-" + r.Next(1, 20).ToString("00", CultureInfo.InvariantCulture);
        s.DeviceSerial = "SN" + r.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        s.RequestedProcedureId = "RP" + r.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        s.ScheduledStepId = "SPS" + r.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        return s;
    }

    private static string Date(int y, int m, int d) =>
        y.ToString("0000", CultureInfo.InvariantCulture) + m.ToString("00", CultureInfo.InvariantCulture) + d.ToString("00", CultureInfo.InvariantCulture);

    private string SeedText => _seed.ToString(CultureInfo.InvariantCulture);
    private string StudyUid(int p, int st) => FormattableString.Invariant($"{UidRoot}.{SeedText}.1.{p + 1}.{st + 1}");
    private string SeriesUid(FileSpec f) => FormattableString.Invariant($"{UidRoot}.{SeedText}.2.{f.Patient + 1}.{f.Study + 1}.{f.SeriesNumber}");
    private string InstanceUid(FileSpec f) => FormattableString.Invariant($"{UidRoot}.{SeedText}.3.{f.Patient + 1}.{f.Study + 1}.{f.SeriesNumber}.{f.Instance + 1}");
    private string FrameOfReferenceUid(int p, int st) => FormattableString.Invariant($"{UidRoot}.{SeedText}.4.{p + 1}.{st + 1}");

    private static string SopClassOf(string kind) => kind switch
    {
        "CT" => CtImageStorage,
        "MR" or "LARGE-MF" => EnhancedMrImageStorage,
        "US" => UsImageStorage,
        "US-MF" => UsMultiFrameImageStorage,
        _ => BasicTextSrStorage,
    };

    private static string ModalityOf(string kind) => kind switch
    {
        "CT" => "CT",
        "MR" or "LARGE-MF" => "MR",
        "US" or "US-MF" => "US",
        _ => "SR",
    };

    private GeneratedSampleFile Describe(FileSpec f)
    {
        var pt = GetPatient(f.Patient);
        var study = GetStudy(f.Patient, f.Study);
        var modality = ModalityOf(f.Kind);
        var info = new GeneratedSampleFile
        {
            Kind = f.Kind,
            Modality = modality,
            SopClassUid = SopClassOf(f.Kind),
            SopInstanceUid = InstanceUid(f),
            StudyInstanceUid = StudyUid(f.Patient, f.Study),
            SeriesInstanceUid = SeriesUid(f),
            PatientId = pt.Id,
            PatientName = pt.Name,
            SpecificCharacterSet = pt.CharacterSet,
            NumberOfFrames = f.Frames,
            RelativePath = FormattableString.Invariant($"{pt.Id}/ST{f.Study + 1:00}_{study.Date}/SE{f.SeriesNumber:000}_{modality}/IM{f.Instance + 1:0000}.dcm"),
        };
        info.Features.Add("PatientIdentity");
        if (pt.CharacterSet.Length > 0) info.Features.Add("CharacterSet:" + pt.CharacterSet);
        if (f.Kind is "US" or "US-MF")
        {
            var text = BurnedText(pt, study);
            SampleFont.Render(text, 2, out var w, out var h);
            info.BurnedInText = SampleFont.Printable(text);
            info.BurnedInTextRegion = new SampleRegion(BurnX, BurnY, w, h);
            info.Features.Add("BurnedInText");
        }
        if (f.Kind != "SR") info.Features.Add("PrivateSafe");
        info.Features.Add("PrivateUnsafe");
        if (f.Kind == "CT" && f.Instance == 0) info.Features.Add("Overlay");
        if (f.Kind == "SR") info.Features.Add("SRText");
        foreach (var r in References(f)) info.ReferencedSopInstanceUids.Add(InstanceUid(r));
        return info;
    }

    private const int BurnX = 8;
    private const int BurnY = 6;

    private static string BurnedText(Patient pt, Study s) =>
        pt.Family + " " + pt.Given + " " + pt.Id + " " + s.Date.Substring(0, 4) + "-" + s.Date.Substring(4, 2) + "-" + s.Date.Substring(6, 2);

    /// <summary>Instances of the same study this one references: the previous image of its series, else the first image of another series.</summary>
    private static IEnumerable<FileSpec> References(FileSpec f)
    {
        if (f.StudyMembers is null) yield break;
        if (f.Kind == "SR")
        {
            foreach (var m in f.StudyMembers) if (m.Kind != "SR") yield return m;
            yield break;
        }
        FileSpec? prev = null, otherFirst = null;
        foreach (var m in f.StudyMembers)
        {
            if (m.Kind == "SR") continue;
            if (m.Series == f.Series && m.Instance == f.Instance - 1) prev = m;
            if (m.Series != f.Series && m.Instance == 0 && otherFirst is null) otherFirst = m;
        }
        if (prev is not null) yield return prev;
        if (otherFirst is not null && (f.Instance == 0 || prev is null)) yield return otherFirst;
    }

    // ---------------------------------------------------------------- datasets

    private DicomFile Build(FileSpec f, GeneratedSampleFile info)
    {
        var pt = GetPatient(f.Patient);
        var study = GetStudy(f.Patient, f.Study);
        var r = SampleRandom.For(_seed, 3, f.Patient, f.Study, f.Series, f.Instance);
        var ds = new DicomDataset();
        if (pt.CharacterSet.Length > 0) Str(ds, 0x00080005, DicomVR.CS, pt.CharacterSet);

        var modality = info.Modality;
        var seriesDate = study.Date;
        var seriesTime = AddMinutes(study.Time, f.Series * 7);
        var contentTime = AddMinutes(seriesTime, f.Instance / 20);
        var performing = FakeIdentity.Physicians[(f.Series + f.Patient) % FakeIdentity.Physicians.Length];
        var operatorName = FakeIdentity.Operators[(f.Series + f.Study) % FakeIdentity.Operators.Length];

        Str(ds, 0x00080008, DicomVR.CS, f.Kind == "SR" ? string.Empty : f.Kind is "US" or "US-MF" ? "ORIGINAL\\PRIMARY\\ABDOMINAL" : "ORIGINAL\\PRIMARY\\AXIAL");
        if (f.Kind == "SR") ds.Remove(new DicomTag(0x00080008));
        Str(ds, 0x00080012, DicomVR.DA, seriesDate);
        Str(ds, 0x00080013, DicomVR.TM, contentTime);
        Str(ds, 0x00080016, DicomVR.UI, info.SopClassUid);
        Str(ds, 0x00080018, DicomVR.UI, info.SopInstanceUid);
        Str(ds, 0x00080020, DicomVR.DA, study.Date);
        Str(ds, 0x00080021, DicomVR.DA, seriesDate);
        if (f.Kind != "SR") Str(ds, 0x00080022, DicomVR.DA, seriesDate);
        Str(ds, 0x00080023, DicomVR.DA, seriesDate);
        Str(ds, 0x00080030, DicomVR.TM, study.Time);
        Str(ds, 0x00080031, DicomVR.TM, seriesTime);
        if (f.Kind != "SR") Str(ds, 0x00080032, DicomVR.TM, contentTime);
        Str(ds, 0x00080033, DicomVR.TM, contentTime);
        Str(ds, 0x00080050, DicomVR.SH, study.Accession);
        Str(ds, 0x00080060, DicomVR.CS, modality);
        Str(ds, 0x00080070, DicomVR.LO, study.Manufacturer);
        Str(ds, 0x00080080, DicomVR.LO, study.Institution);
        Str(ds, 0x00080081, DicomVR.ST, study.InstitutionAddress);
        Str(ds, 0x00080090, DicomVR.PN, study.Referring);
        Str(ds, 0x00080092, DicomVR.ST, "1 MEDICAL PLAZA, " + FakeIdentity.Cities[f.Study % FakeIdentity.Cities.Length]);
        Str(ds, 0x00080094, DicomVR.SH, "(555) 010-" + (1000 + f.Patient).ToString(CultureInfo.InvariantCulture));
        Str(ds, 0x00081010, DicomVR.SH, study.Station);
        Str(ds, 0x00081030, DicomVR.LO, modality + " " + study.BodyPart + " FOLLOW-UP " + pt.Family + " " + pt.Given);
        Str(ds, 0x0008103E, DicomVR.LO, SeriesDescription(f, study));
        Str(ds, 0x00081040, DicomVR.LO, study.Department);
        Str(ds, 0x00081048, DicomVR.PN, study.Referring);
        Str(ds, 0x00081050, DicomVR.PN, performing);
        Str(ds, 0x00081070, DicomVR.PN, operatorName);
        Str(ds, 0x00081090, DicomVR.LO, study.Manufacturer + " MODEL " + (char)('A' + (f.Study % 5)));

        var refs = new List<FileSpec>(References(f));
        if (f.Kind != "SR" && refs.Count > 0)
        {
            var seq = new DicomSequence(new DicomTag(0x00081140));
            foreach (var m in refs)
            {
                var item = Item(ds);
                Str(item, 0x00081150, DicomVR.UI, SopClassOf(m.Kind));
                Str(item, 0x00081155, DicomVR.UI, InstanceUid(m));
                seq.Items.Add(item);
            }
            ds.Set(seq);
        }

        Str(ds, 0x00100010, DicomVR.PN, pt.Name);
        Str(ds, 0x00100020, DicomVR.LO, pt.Id);
        Str(ds, 0x00100021, DicomVR.LO, "FAKE HOSPITAL MPI");
        Str(ds, 0x00100030, DicomVR.DA, pt.BirthDate);
        Str(ds, 0x00100040, DicomVR.CS, pt.Sex);
        Str(ds, 0x00101000, DicomVR.LO, pt.OtherId);
        Str(ds, 0x00101001, DicomVR.PN, pt.Family + "^" + pt.Given.Substring(0, 1));
        var other = new DicomSequence(new DicomTag(0x00101002));
        {
            var item = Item(ds);
            Str(item, 0x00100020, DicomVR.LO, pt.OtherId);
            Str(item, 0x00100021, DicomVR.LO, study.Institution);
            Str(item, 0x00100022, DicomVR.CS, "TEXT");
            other.Items.Add(item);
            var item2 = Item(ds);
            Str(item2, 0x00100020, DicomVR.LO, "SSN-" + (100 + f.Patient).ToString(CultureInfo.InvariantCulture) + "-55-" + (1000 + r.Next(8999)).ToString(CultureInfo.InvariantCulture));
            Str(item2, 0x00100021, DicomVR.LO, "FAKE NATIONAL REGISTRY");
            Str(item2, 0x00100022, DicomVR.CS, "TEXT");
            other.Items.Add(item2);
        }
        ds.Set(other);
        var age = int.Parse(study.Date.Substring(0, 4), CultureInfo.InvariantCulture) - pt.BirthYear;
        Str(ds, 0x00101010, DicomVR.AS, age.ToString("000", CultureInfo.InvariantCulture) + "Y");
        Str(ds, 0x00101020, DicomVR.DS, (1.5 + (SampleRandom.Hash((uint)_seed, (uint)f.Patient, 1, 1) % 45 / 100.0)).ToString("0.00", CultureInfo.InvariantCulture));
        Str(ds, 0x00101030, DicomVR.DS, (45 + (SampleRandom.Hash((uint)_seed, (uint)f.Patient, 2, 2) % 60)).ToString(CultureInfo.InvariantCulture));
        Str(ds, 0x00101040, DicomVR.LO, pt.Address);
        Str(ds, 0x00102154, DicomVR.SH, pt.Phone);
        Str(ds, 0x00104000, DicomVR.LT, "Patient " + pt.Given + " " + pt.Family + " (" + pt.Id + "), call " + pt.Phone + " before the visit.");

        if (f.Kind != "SR")
        {
            Str(ds, 0x00180015, DicomVR.CS, study.BodyPart);
            if (f.Kind == "CT") { Str(ds, 0x00180050, DicomVR.DS, "1.25"); Str(ds, 0x00180060, DicomVR.DS, "120"); }
            Str(ds, 0x00181000, DicomVR.LO, study.DeviceSerial);
            Str(ds, 0x00181020, DicomVR.LO, "SYNTH 4.2.1");
            Str(ds, 0x00181030, DicomVR.LO, study.BodyPart + " ROUTINE (" + study.Institution.Substring(0, 6).Trim() + ")");
            if (f.Kind is "CT" or "MR" or "LARGE-MF") Str(ds, 0x00185100, DicomVR.CS, "HFS");
        }

        Str(ds, 0x0020000D, DicomVR.UI, info.StudyInstanceUid);
        Str(ds, 0x0020000E, DicomVR.UI, info.SeriesInstanceUid);
        Str(ds, 0x00200010, DicomVR.SH, study.StudyId);
        Str(ds, 0x00200011, DicomVR.IS, f.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        if (f.Kind is "CT" or "US" or "US-MF") Str(ds, 0x00200012, DicomVR.IS, "1");
        Str(ds, 0x00200013, DicomVR.IS, (f.Instance + 1).ToString(CultureInfo.InvariantCulture));
        if (f.Kind is "US" or "US-MF") Str(ds, 0x00200020, DicomVR.CS, string.Empty);
        if (f.Kind == "CT")
        {
            Str(ds, 0x00200032, DicomVR.DS, FormattableString.Invariant($"-250\\-250\\{-(f.Instance * 1.25):0.##}"));
            Str(ds, 0x00200037, DicomVR.DS, "1\\0\\0\\0\\1\\0");
        }
        if (f.Kind is "CT" or "MR" or "LARGE-MF")
        {
            Str(ds, 0x00200052, DicomVR.UI, FrameOfReferenceUid(f.Patient, f.Study));
            Str(ds, 0x00201040, DicomVR.LO, "XY");
        }
        if (f.Kind != "SR") Str(ds, 0x00204000, DicomVR.LT, "Scanned by " + operatorName.Replace('^', ' ') + " for " + pt.Given + " " + pt.Family);

        switch (f.Kind)
        {
            case "CT": AddCtImage(ds, f); break;
            case "MR": case "LARGE-MF": AddMrImage(ds, f, study, seriesDate, contentTime); break;
            case "US": case "US-MF": AddUsImage(ds, f, pt, study); break;
            default: AddSrContent(ds, f, pt, study); break;
        }

        Str(ds, 0x00321032, DicomVR.PN, study.Requesting);
        Str(ds, 0x00321060, DicomVR.LO, modality + " " + study.BodyPart + " for " + pt.Family);
        Str(ds, 0x00400244, DicomVR.DA, study.Date);
        Str(ds, 0x00400245, DicomVR.TM, study.Time);
        Str(ds, 0x00400253, DicomVR.SH, "PPS" + study.Accession.Substring(3));
        Str(ds, 0x00400254, DicomVR.LO, modality + " " + study.BodyPart);
        var request = new DicomSequence(new DicomTag(0x00400275));
        {
            var item = Item(ds);
            Str(item, 0x00080050, DicomVR.SH, study.Accession);
            var refStudy = new DicomSequence(new DicomTag(0x00081110));
            var rs = Item(item);
            Str(rs, 0x00081150, DicomVR.UI, "1.2.840.10008.3.1.2.3.1");
            Str(rs, 0x00081155, DicomVR.UI, info.StudyInstanceUid);
            refStudy.Items.Add(rs);
            item.Set(refStudy);
            Str(item, 0x0020000D, DicomVR.UI, info.StudyInstanceUid);
            Str(item, 0x00321032, DicomVR.PN, study.Requesting);
            Str(item, 0x00321060, DicomVR.LO, modality + " " + study.BodyPart + " REQUESTED BY " + study.Requesting.Split('^')[0]);
            Str(item, 0x00400007, DicomVR.LO, study.BodyPart + " " + modality);
            Str(item, 0x00400009, DicomVR.SH, study.ScheduledStepId);
            Str(item, 0x00401001, DicomVR.SH, study.RequestedProcedureId);
            Str(item, 0x00402016, DicomVR.LO, "PLACER-" + pt.Id.Substring(3));
            Str(item, 0x00402017, DicomVR.LO, "FILLER-" + study.Accession.Substring(3));
            request.Items.Add(item);
        }
        ds.Set(request);

        AddPrivate(ds, f, pt, study);
        if (f.Kind == "CT" && f.Instance == 0) AddOverlay(ds, f, pt);

        var meta = new DicomDataset();
        meta.Set(new DicomElement(new DicomTag(0x00020001), DicomVR.OB, new DicomValue(new byte[] { 0, 1 })));
        Str(meta, 0x00020002, DicomVR.UI, info.SopClassUid);
        Str(meta, 0x00020003, DicomVR.UI, info.SopInstanceUid);
        Str(meta, 0x00020010, DicomVR.UI, ExplicitVrLittleEndian);
        Str(meta, 0x00020012, DicomVR.UI, ImplementationClassUid);
        Str(meta, 0x00020013, DicomVR.SH, "DICOMDEID_SAMPLE");
        Str(meta, 0x00020016, DicomVR.AE, "FAKE_PACS_" + (f.Patient % 3).ToString(CultureInfo.InvariantCulture));
        return new DicomFile(meta, ds, DicomTransferSyntax.ExplicitVRLittleEndian) { Preamble = new byte[128] };
    }

    private static string SeriesDescription(FileSpec f, Study s) => f.Kind switch
    {
        "CT" => s.BodyPart + " " + (f.Series == 0 ? "AXIAL 1.25MM" : "AXIAL BONE"),
        "MR" or "LARGE-MF" => s.BodyPart + " T1 ENHANCED",
        "US" or "US-MF" => s.BodyPart + " ULTRASOUND",
        _ => "REPORT",
    };

    private static DicomDataset Item(DicomDataset parent) => new() { Parent = parent };

    private static void Str(DicomDataset ds, uint tag, DicomVR vr, string value) => ds.SetString(new DicomTag(tag), vr, value);

    private static void US(DicomDataset ds, uint tag, params ushort[] v) => ds.Set(DicomElement.FromUInt16(new DicomTag(tag), v));

    private static string AddMinutes(string time, int minutes)
    {
        var h = int.Parse(time.Substring(0, 2), CultureInfo.InvariantCulture);
        var m = int.Parse(time.Substring(2, 2), CultureInfo.InvariantCulture) + minutes;
        h = (h + (m / 60)) % 24;
        m %= 60;
        return h.ToString("00", CultureInfo.InvariantCulture) + m.ToString("00", CultureInfo.InvariantCulture) + time.Substring(4);
    }

    private uint PixelSeed(FileSpec f) => (uint)SampleRandom.For(_seed, 4, f.Patient, f.Study, f.Series).NextUInt64();

    private void AddCtImage(DicomDataset ds, FileSpec f)
    {
        ImagePixelModule(ds, f, samples: 1, "MONOCHROME2", bits: 16, stored: 12);
        Str(ds, 0x00280030, DicomVR.DS, "0.7\\0.7");
        Str(ds, 0x00281050, DicomVR.DS, "40");
        Str(ds, 0x00281051, DicomVR.DS, "400");
        Str(ds, 0x00281052, DicomVR.DS, "-1024");
        Str(ds, 0x00281053, DicomVR.DS, "1");
        var painter = new PhantomPainter(f.Rows, f.Columns, 1, PixelSeed(f), f.Instance, mr: false);
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, new ProceduralPixelSource("synthetic CT pixels", painter).ToValue()));
    }

    // Enhanced MR Image IOD (PS3.3 A.36.2): a T1-weighted 2D multi-slice spin echo at 1.5 T, one slab of parallel axial
    // slices. Everything that is the same for all frames is in the Shared Functional Groups Sequence; Frame Content and
    // Plane Position (Patient) are per frame.
    private const double MrRepetitionTimeMs = 500;
    private const double MrEchoTimeMs = 15;
    private const double MrFieldStrengthT = 1.5;
    private const double MrLarmorMHzPerT = 42.577478;

    private void AddMrImage(DicomDataset ds, FileSpec f, Study study, string acquisitionDate, string acquisitionTime)
    {
        ImagePixelModule(ds, f, samples: 1, "MONOCHROME2", bits: 16, stored: 12);
        Str(ds, 0x00280008, DicomVR.IS, f.Frames.ToString(CultureInfo.InvariantCulture));
        const string frameType = "ORIGINAL\\PRIMARY\\T1\\NONE";
        // Enhanced MR Image Module (C.8.13.1) with the MR Image and Spectroscopy Instance, Common CT/MR Image
        // Description and MR Image Description macros.
        Str(ds, 0x00080008, DicomVR.CS, frameType);
        var acquisitionStart = acquisitionDate + acquisitionTime;
        // Phase encoding lines × TR: every slice of the interleaved 2D acquisition is acquired during the whole scan.
        var acquisitionMs = MrRepetitionTimeMs * f.Rows;
        Str(ds, 0x0008002A, DicomVR.DT, acquisitionStart);
        FD(ds, 0x00189073, acquisitionMs / 1000);
        Str(ds, 0x00189004, DicomVR.CS, "PRODUCT");
        Str(ds, 0x00189100, DicomVR.CS, "1H");
        Str(ds, 0x00189064, DicomVR.CS, "NONE");
        Str(ds, 0x00180087, DicomVR.DS, "1.5");
        Str(ds, 0x00189174, DicomVR.CS, "IEC");
        MrImageDescription(ds);
        Str(ds, 0x20500020, DicomVR.CS, "IDENTITY");
        Str(ds, 0x00282110, DicomVR.CS, "00");
        Str(ds, 0x00280301, DicomVR.CS, "NO");
        // MR Pulse Sequence Module (C.8.13.4): required when Image Type Value 1 is ORIGINAL.
        Str(ds, 0x00189005, DicomVR.SH, "SE2D_T1");
        Str(ds, 0x00180023, DicomVR.CS, "2D");
        Str(ds, 0x00189008, DicomVR.CS, "SPIN");
        Str(ds, 0x00189011, DicomVR.CS, "NO");
        Str(ds, 0x00189012, DicomVR.CS, "NO");
        Str(ds, 0x00189014, DicomVR.CS, "NO");
        Str(ds, 0x00189015, DicomVR.CS, "NO");
        Str(ds, 0x00189017, DicomVR.CS, "NONE");
        Str(ds, 0x00189018, DicomVR.CS, "NO");
        Str(ds, 0x00189024, DicomVR.CS, "NO");
        Str(ds, 0x00189025, DicomVR.CS, "NONE");
        Str(ds, 0x00189029, DicomVR.CS, "NONE");
        Str(ds, 0x00189032, DicomVR.CS, "RECTILINEAR");
        Str(ds, 0x00189033, DicomVR.CS, "SINGLE");
        Str(ds, 0x00189034, DicomVR.CS, "LINEAR");
        US(ds, 0x00189093, 1);
        // Acquisition Context Module (C.7.6.14): Type 2, empty.
        ds.Set(new DicomSequence(new DicomTag(0x00400555)));

        var shared = new DicomSequence(new DicomTag(0x52009229));
        var sh = Item(ds);
        var mi = SequenceItem(sh, 0x00289110); // Pixel Measures
        Str(mi, 0x00180050, DicomVR.DS, "3");
        Str(mi, 0x00280030, DicomVR.DS, "0.9\\0.9");
        Str(mi, 0x00180088, DicomVR.DS, "3");
        var oi = SequenceItem(sh, 0x00209116); // Plane Orientation (Patient)
        Str(oi, 0x00200037, DicomVR.DS, "1\\0\\0\\0\\1\\0");
        var ai = SequenceItem(sh, 0x00209071); // Frame Anatomy
        Str(ai, 0x00209072, DicomVR.CS, "U");
        var region = AnatomicRegion(study.BodyPart);
        ai.Set(Code(ai, 0x00082218, region.Code, "SCT", region.Meaning));
        var vi = SequenceItem(sh, 0x00289145); // Pixel Value Transformation
        Str(vi, 0x00281052, DicomVR.DS, "0");
        Str(vi, 0x00281053, DicomVR.DS, "1");
        Str(vi, 0x00281054, DicomVR.LO, "US");
        var ti = SequenceItem(sh, 0x00189226); // MR Image Frame Type
        Str(ti, 0x00089007, DicomVR.CS, frameType);
        MrImageDescription(ti);
        var timing = SequenceItem(sh, 0x00189112); // MR Timing and Related Parameters
        Str(timing, 0x00180080, DicomVR.DS, MrRepetitionTimeMs.ToString("0", CultureInfo.InvariantCulture));
        Str(timing, 0x00181314, DicomVR.DS, "90");
        Str(timing, 0x00180091, DicomVR.IS, "1");
        US(timing, 0x00189240, 1);
        US(timing, 0x00189241, 0);
        var sar = SequenceItem(timing, 0x00189239);
        Str(sar, 0x00189179, DicomVR.CS, "IEC_WHOLE_BODY");
        FD(sar, 0x00189181, 0.6);
        Str(timing, 0x00189180, DicomVR.CS, "DB_DT");
        FD(timing, 0x00189182, 11.5);
        var modes = new DicomSequence(new DicomTag(0x00189176));
        foreach (var modeType in new[] { "STATIC FIELD", "RF", "GRADIENT" })
        {
            var m = Item(timing);
            Str(m, 0x00189177, DicomVR.CS, modeType);
            Str(m, 0x00189178, DicomVR.CS, "IEC_NORMAL");
            modes.Items.Add(m);
        }
        timing.Set(modes);
        var fov = SequenceItem(sh, 0x00189125); // MR FOV/Geometry
        Str(fov, 0x00181312, DicomVR.CS, "ROW");
        US(fov, 0x00189058, (ushort)f.Columns);
        US(fov, 0x00189231, (ushort)f.Rows);
        Str(fov, 0x00180093, DicomVR.DS, "100");
        Str(fov, 0x00180094, DicomVR.DS, "100");
        var echo = SequenceItem(sh, 0x00189114); // MR Echo
        FD(echo, 0x00189082, MrEchoTimeMs);
        var mod = SequenceItem(sh, 0x00189115); // MR Modifier
        Str(mod, 0x00189009, DicomVR.CS, "NO");
        Str(mod, 0x00189010, DicomVR.CS, "NONE");
        Str(mod, 0x00189021, DicomVR.CS, "NO");
        Str(mod, 0x00189026, DicomVR.CS, "NONE");
        Str(mod, 0x00189027, DicomVR.CS, "NONE");
        Str(mod, 0x00189081, DicomVR.CS, "NO");
        Str(mod, 0x00189077, DicomVR.CS, "NO");
        var imod = SequenceItem(sh, 0x00189006); // MR Imaging Modifier
        Str(imod, 0x00189020, DicomVR.CS, "NONE");
        Str(imod, 0x00189022, DicomVR.CS, "NO");
        Str(imod, 0x00189028, DicomVR.CS, "NONE");
        FD(imod, 0x00189098, Math.Round(MrFieldStrengthT * MrLarmorMHzPerT, 4));
        Str(imod, 0x00180095, DicomVR.DS, "130");
        var head = study.BodyPart == "HEAD";
        var rx = SequenceItem(sh, 0x00189042); // MR Receive Coil
        Str(rx, 0x00181250, DicomVR.SH, head ? "HEAD" : "BODY");
        Str(rx, 0x00189041, DicomVR.LO, study.Manufacturer);
        Str(rx, 0x00189043, DicomVR.CS, head ? "VOLUME" : "BODY");
        Str(rx, 0x00189044, DicomVR.CS, "YES");
        var tx = SequenceItem(sh, 0x00189049); // MR Transmit Coil
        Str(tx, 0x00181251, DicomVR.SH, "BODY");
        Str(tx, 0x00189050, DicomVR.LO, study.Manufacturer);
        Str(tx, 0x00189051, DicomVR.CS, "BODY");
        var avg = SequenceItem(sh, 0x00189119); // MR Averages
        Str(avg, 0x00180083, DicomVR.DS, "1");
        sh.Set(new DicomSequence(new DicomTag(0x00189107))); // MR Spatial Saturation (Type 2): no bands
        shared.Items.Add(sh);
        ds.Set(shared);

        var dimOrgUid = SeriesUid(f) + ".1";
        var org = new DicomSequence(new DicomTag(0x00209221));
        var org1 = Item(ds);
        Str(org1, 0x00209164, DicomVR.UI, dimOrgUid);
        org.Items.Add(org1);
        ds.Set(org);
        var dims = new DicomSequence(new DicomTag(0x00209222));
        var d1 = Item(ds);
        Str(d1, 0x00209164, DicomVR.UI, dimOrgUid);
        d1.Set(new DicomElement(new DicomTag(0x00209165), DicomVR.AT, new DicomValue(new byte[] { 0x20, 0x00, 0x57, 0x90 })));
        d1.Set(new DicomElement(new DicomTag(0x00209167), DicomVR.AT, new DicomValue(new byte[] { 0x20, 0x00, 0x11, 0x91 })));
        dims.Items.Add(d1);
        ds.Set(dims);

        var perFrame = new DicomSequence(new DicomTag(0x52009230));
        for (var i = 0; i < f.Frames; i++)
        {
            var fi = Item(ds);
            var ci = SequenceItem(fi, 0x00209111); // Frame Content
            var frameStart = acquisitionDate + AddMinutes(acquisitionTime, i / 60);
            Str(ci, 0x00189074, DicomVR.DT, frameStart);
            Str(ci, 0x00189151, DicomVR.DT, frameStart);
            FD(ci, 0x00189220, acquisitionMs);
            Str(ci, 0x00209056, DicomVR.SH, "1");
            ci.Set(DicomElement.FromUInt32(new DicomTag(0x00209057), (uint)(i + 1)));
            ci.Set(DicomElement.FromUInt32(new DicomTag(0x00209157), (uint)(i + 1)));
            var pi = SequenceItem(fi, 0x00209113); // Plane Position (Patient)
            Str(pi, 0x00200032, DicomVR.DS, FormattableString.Invariant($"-115\\-115\\{i * 3}"));
            perFrame.Items.Add(fi);
        }
        ds.Set(perFrame);
        var painter = new PhantomPainter(f.Rows, f.Columns, f.Frames, PixelSeed(f), f.Instance * f.Frames, mr: true);
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, new ProceduralPixelSource("synthetic MR pixels", painter).ToValue()));
    }

    /// <summary>Common CT/MR Image Description and MR Image Description macros (image level and MR Image Frame Type).</summary>
    private static void MrImageDescription(DicomDataset ds)
    {
        Str(ds, 0x00089205, DicomVR.CS, "MONOCHROME");
        Str(ds, 0x00089206, DicomVR.CS, "VOLUME");
        Str(ds, 0x00089207, DicomVR.CS, "NONE");
        Str(ds, 0x00089208, DicomVR.CS, "MAGNITUDE");
        Str(ds, 0x00089209, DicomVR.CS, "T1");
    }

    /// <summary>The SNOMED CT code PS3.16 Annex L gives for a Body Part Examined value.</summary>
    private static (string Code, string Meaning) AnatomicRegion(string bodyPart) => bodyPart switch
    {
        "HEAD" => ("69536005", "Head"),
        "CHEST" => ("43799004", "Chest"),
        "ABDOMEN" => ("818981001", "Abdomen"),
        "PELVIS" => ("816092008", "Pelvis"),
        _ => throw new ArgumentOutOfRangeException(nameof(bodyPart), bodyPart, "no anatomic region code for this body part"),
    };

    /// <summary>Adds a one-item sequence <paramref name="tag"/> to <paramref name="parent"/> and returns its item.</summary>
    private static DicomDataset SequenceItem(DicomDataset parent, uint tag)
    {
        var seq = new DicomSequence(new DicomTag(tag));
        var item = Item(parent);
        seq.Items.Add(item);
        parent.Set(seq);
        return item;
    }

    /// <summary>One FD value, little endian whatever the host's byte order.</summary>
    private static void FD(DicomDataset ds, uint tag, double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var bytes = new byte[8];
        for (var b = 0; b < 8; b++) bytes[b] = (byte)(bits >> (8 * b));
        ds.Set(new DicomElement(new DicomTag(tag), DicomVR.FD, new DicomValue(bytes)));
    }

    private void AddUsImage(DicomDataset ds, FileSpec f, Patient pt, Study study)
    {
        ImagePixelModule(ds, f, samples: 3, "RGB", bits: 8, stored: 8);
        US(ds, 0x00280006, 0);
        if (f.Kind == "US-MF")
        {
            Str(ds, 0x00180040, DicomVR.IS, "25");
            Str(ds, 0x00181063, DicomVR.DS, "40");
            Str(ds, 0x00280008, DicomVR.IS, f.Frames.ToString(CultureInfo.InvariantCulture));
            ds.Set(new DicomElement(new DicomTag(0x00280009), DicomVR.AT, new DicomValue(new byte[] { 0x18, 0x00, 0x63, 0x10 })));
        }
        Str(ds, 0x00280301, DicomVR.CS, "YES");
        var mask = SampleFont.Render(BurnedText(pt, study), 2, out _, out _);
        var painter = new UltrasoundPainter(f.Rows, f.Columns, f.Frames, PixelSeed(f), mask, BurnX, BurnY);
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, new ProceduralPixelSource("synthetic US pixels", painter).ToValue()));
    }

    private static void ImagePixelModule(DicomDataset ds, FileSpec f, int samples, string photometric, int bits, int stored)
    {
        US(ds, 0x00280002, (ushort)samples);
        Str(ds, 0x00280004, DicomVR.CS, photometric);
        US(ds, 0x00280010, (ushort)f.Rows);
        US(ds, 0x00280011, (ushort)f.Columns);
        US(ds, 0x00280100, (ushort)bits);
        US(ds, 0x00280101, (ushort)stored);
        US(ds, 0x00280102, (ushort)(stored - 1));
        US(ds, 0x00280103, 0);
    }

    private void AddSrContent(DicomDataset ds, FileSpec f, Patient pt, Study study)
    {
        Str(ds, 0x0040A040, DicomVR.CS, "CONTAINER");
        ds.Set(Code(ds, 0x0040A043, "18748-4", "LN", "Diagnostic Imaging Report"));
        Str(ds, 0x0040A050, DicomVR.CS, "SEPARATE");
        ds.Set(new DicomSequence(new DicomTag(0x00081111)));
        ds.Set(new DicomSequence(new DicomTag(0x0040A372)));
        Str(ds, 0x0040A491, DicomVR.CS, "COMPLETE");
        Str(ds, 0x0040A493, DicomVR.CS, "VERIFIED");
        var verifying = new DicomSequence(new DicomTag(0x0040A073));
        var vi = Item(ds);
        Str(vi, 0x0040A027, DicomVR.LO, study.Institution);
        Str(vi, 0x0040A030, DicomVR.DT, study.Date + "170000");
        Str(vi, 0x0040A075, DicomVR.PN, study.Referring);
        vi.Set(new DicomSequence(new DicomTag(0x0040A088)));
        verifying.Items.Add(vi);
        ds.Set(verifying);

        // Evidence: every image of the study, grouped by series.
        var evidence = new DicomSequence(new DicomTag(0x0040A375));
        var ei = Item(ds);
        var seriesSeq = new DicomSequence(new DicomTag(0x00081115));
        var bySeries = new SortedDictionary<int, List<FileSpec>>();
        foreach (var m in References(f))
        {
            if (!bySeries.TryGetValue(m.SeriesNumber, out var l)) bySeries[m.SeriesNumber] = l = new List<FileSpec>();
            l.Add(m);
        }
        foreach (var kv in bySeries)
        {
            var si = Item(ei);
            var sops = new DicomSequence(new DicomTag(0x00081199));
            foreach (var m in kv.Value)
            {
                var oi = Item(si);
                Str(oi, 0x00081150, DicomVR.UI, SopClassOf(m.Kind));
                Str(oi, 0x00081155, DicomVR.UI, InstanceUid(m));
                sops.Items.Add(oi);
            }
            si.Set(sops);
            Str(si, 0x0020000E, DicomVR.UI, SeriesUid(kv.Value[0]));
            seriesSeq.Items.Add(si);
        }
        ei.Set(seriesSeq);
        Str(ei, 0x0020000D, DicomVR.UI, StudyUid(f.Patient, f.Study));
        evidence.Items.Add(ei);
        ds.Set(evidence);

        var content = new DicomSequence(new DicomTag(0x0040A730));
        content.Items.Add(TextItem(ds, "121060", "History",
            "Patient " + pt.Given + " " + pt.Family + ", MRN " + pt.OtherId + ", born " + pt.BirthDate + ", lives at " + pt.Address.Replace("^^", ", ") + "; phone " + pt.Phone + "."));
        content.Items.Add(TextItem(ds, "121071", "Finding",
            "Compared with the study of " + (study.Year - 1).ToString(CultureInfo.InvariantCulture) + " at " + study.Institution + " read by " + study.Referring.Replace("^", " ").Trim() + ". No acute change."));
        var pname = Item(ds);
        Str(pname, 0x0040A010, DicomVR.CS, "HAS OBS CONTEXT");
        Str(pname, 0x0040A040, DicomVR.CS, "PNAME");
        pname.Set(Code(pname, 0x0040A043, "121008", "DCM", "Person Observer Name"));
        Str(pname, 0x0040A123, DicomVR.PN, study.Referring);
        content.Items.Add(pname);
        var date = Item(ds);
        Str(date, 0x0040A010, DicomVR.CS, "CONTAINS");
        Str(date, 0x0040A040, DicomVR.CS, "DATE");
        date.Set(Code(date, 0x0040A043, "111060", "DCM", "Study Date"));
        Str(date, 0x0040A121, DicomVR.DA, study.Date);
        content.Items.Add(date);
        var nested = Item(ds);
        Str(nested, 0x0040A010, DicomVR.CS, "CONTAINS");
        Str(nested, 0x0040A040, DicomVR.CS, "CONTAINER");
        nested.Set(Code(nested, 0x0040A043, "121070", "DCM", "Findings"));
        Str(nested, 0x0040A050, DicomVR.CS, "SEPARATE");
        var inner = new DicomSequence(new DicomTag(0x0040A730));
        inner.Items.Add(TextItem(nested, "121073", "Impression",
            "Discussed with " + pt.Given + " " + pt.Family + " and Dr " + study.Requesting.Split('^')[0] + " on " + study.Date + "."));
        nested.Set(inner);
        content.Items.Add(nested);
        ds.Set(content);
    }

    private static DicomDataset TextItem(DicomDataset parent, string code, string meaning, string text)
    {
        var item = Item(parent);
        Str(item, 0x0040A010, DicomVR.CS, "CONTAINS");
        Str(item, 0x0040A040, DicomVR.CS, "TEXT");
        item.Set(Code(item, 0x0040A043, code, "DCM", meaning));
        Str(item, 0x0040A160, DicomVR.UT, text);
        return item;
    }

    private static DicomSequence Code(DicomDataset parent, uint tag, string value, string scheme, string meaning)
    {
        var seq = new DicomSequence(new DicomTag(tag));
        var item = Item(parent);
        Str(item, 0x00080100, DicomVR.SH, value);
        Str(item, 0x00080102, DicomVR.SH, scheme);
        Str(item, 0x00080104, DicomVR.LO, meaning);
        seq.Items.Add(item);
        return seq;
    }

    /// <summary>
    /// Private blocks. Safe ones are entries of PS3.15 Table E.3.10-1 (checked against
    /// shared/dicom-standard/safe-private-attributes.tsv when this was written); the unsafe ones carry identity.
    /// </summary>
    private static void AddPrivate(DicomDataset ds, FileSpec f, Patient pt, Study study)
    {
        // Unsafe: GE identification block (not in the safe table) with site names.
        Str(ds, 0x00090010, DicomVR.LO, "GEMS_IDEN_01");
        Str(ds, 0x00091002, DicomVR.SH, study.Station);
        Str(ds, 0x00091004, DicomVR.SH, study.Institution.Substring(0, 10).Trim());
        if (f.Kind is "CT" or "MR" or "LARGE-MF")
        {
            // Safe (Table E.3.10-1): GEMS_ACQU_01 (0019,xx23/24/27), GEMS_PARM_01 (0043,xx27).
            Str(ds, 0x00190010, DicomVR.LO, "GEMS_ACQU_01");
            Str(ds, 0x00191023, DicomVR.DS, "39.375");
            Str(ds, 0x00191024, DicomVR.DS, "2.5");
            Str(ds, 0x00191027, DicomVR.DS, "0.5");
            Str(ds, 0x00430010, DicomVR.LO, "GEMS_PARM_01");
            Str(ds, 0x00431027, DicomVR.SH, "1.375:1");
        }
        if (f.Kind is "MR" or "LARGE-MF")
        {
            // Safe: Philips Imaging DD 001 (2001,xx03) diffusion b-factor, (2001,xx0b) image plane orientation.
            Str(ds, 0x20010010, DicomVR.LO, "Philips Imaging DD 001");
            ds.Set(new DicomElement(new DicomTag(0x20011003), DicomVR.FL, new DicomValue(new byte[] { 0, 0, 0x7A, 0x44 })));
            Str(ds, 0x2001100B, DicomVR.CS, "TRANSVERSAL");
        }
        // Unsafe: a made-up vendor block with names, IDs, a private sequence and a binary blob holding the name.
        Str(ds, 0x00290010, DicomVR.LO, "DICOMDEID FAKE PHI 1.0");
        Str(ds, 0x00291010, DicomVR.LO, pt.Family + "^" + pt.Given);
        Str(ds, 0x00291011, DicomVR.LO, pt.Id);
        var pseq = new DicomSequence(new DicomTag(0x00291012));
        var pi = Item(ds);
        Str(pi, 0x00290010, DicomVR.LO, "DICOMDEID FAKE PHI 1.0");
        Str(pi, 0x00291020, DicomVR.PN, study.Referring);
        Str(pi, 0x00291021, DicomVR.DA, pt.BirthDate);
        pseq.Items.Add(pi);
        ds.Set(pseq);
        var blob = Encoding.UTF8.GetBytes("<hdr><name>" + pt.Name + "</name><id>" + pt.Id + "</id></hdr>");
        ds.Set(new DicomElement(new DicomTag(0x00291013), DicomVR.OB, new DicomValue(DicomElement.PadEven(blob, 0))));
        if (f.Kind is "US" or "US-MF")
        {
            // Safe: SIEMENS Ultrasound SC2000 (0119,xx00) and (0119,xx13).
            Str(ds, 0x01190010, DicomVR.LO, "SIEMENS Ultrasound SC2000");
            Str(ds, 0x01191000, DicomVR.LO, "1.0");
            Str(ds, 0x01191013, DicomVR.IS, "25");
        }
    }

    private static void AddOverlay(DicomDataset ds, FileSpec f, Patient pt)
    {
        US(ds, 0x60000010, (ushort)f.Rows);
        US(ds, 0x60000011, (ushort)f.Columns);
        Str(ds, 0x60000022, DicomVR.LO, "Annotated for " + pt.Family);
        Str(ds, 0x60000040, DicomVR.CS, "G");
        ds.Set(new DicomElement(new DicomTag(0x60000050), DicomVR.SS, new DicomValue(new byte[] { 1, 0, 1, 0 })));
        US(ds, 0x60000100, 1);
        US(ds, 0x60000102, 0);
        Str(ds, 0x60001500, DicomVR.LO, pt.Family + " " + pt.Id);
        var bits = new byte[((f.Rows * f.Columns) + 15) / 16 * 2];
        var mask = SampleFont.Render(pt.Family + " " + pt.Id, 1, out var w, out var h);
        for (var y = 0; y < h && y + 4 < f.Rows; y++)
            for (var x = 0; x < w && x + 4 < f.Columns; x++)
                if (mask[y, x])
                {
                    var bit = ((y + 4) * f.Columns) + x + 4;
                    bits[bit >> 3] |= (byte)(1 << (bit & 7));
                }
        ds.Set(new DicomElement(new DicomTag(0x60003000), DicomVR.OW, new DicomValue(bits)));
    }
}
