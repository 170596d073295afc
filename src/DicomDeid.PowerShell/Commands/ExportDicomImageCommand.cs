using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.Engine.Pixels;

namespace DicomDeid.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes frames of DICOM images as PNG files for a person to check by eye.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "DicomImage", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDicomImageCommand : DicomCmdletBase
{
    /// <summary>A PNG file (one input, one picture) or a folder (one PNG per input and frame).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>Frame numbers (1-based); default 1.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Frame { get; set; }

    /// <summary>One picture with the frames in a grid.</summary>
    [Parameter]
    public SwitchParameter ContactSheet { get; set; }

    /// <summary>Frames across the contact sheet (default: about square).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int SheetColumns { get; set; }

    /// <summary>Most frames on a contact sheet.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int MaxFrames { get; set; } = 100;

    /// <summary>Window centre (with -WindowWidth); else the file's window, else the frame's min/max.</summary>
    [Parameter]
    public double WindowCenter { get; set; }

    /// <summary>Window width (with -WindowCenter).</summary>
    [Parameter]
    [ValidateRange(1e-9, double.MaxValue)]
    public double WindowWidth { get; set; }

    /// <summary>Another DICOM file (e.g. the redacted copy) shown to the right of each input.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Compare { get; set; }

    /// <summary>Overwrite existing PNG files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private string? _destination;
    private bool _destinationIsFile;
    private string? _compare;
    private double? _center;
    private double? _width;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var hasCenter = MyInvocation.BoundParameters.ContainsKey(nameof(WindowCenter));
        var hasWidth = MyInvocation.BoundParameters.ContainsKey(nameof(WindowWidth));
        if (hasCenter != hasWidth)
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.OptionInvalid, "-WindowCenter and -WindowWidth go together.", null));
        _center = hasCenter ? WindowCenter : null;
        _width = hasWidth ? WindowWidth : null;
        _destination = GetUnresolvedProviderPathFromPSPath(Destination);
        _destinationIsFile = !Directory.Exists(_destination) && string.Equals(System.IO.Path.GetExtension(_destination), ".png", StringComparison.OrdinalIgnoreCase);
        if (!_destinationIsFile && File.Exists(_destination))
            ThrowTerminatingError(DicomErrors.Create(ErrorIds.DestinationInvalid, $"Destination '{_destination}' is a file but not a .png file; give a .png path or a folder.", Destination));
        if (Compare is not null)
        {
            _compare = GetUnresolvedProviderPathFromPSPath(Compare);
            if (!File.Exists(_compare)) ThrowTerminatingError(DicomErrors.Create(ErrorIds.FileNotFound, $"Compare file '{_compare}' does not exist.", Compare));
        }
    }

    /// <inheritdoc />
    protected override void ProcessPath(ResolvedInputPath input)
    {
        var file = DicomFileReader.Read(input.FullPath);
        var why = DicomImageRenderer.WhyCannotRender(file);
        if (why is not null)
        {
            WriteError(DicomErrors.Create(ErrorIds.Refused, $"Cannot show '{input.FullPath}': {why}.", input.FullPath));
            return;
        }
        var other = _compare is null ? null : DicomFileReader.Read(_compare);
        if (other is not null && DicomImageRenderer.WhyCannotRender(other) is { } whyOther)
        {
            WriteError(DicomErrors.Create(ErrorIds.Refused, $"Cannot show '{_compare}': {whyOther}.", _compare));
            return;
        }
        var count = DicomImageRenderer.FrameCount(file);
        var baseName = System.IO.Path.GetFileNameWithoutExtension(input.FullPath);
        if (ContactSheet)
        {
            Emit(input, () =>
            {
                var sheet = DicomImageRenderer.ContactSheet(file, _center, _width, SheetColumns, MaxFrames);
                return other is null ? sheet : DicomImageRenderer.SideBySide(sheet, DicomImageRenderer.ContactSheet(other, _center, _width, SheetColumns, MaxFrames));
            }, baseName + "_sheet.png");
            return;
        }
        var frames = Frame is { Length: > 0 } ? Frame : new[] { 1 };
        foreach (var f in frames)
        {
            if (f > count)
            {
                WriteError(DicomErrors.Create(ErrorIds.OptionInvalid, $"'{input.FullPath}' has {count} frame(s); frame {f} does not exist.", input.FullPath));
                continue;
            }
            var name = count > 1 || frames.Length > 1 ? baseName + "_frame" + f.ToString(CultureInfo.InvariantCulture) + ".png" : baseName + ".png";
            Emit(input, () =>
            {
                var img = DicomImageRenderer.RenderFrame(file, f, _center, _width);
                if (other is null) return img;
                var of = Math.Min(f, DicomImageRenderer.FrameCount(other));
                return DicomImageRenderer.SideBySide(img, DicomImageRenderer.RenderFrame(other, of, _center, _width));
            }, name);
        }
    }

    private void Emit(ResolvedInputPath input, Func<RenderedImage> render, string name)
    {
        var target = _destinationIsFile ? _destination! : System.IO.Path.Combine(_destination!, name);
        if (!ShouldProcess(target, "Write PNG of " + input.FullPath)) return;
        if (File.Exists(target) && !Force)
        {
            WriteError(DicomErrors.Create(ErrorIds.OutputExists, $"'{target}' exists; use -Force to overwrite it.", target));
            return;
        }
        var image = render();
        var dir = System.IO.Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = target + ".tmp";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
                DicomImageRenderer.WritePng(image, fs);
            if (File.Exists(target)) File.Delete(target);
            File.Move(tmp, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(tmp)) File.Delete(tmp);
            WriteError(DicomErrors.FromException(ex, target, writing: true));
            return;
        }
        WriteVerbose($"{input.FullPath} -> {target} ({image.Width}x{image.Height}, {image.Windowing})");
        WriteObject(new FileInfo(target));
    }
}
