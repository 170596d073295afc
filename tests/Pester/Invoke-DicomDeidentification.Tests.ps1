# End-to-end tests of Invoke-DicomDeidentification: real files from ../shared/corpus/public and synthetic ones
# (written with pydicom), outputs checked with dcmdump and pydicom.
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    $moduleDir = Split-Path -Parent $env:DICOMDEID_MODULE_PATH
    # Until the manifest exports the batch cmdlets and lists the audit views, load them from the module folder.
    if (-not (Get-Command Invoke-DicomDeidentification -Module DicomDeid -ErrorAction Ignore)) {
        Import-Module (Join-Path $moduleDir 'DicomDeid.dll') -Force
    }
    if (-not (Get-FormatData -TypeName 'DicomDeid.Engine.Audit.DeidAuditRecord')) {
        Update-FormatData -PrependPath (Join-Path $moduleDir 'DicomDeid.Audit.format.ps1xml')
    }

    $root = $PSScriptRoot
    while ($root -and -not (Test-Path (Join-Path $root 'DicomDeid.sln'))) { $root = Split-Path -Parent $root }
    $script:corpus = Join-Path (Split-Path -Parent $root) 'shared/corpus/public'
    if (-not (Test-Path (Join-Path $script:corpus 'manifest.tsv'))) {
        throw "The public corpus is missing: expected $script:corpus (../shared next to the repository)."
    }
    $script:python = '/usr/bin/python3'

    function script:Get-Sha256([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }

    function script:Read-Dicom([string] $Path, [string[]] $Keywords) {
        # pydicom reads the file; returns keyword -> string value (nested: ReferencedImageSequence[0].ReferencedSOPInstanceUID).
        $code = @'
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
out = {}
for k in sys.argv[2:]:
    cur = ds
    for part in k.split('.'):
        if '[' in part:
            name, idx = part[:-1].split('[')
            cur = getattr(cur, name)[int(idx)]
        else:
            cur = getattr(cur, part, None)
        if cur is None: break
    out[k] = None if cur is None else str(cur)
print(json.dumps(out))
'@
        $json = & $script:python -c $code $Path @Keywords
        if ($LASTEXITCODE -ne 0) { throw "pydicom could not read $Path" }
        $json | ConvertFrom-Json
    }

    # The input tree: corpus files in two patient folders plus a synthetic two-file study with a cross reference.
    $script:in = Join-Path $TestDrive 'in'
    New-Item -ItemType Directory -Path (Join-Path $in 'p1/mr'), (Join-Path $in 'p1/rt'), (Join-Path $in 'p2'), (Join-Path $in 'study') -Force | Out-Null
    Copy-Item (Join-Path $corpus 'pydicom/test_files/MR_small.dcm') (Join-Path $in 'p1/mr/MR_small.dcm')
    Copy-Item (Join-Path $corpus 'pydicom/test_files/MR_small_implicit.dcm') (Join-Path $in 'p1/mr/MR_small_implicit.dcm')
    Copy-Item (Join-Path $corpus 'pydicom/test_files/rtplan.dcm') (Join-Path $in 'p1/rt/rtplan.dcm')
    Copy-Item (Join-Path $corpus 'pydicom/test_files/CT_small.dcm') (Join-Path $in 'p2/CT_small.dcm')
    Copy-Item (Join-Path $corpus 'pydicom/test_files/test-SR.dcm') (Join-Path $in 'p2/test-SR.dcm')
    $gen = @'
import sys, pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian
def make(path, sop, ref=None):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(path, {}, file_meta=meta, preamble=b'\0' * 128)
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    ds.SOPInstanceUID = sop
    ds.StudyInstanceUID = '1.2.826.0.1.3680043.8.498.100'
    ds.SeriesInstanceUID = '1.2.826.0.1.3680043.8.498.101'
    ds.PatientName = 'Doe^Jane'
    ds.PatientID = 'MRN-0042'
    ds.PatientBirthDate = '19700101'
    ds.StudyDate = '20240102'
    ds.AccessionNumber = 'ACC-77'
    ds.Modality = 'OT'
    ds.ConversionType = 'WSD'
    if ref:
        item = Dataset()
        item.ReferencedSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
        item.ReferencedSOPInstanceUID = ref
        ds.SourceImageSequence = [item]
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(path, write_like_original=False)
d = sys.argv[1]
make(d + '/a.dcm', '1.2.826.0.1.3680043.8.498.1001')
make(d + '/b.dcm', '1.2.826.0.1.3680043.8.498.1002', ref='1.2.826.0.1.3680043.8.498.1001')
'@
    & $python -c $gen (Join-Path $in 'study')
    if ($LASTEXITCODE -ne 0) { throw 'pydicom could not write the synthetic study' }

    $script:inputFiles = @(Get-ChildItem -LiteralPath $in -Recurse -File)
    $script:inputHashes = @{}
    foreach ($f in $inputFiles) { $inputHashes[$f.FullName] = Get-Sha256 $f.FullName }

    $script:keyFile = Join-Path $TestDrive 'project.key'
    New-DicomDeidKey -Path $keyFile | Out-Null

    # One run that most tests look at.
    $script:out = Join-Path $TestDrive 'out'
    $script:log = Join-Path $TestDrive 'audit.jsonl'
    $script:records = @(Invoke-DicomDeidentification -Path $in -Recurse -Destination $out -KeyFile $keyFile -AuditLog $log -ErrorVariable runErrors -WarningVariable runWarnings 3>$null)
    $script:runErrors = $runErrors
}

Describe 'Invoke-DicomDeidentification on a folder tree' {
    It 'writes one audit record per input file, all successful' {
        $records.Count | Should -Be $inputFiles.Count
        $records | ForEach-Object { $_ | Should -BeOfType ([DicomDeid.Engine.Audit.DeidAuditRecord]) }
        @($records | Where-Object Status -ne 'Success').Count | Should -Be 0 -Because (($records | Where-Object Status -ne 'Success' | ForEach-Object { "$($_.Source): $($_.Error)" }) -join '; ')
        $runErrors.Count | Should -Be 0
    }

    It 'mirrors the input tree under the destination' {
        $expected = $inputFiles | ForEach-Object { $_.FullName.Substring($in.Length) } | Sort-Object
        $actual = Get-ChildItem -LiteralPath $out -Recurse -File | ForEach-Object { $_.FullName.Substring($out.Length) } | Sort-Object
        $actual | Should -Be $expected
        foreach ($r in $records) { $r.Destination | Should -Be (Join-Path $out $r.Source.Substring($in.Length + 1)) }
    }

    It 'leaves the originals unchanged (SHA-256)' {
        foreach ($f in $inputFiles) { Get-Sha256 $f.FullName | Should -Be $inputHashes[$f.FullName] }
        (Get-ChildItem -LiteralPath $in -Recurse -File).Count | Should -Be $inputFiles.Count
    }

    It 'records input and output hashes that match the files' {
        foreach ($r in $records) {
            $r.InputSha256 | Should -Be $inputHashes[$r.Source].ToLowerInvariant()
            $r.OutputSha256 | Should -Be (Get-Sha256 $r.Destination).ToLowerInvariant()
            $r.KeyFingerprint | Should -Not -BeNullOrEmpty
            $r.ProfileName | Should -Be 'Basic'
            $r.ChangeCount | Should -BeGreaterThan 0
            $r.SopInstanceUidAfter | Should -Match '^2\.25\.\d+$'
        }
    }

    It 'never puts the original SOP Instance UID in the record or the log' {
        $r = $records | Where-Object { $_.Source -like '*study*a.dcm' }
        $r.SopInstanceUidBeforeHash | Should -Not -BeNullOrEmpty
        $r.SopInstanceUidBeforeHash | Should -Not -Match '1\.2\.826\.0\.1\.3680043\.8\.498\.1001'
        Get-Content -LiteralPath $log -Raw | Should -Not -Match '1\.2\.826\.0\.1\.3680043\.8\.498\.100'
    }

    It 'produces files that dcmdump parses' {
        foreach ($r in $records) {
            $null = & dcmdump $r.Destination 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "dcmdump must parse $($r.Destination)"
        }
    }

    It 'produces files that pydicom reads, with Patient Identity Removed = YES and no original name' {
        foreach ($r in $records) {
            $v = Read-Dicom $r.Destination @('PatientIdentityRemoved', 'SOPInstanceUID', 'PatientName')
            $v.PatientIdentityRemoved | Should -Be 'YES'
            $v.SOPInstanceUID | Should -Be $r.SopInstanceUidAfter
        }
        $b = Read-Dicom (Join-Path $out 'study/b.dcm') @('PatientName', 'PatientID')
        $b.PatientName | Should -Not -Match 'Doe'
        $b.PatientID | Should -Not -Be 'MRN-0042'
    }

    It 'keeps references across files: the Referenced SOP Instance UID in one file is the new SOP Instance UID of the other' {
        $a = Read-Dicom (Join-Path $out 'study/a.dcm') @('SOPInstanceUID', 'StudyInstanceUID')
        $b = Read-Dicom (Join-Path $out 'study/b.dcm') @('SourceImageSequence[0].ReferencedSOPInstanceUID', 'StudyInstanceUID', 'SourceImageSequence[0].ReferencedSOPClassUID')
        $a.SOPInstanceUID | Should -Not -Be '1.2.826.0.1.3680043.8.498.1001'
        $b.'SourceImageSequence[0].ReferencedSOPInstanceUID' | Should -Be $a.SOPInstanceUID
        $b.StudyInstanceUID | Should -Be $a.StudyInstanceUID
        $b.'SourceImageSequence[0].ReferencedSOPClassUID' | Should -Be '1.2.840.10008.5.1.4.1.1.7'
    }

    It 'appends a JSON-lines audit log: run header, one line per file, summary' {
        $lines = @(Get-Content -LiteralPath $log | ForEach-Object { $_ | ConvertFrom-Json })
        $lines[0].Type | Should -Be 'RunHeader'
        $lines[0].KeyFingerprint | Should -Be $records[0].KeyFingerprint
        $lines[0].ProfileName | Should -Be 'Basic'
        $lines[0].MachineName | Should -Be ([Environment]::MachineName)
        @($lines | Where-Object Type -eq 'File').Count | Should -Be $inputFiles.Count
        $lines[-1].Type | Should -Be 'RunSummary'
        @($lines | Where-Object Type -eq 'File' | Where-Object RunId -ne $lines[0].RunId).Count | Should -Be 0
    }

    It 'shows a narrow table view' {
        $text = $records | Select-Object -First 2 | Format-Table | Out-String -Width 80
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Match 'Status'
        $text | Should -Match 'Time\(ms\)'
        $text | Should -Match 'Changes'
        $text | Should -Match 'Success'
        $text | Should -Not -Match 'InputSha256'
    }
}

Describe 'Invoke-DicomDeidentification keys and repeat runs' {
    It 'gives the same pseudonyms and bytes with the same key in a later run' {
        $out2 = Join-Path $TestDrive 'out-again'
        $again = @(Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study') -Destination $out2 -KeyFile $keyFile)
        $again.Count | Should -Be 2
        foreach ($name in 'a.dcm', 'b.dcm') {
            Get-Sha256 (Join-Path $out2 $name) | Should -Be (Get-Sha256 (Join-Path $out "study/$name"))
        }
        $first = Read-Dicom (Join-Path $out 'study/a.dcm') @('PatientID', 'PatientName', 'AccessionNumber')
        $second = Read-Dicom (Join-Path $out2 'a.dcm') @('PatientID', 'PatientName', 'AccessionNumber')
        $second.PatientID | Should -Be $first.PatientID
        $second.PatientName | Should -Be $first.PatientName
    }

    It 'two runs on two halves with the same key equal one run on the whole, byte for byte' {
        $halves = Join-Path $TestDrive 'halves'
        $files = @(Get-ChildItem -LiteralPath $in -Recurse -File | Sort-Object FullName)
        $half = [int][math]::Floor($files.Count / 2)
        $null = $files[0..($half - 1)] | Invoke-DicomDeidentification -Destination $halves -KeyFile $keyFile -ThrottleLimit 1
        $null = $files[$half..($files.Count - 1)] | Invoke-DicomDeidentification -Destination $halves -KeyFile $keyFile -ThrottleLimit 2
        # Files piped one by one land under their own folder's name: compare each with the whole run's output.
        foreach ($f in $files) {
            Get-Sha256 (Join-Path $halves $f.Name) | Should -Be (Get-Sha256 (Join-Path $out $f.FullName.Substring($in.Length + 1)))
        }
    }

    It 'reports input that is already de-identified, with a warning' {
        $o = Join-Path $TestDrive 'twice'
        $r = @(Invoke-DicomDeidentification -LiteralPath (Join-Path $out 'study') -Destination $o -KeyFile $keyFile -WarningVariable w 3>$null)
        $r.Count | Should -Be 2
        $r | ForEach-Object { $_.Status | Should -Be 'AlreadyDeidentified' }
        ($w -join ' ') | Should -Match 'Patient Identity Removed'
        Test-Path (Join-Path $o 'a.dcm') | Should -BeTrue
    }

    It 'takes pseudonyms from -PseudonymTable and writes a -CrosswalkPath' {
        $table = Join-Path $TestDrive 'pseudonyms.csv'
        Set-Content -LiteralPath $table -Value "original,replacement`nMRN-0042,STUDY-SUBJECT-7"
        $cw = Join-Path $TestDrive 'cw/crosswalk.csv'
        $o = Join-Path $TestDrive 'pseudo'
        $r = @(Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study') -Destination $o -KeyFile $keyFile -PseudonymTable $table -CrosswalkPath $cw)
        $r.Count | Should -Be 2
        (Read-Dicom (Join-Path $o 'a.dcm') @('PatientID')).PatientID | Should -Be 'STUDY-SUBJECT-7'
        $rows = @(Import-Csv -LiteralPath $cw)
        $rows.Count | Should -BeGreaterThan 0
        ($rows | Where-Object original -eq 'MRN-0042').pseudonym | Should -Be 'STUDY-SUBJECT-7'
        $name = (Read-Dicom (Join-Path $o 'a.dcm') @('PatientName')).PatientName
        ($rows | Where-Object original -eq 'Doe^Jane').pseudonym | Should -Be $name
        # The crosswalk holds identity; the audit log and records never do.
        ($r | ConvertTo-Json -Depth 5) | Should -Not -Match 'MRN-0042|Doe\^Jane'
    }

    It 'stops with DicomDeid.LookupTableInvalid for a malformed pseudonym table' {
        $table = Join-Path $TestDrive 'bad.csv'
        Set-Content -LiteralPath $table -Value "original,replacement`na,b,c"
        { Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study') -Destination (Join-Path $TestDrive 'badtable') -KeyFile $keyFile -PseudonymTable $table } |
            Should -Throw -ErrorId 'DicomDeid.LookupTableInvalid*'
    }

    It 'warns and uses a run-only key when no key is given' {
        $o = Join-Path $TestDrive 'nokey'
        $r = @(Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study/a.dcm') -Destination $o -WarningVariable w 3>$null)
        $r[0].Status | Should -Be 'Success'
        ($w -join ' ') | Should -Match 'will not agree'
        $r[0].KeyFingerprint | Should -Not -Be $records[0].KeyFingerprint
    }

    It 'derives the same key from the same -Key passphrase' {
        $pass = ConvertTo-SecureString 'correct horse battery staple' -AsPlainText -Force
        $r1 = Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study/a.dcm') -Destination (Join-Path $TestDrive 'pp1') -Key $pass
        $r2 = Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study/a.dcm') -Destination (Join-Path $TestDrive 'pp2') -Key $pass
        $r1.KeyFingerprint | Should -Be $r2.KeyFingerprint
        $r1.OutputSha256 | Should -Be $r2.OutputSha256
    }

    It 'stops with DicomDeid.KeyFileNotFound for a missing key file, writing nothing' {
        $o = Join-Path $TestDrive 'missing-key'
        { Invoke-DicomDeidentification -Path $in -Recurse -Destination $o -KeyFile (Join-Path $TestDrive 'nope.key') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DicomDeid.KeyFileNotFound*'
        Test-Path $o | Should -BeFalse
    }

    It 'stops with DicomDeid.KeyInvalid for a file that is not a key' {
        $bad = Join-Path $TestDrive 'bad.key'
        Set-Content -LiteralPath $bad -Value 'not a key'
        { Invoke-DicomDeidentification -Path $in -Recurse -Destination (Join-Path $TestDrive 'badkey') -KeyFile $bad } |
            Should -Throw -ErrorId 'DicomDeid.KeyInvalid*'
    }
}

Describe 'Invoke-DicomDeidentification safety' {
    It 'writes nothing with -WhatIf (no outputs, no audit log)' {
        $o = Join-Path $TestDrive 'whatif'
        $l = Join-Path $TestDrive 'whatif.jsonl'
        $r = @(Invoke-DicomDeidentification -Path $in -Recurse -Destination $o -KeyFile $keyFile -AuditLog $l -WhatIf)
        $r.Count | Should -Be 0
        Test-Path $o | Should -BeFalse
        Test-Path $l | Should -BeFalse
    }

    It 'refuses a destination inside the input folder' {
        { Invoke-DicomDeidentification -Path $in -Recurse -Destination (Join-Path $in 'deid') -KeyFile $keyFile } |
            Should -Throw -ErrorId 'DicomDeid.DestinationInvalid*'
        Test-Path (Join-Path $in 'deid') | Should -BeFalse
    }

    It 'needs -Destination or -InPlace' {
        { Invoke-DicomDeidentification -Path $in -KeyFile $keyFile } | Should -Throw -ErrorId 'DicomDeid.DestinationInvalid*'
    }

    It 'skips existing outputs with a warning unless -Force' {
        $o = Join-Path $TestDrive 'exists'
        New-Item -ItemType Directory -Path $o | Out-Null
        Set-Content -LiteralPath (Join-Path $o 'a.dcm') -Value 'keep me'
        $r = @(Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study') -Destination $o -KeyFile $keyFile -WarningVariable w 3>$null)
        ($r | Where-Object { $_.Source -like '*a.dcm' }).Status | Should -Be 'Skipped'
        ($r | Where-Object { $_.Source -like '*a.dcm' }).ErrorId | Should -Be 'DicomDeid.OutputExists'
        ($w -join ' ') | Should -Match '-Force'
        Get-Content -LiteralPath (Join-Path $o 'a.dcm') | Should -Be 'keep me'
        $f = @(Invoke-DicomDeidentification -LiteralPath (Join-Path $in 'study') -Destination $o -KeyFile $keyFile -Force)
        @($f | Where-Object Status -eq 'Success').Count | Should -Be 2
        Get-Sha256 (Join-Path $o 'a.dcm') | Should -Be (Get-Sha256 (Join-Path $out 'study/a.dcm'))
    }

    It 'rewrites in place only with -InPlace' {
        $copy = Join-Path $TestDrive 'inplace'
        Copy-Item -LiteralPath (Join-Path $in 'study') -Destination $copy -Recurse
        $before = Get-Sha256 (Join-Path $copy 'a.dcm')
        $r = @(Invoke-DicomDeidentification -LiteralPath $copy -InPlace -KeyFile $keyFile -Confirm:$false)
        $r.Count | Should -Be 2
        Get-Sha256 (Join-Path $copy 'a.dcm') | Should -Not -Be $before
        Get-Sha256 (Join-Path $copy 'a.dcm') | Should -Be (Get-Sha256 (Join-Path $out 'study/a.dcm'))
        @(Get-ChildItem -LiteralPath $copy -Force).Count | Should -Be 2
    }
}

Describe 'Invoke-DicomDeidentification with bad input' {
    BeforeAll {
        $script:mixed = Join-Path $TestDrive 'mixed'
        New-Item -ItemType Directory -Path $mixed | Out-Null
        Copy-Item (Join-Path $in 'study/a.dcm') (Join-Path $mixed 'good1.dcm')
        Copy-Item (Join-Path $in 'study/b.dcm') (Join-Path $mixed 'good2.dcm')
        # A real file cut in the middle of its dataset: DICOM, but damaged.
        $bytes = [IO.File]::ReadAllBytes((Join-Path $in 'p1/mr/MR_small.dcm'))
        [IO.File]::WriteAllBytes((Join-Path $mixed 'corrupt.dcm'), $bytes[0..1199])
        Set-Content -LiteralPath (Join-Path $mixed 'readme.txt') -Value 'not DICOM'
        $script:mixedOut = Join-Path $TestDrive 'mixed-out'
        $script:mixedRecords = @(Invoke-DicomDeidentification -LiteralPath $mixed -Destination $mixedOut -KeyFile $keyFile -ErrorVariable mixedErrors -ErrorAction SilentlyContinue -WarningVariable mixedWarnings 3>$null)
        $script:mixedErrors = $mixedErrors
        $script:mixedWarnings = $mixedWarnings
    }

    It 'gives a corrupt file a non-terminating DicomDeid.InvalidDicom error and goes on' {
        $mixedRecords.Count | Should -Be 4
        $c = $mixedRecords | Where-Object { $_.Source -like '*corrupt.dcm' }
        $c.Status | Should -Be 'Failed'
        $c.ErrorId | Should -Be 'DicomDeid.InvalidDicom'
        @($mixedErrors | Where-Object { $_.FullyQualifiedErrorId -like 'DicomDeid.InvalidDicom*' }).Count | Should -Be 1
        @($mixedRecords | Where-Object Status -eq 'Success').Count | Should -Be 2
        Test-Path (Join-Path $mixedOut 'corrupt.dcm') | Should -BeFalse
    }

    It 'skips a non-DICOM file with a warning' {
        $t = $mixedRecords | Where-Object { $_.Source -like '*readme.txt' }
        $t.Status | Should -Be 'Skipped'
        $t.ErrorId | Should -Be 'DicomDeid.NotDicom'
        ($mixedWarnings -join ' ') | Should -Match 'readme\.txt'
        Test-Path (Join-Path $mixedOut 'readme.txt') | Should -BeFalse
    }

    It 'leaves no temp file behind' {
        @(Get-ChildItem -LiteralPath $mixedOut -Recurse -Force -Filter '*.dicomdeid-tmp').Count | Should -Be 0
    }

    It 'reports a path that does not exist and goes on' {
        $r = @(Invoke-DicomDeidentification -Path (Join-Path $in 'study/a.dcm'), (Join-Path $TestDrive 'nope.dcm') -Destination (Join-Path $TestDrive 'nf') -KeyFile $keyFile -ErrorVariable e -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 1
        @($e | Where-Object { $_.FullyQualifiedErrorId -like 'DicomDeid.FileNotFound*' }).Count | Should -Be 1
    }

    It 'stops with a terminating error naming the line for a broken profile file' {
        $p = Join-Path $TestDrive 'broken-profile.json'
        Set-Content -LiteralPath $p -Value "{`n  `"schemaVersion`": 1, `"name`": `"Broken`",`n  `"rules`": [`n    { `"id`": `"r1`", `"match`": { `"keyword`": `"PatientName`" }, `"action`": `"obliterate`" }`n  ]`n}"
        $err = $null
        try { Invoke-DicomDeidentification -Path $in -Recurse -Destination (Join-Path $TestDrive 'bp') -KeyFile $keyFile -Profile $p; throw 'no error' }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DicomDeid.ProfileInvalid*'
        $err.Exception.Message | Should -Match 'line \d+'
        Test-Path (Join-Path $TestDrive 'bp') | Should -BeFalse
    }

    It 'stops with DicomDeid.OptionInvalid and the valid names for an unknown option' {
        $err = $null
        try { Invoke-DicomDeidentification -Path $in -Destination (Join-Path $TestDrive 'bo') -KeyFile $keyFile -Option RetainEverything; throw 'no error' }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DicomDeid.OptionInvalid*'
        $err.Exception.Message | Should -Match 'RetainSafePrivate'
    }

    It 'accepts FileInfo objects from Get-ChildItem' {
        $r = @(Get-ChildItem -LiteralPath (Join-Path $in 'study') -File | Invoke-DicomDeidentification -Destination (Join-Path $TestDrive 'gci') -KeyFile $keyFile)
        $r.Count | Should -Be 2
        @($r | Where-Object Status -eq 'Success').Count | Should -Be 2
    }

    It 'accepts objects from Get-DicomFile, filtered on their properties' {
        $r = @(Get-DicomFile -Path $in -Recurse | Where-Object Modality -eq 'MR' | Invoke-DicomDeidentification -Destination (Join-Path $TestDrive 'gdf') -KeyFile $keyFile)
        $r.Count | Should -Be 2
        $r.Source | ForEach-Object { $_ | Should -BeLike '*MR_small*' }
        @($r | Where-Object Status -eq 'Success').Count | Should -Be 2
        Get-Sha256 (Join-Path $TestDrive 'gdf/MR_small.dcm') | Should -Be (Get-Sha256 (Join-Path $out 'p1/mr/MR_small.dcm'))
    }

    It 'completes profile and option names' {
        $c = TabExpansion2 -inputScript 'Invoke-DicomDeidentification -Profile Hip' -cursorColumn 41
        $c.CompletionMatches.CompletionText | Should -Contain 'HipaaSafeHarbor'
        $c = TabExpansion2 -inputScript 'Invoke-DicomDeidentification -Option RetainSafe' -cursorColumn 47
        $c.CompletionMatches.CompletionText | Should -Contain 'RetainSafePrivate'
    }
}

Describe 'Invoke-DicomDeidentification killed mid-run' {
    It 'leaves no partial file under a final name, and an audit log complete up to the last finished file' {
        $big = Join-Path $TestDrive 'big'
        New-Item -ItemType Directory -Path $big | Out-Null
        # 12 files of 16 MB pixel data each: long enough to kill the run half way.
        $gen = @'
import sys, numpy
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian
for i in range(12):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    meta.MediaStorageSOPInstanceUID = '1.2.826.0.1.3680043.8.498.2%04d' % i
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset('x', {}, file_meta=meta, preamble=b'\0' * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = 'Big^Patient'; ds.PatientID = 'BIG-1'; ds.Modality = 'OT'
    ds.Rows = 2048; ds.Columns = 4096; ds.BitsAllocated = 16; ds.BitsStored = 16; ds.HighBit = 15
    ds.SamplesPerPixel = 1; ds.PixelRepresentation = 0; ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.PixelData = (numpy.arange(2048 * 4096, dtype=numpy.uint32) * (i + 1) % 65521).astype(numpy.uint16).tobytes()
    ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.save_as(sys.argv[1] + '/f%02d.dcm' % i, write_like_original=False)
'@
        & $python -c $gen $big
        if ($LASTEXITCODE -ne 0) { throw 'could not write the large files' }

        $ref = Join-Path $TestDrive 'big-ref'
        $null = Invoke-DicomDeidentification -LiteralPath $big -Destination $ref -KeyFile $keyFile

        $killed = Join-Path $TestDrive 'big-killed'
        $killedLog = Join-Path $TestDrive 'big-killed.jsonl'
        $script = Join-Path $TestDrive 'run.ps1'
        Set-Content -LiteralPath $script -Value @"
Import-Module '$env:DICOMDEID_MODULE_PATH'
if (-not (Get-Command Invoke-DicomDeidentification -ErrorAction Ignore)) { Import-Module (Join-Path '$(Split-Path -Parent $env:DICOMDEID_MODULE_PATH)' 'DicomDeid.dll') -Force }
Invoke-DicomDeidentification -LiteralPath '$big' -Destination '$killed' -KeyFile '$keyFile' -AuditLog '$killedLog' -ThrottleLimit 1 | Out-Null
"@
        $pwsh = Join-Path $PSHOME 'pwsh'
        $psi = if (Test-Path -LiteralPath $pwsh) { [Diagnostics.ProcessStartInfo]::new($pwsh) } else { [Diagnostics.ProcessStartInfo]::new('dotnet'); }
        if (-not (Test-Path -LiteralPath $pwsh)) { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $script) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $proc = [Diagnostics.Process]::Start($psi)
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline -and -not $proc.HasExited) {
            if ((Test-Path -LiteralPath $killedLog) -and @(Get-Content -LiteralPath $killedLog | Where-Object { $_ -like '{"Type":"File"*' }).Count -ge 3) { break }
            Start-Sleep -Milliseconds 10
        }
        $proc.Kill($true)
        $proc.WaitForExit()

        $lines = @(Get-Content -LiteralPath $killedLog | ForEach-Object { $_ | ConvertFrom-Json })
        $lines[0].Type | Should -Be 'RunHeader'
        $lines.Type | Should -Not -Contain 'RunSummary' -Because 'the run must have been killed before it finished'
        $finals = @(Get-ChildItem -LiteralPath $killed -File)
        $finals.Count | Should -BeLessThan 12
        $finals.Count | Should -BeGreaterOrEqual 3
        # Every file under a final name is complete: byte-identical to the finished run's output.
        foreach ($f in $finals) { Get-Sha256 $f.FullName | Should -Be (Get-Sha256 (Join-Path $ref $f.Name)) }
        # Every logged file exists and matches its logged hash.
        foreach ($l in $lines | Where-Object Type -eq 'File') { (Get-Sha256 $l.Destination).ToLowerInvariant() | Should -Be $l.OutputSha256 }

        # The next run into the folder removes the stale temp file and finishes the job.
        $again = @(Invoke-DicomDeidentification -LiteralPath $big -Destination $killed -KeyFile $keyFile -WarningAction SilentlyContinue)
        @($again | Where-Object Status -eq 'Success').Count | Should -Be (12 - $finals.Count)
        @(Get-ChildItem -LiteralPath $killed -Force -Filter '*.dicomdeid-tmp').Count | Should -Be 0
        foreach ($f in Get-ChildItem -LiteralPath $ref -File) { Get-Sha256 (Join-Path $killed $f.Name) | Should -Be (Get-Sha256 $f.FullName) }
    }
}
