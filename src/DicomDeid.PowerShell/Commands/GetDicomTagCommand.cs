using System;
using System.Collections.Generic;
using System.Management.Automation;
using DicomDeid.Dicom;
using DicomDeid.Dicom.IO;
using DicomDeid.PowerShell.Completers;

namespace DicomDeid.PowerShell.Commands;

/// <summary>Get-DicomTag: one <see cref="DicomTagInfo"/> per data element, dcmdump-like.</summary>
[Cmdlet(VerbsCommon.Get, "DicomTag", DefaultParameterSetName = PathSet)]
[OutputType(typeof(DicomTagInfo))]
public sealed class GetDicomTagCommand : DicomCmdletBase
{
    private readonly List<TagSelector> _selectors = new();
    private readonly List<DicomTagPathStep> _steps = new();
    private DicomReadOptions? _readOptions;
    private bool _metaSelected;

    /// <summary>Keywords, tags, keyword wildcards or tag paths to list; all elements when absent.</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [TagArgumentTransformation]
    [ArgumentCompleter(typeof(DicomTagCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Tag { get; set; } = Array.Empty<string>();

    /// <summary>Lists the content of sequence items at every depth; tags match at every depth.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Also lists the File Meta Information (group 0002).</summary>
    [Parameter]
    public SwitchParameter IncludeFileMeta { get; set; }

    /// <summary>Longest value text shown.</summary>
    [Parameter]
    [ValidateRange(8, 1048576)]
    public int MaxValueLength { get; set; } = 256;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        foreach (var t in Tag)
        {
            try
            {
                _selectors.Add(TagSelector.Parse(t));
            }
            catch (FormatException ex)
            {
                ThrowTerminatingError(DicomErrors.Create(ErrorIds.TagInvalid,
                    new ArgumentException($"-Tag '{t}': {ex.Message} Use a keyword (PatientName), a tag ((0010,0010)), a keyword wildcard (Patient*) or a tag path (ReferencedSeriesSequence[0].SeriesInstanceUID).", nameof(Tag), ex), t));
            }
        }
        foreach (var s in _selectors)
            if (s.LastTopLevelTag is DicomTag t && t.Group == 0x0002) _metaSelected = true;
        // Only top-level tags and paths asked for: stop reading after the last one (no pixel data, no private blobs after it).
        if (_selectors.Count > 0 && !Recurse)
        {
            var last = default(DicomTag);
            foreach (var s in _selectors)
            {
                if (s.LastTopLevelTag is not DicomTag t) return;
                if (t > last) last = t;
            }
            _readOptions = new DicomReadOptions { StopAfterTag = last };
        }
    }

    /// <inheritdoc />
    protected override void ProcessPath(ResolvedInputPath input)
    {
        var file = DicomFileReader.Read(input.FullPath, _readOptions);
        foreach (var w in DicomElementText.UserWarnings(file)) WriteWarning(input.FullPath + ": " + w);
        _steps.Clear();
        if (IncludeFileMeta || _metaSelected) Visit(input.FullPath, file.FileMetaInformation, false);
        _steps.Clear();
        Visit(input.FullPath, file.Dataset, false);
    }

    private void Visit(string path, DicomDataset dataset, bool ancestorSelected)
    {
        foreach (var element in dataset)
        {
            if (Cancellation.IsCancellationRequested) return;
            _steps.Add(new DicomTagPathStep(element.Tag, null));
            var selected = ancestorSelected || IsSelected();
            if (selected)
            {
                var tag = element.Tag;
                var creator = tag.IsPrivateData ? dataset.GetPrivateCreator(tag) : null;
                var text = DicomElementText.Format(element, dataset.CharacterSet, MaxValueLength);
                WriteObject(new DicomTagInfo(path, new DicomTagPath(_steps), element, creator, text));
            }
            if (element is DicomSequence seq && (Recurse || _selectors.Count > 0))
            {
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    _steps[_steps.Count - 1] = new DicomTagPathStep(element.Tag, i);
                    // Without -Recurse only explicit paths reach inside; a selected sequence brings its content with -Recurse.
                    Visit(path, seq.Items[i], selected && Recurse && (ancestorSelected || _selectors.Count > 0));
                }
            }
            _steps.RemoveAt(_steps.Count - 1);
        }
    }

    private bool IsSelected()
    {
        if (_selectors.Count == 0) return _steps.Count == 1 || Recurse;
        foreach (var s in _selectors)
            if (s.Matches(_steps, Recurse)) return true;
        return false;
    }
}
