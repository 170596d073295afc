# End-to-end burned-in text handling through Invoke-DicomDeidentification: risk in every run, -Option CleanPixelData
# with -PixelRules (clean), quarantine (JPEG 2000, no rule) with the DicomDeid.Quarantined error and -QuarantinePath,
# and Test-DicomDeidentified passing the cleaned file. Synthetic input and pixel checks by pydicom, not our codec.
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'DicomDeid.TestHelpers.ps1')
    $script:corpus = Get-DicomDeidCorpus
    $script:python = '/usr/bin/python3'
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('dicomdeid-pixelpipe-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null
    $script:key = Join-Path $script:work 'test.key'
    New-DicomDeidKey -Path $script:key | Out-Null

    # 320x240 8-bit ultrasound, no Burned In Annotation, value 250 strokes in [12,120)x[10,24), background < 200.
    $script:makeUs = @'
import sys
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian
path, station = sys.argv[1], sys.argv[2]
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.6.1'
meta.MediaStorageSOPInstanceUID = '1.2.826.0.1.3680043.10.1.99.1'
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = FileDataset(path, {}, file_meta=meta, preamble=b'\0' * 128)
ds.is_little_endian = True; ds.is_implicit_VR = False
ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.StudyInstanceUID = '1.2.826.0.1.3680043.10.1.99.2'; ds.SeriesInstanceUID = '1.2.826.0.1.3680043.10.1.99.3'
ds.Modality = 'US'; ds.Manufacturer = 'ACME'; ds.StationName = station
ds.PatientName = 'DOE^JANE'; ds.PatientID = 'MRN12345'
ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'; ds.Rows = 240; ds.Columns = 320
ds.BitsAllocated = 8; ds.BitsStored = 8; ds.HighBit = 7; ds.PixelRepresentation = 0
px = bytearray(320 * 240)
for y in range(240):
    for x in range(320):
        inside = 12 <= x < 120 and 10 <= y < 24 and ((x // 2) + y) % 3 != 0
        px[y * 320 + x] = 250 if inside else (x + 2 * y) % 100 + 20
ds.PixelData = bytes(px)
ds.save_as(path, write_like_original=False)
'@
    function script:New-Us([string] $Path, [string] $Station) {
        New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Path) | Out-Null
        & $script:python -c $script:makeUs $Path $Station
        if ($LASTEXITCODE -ne 0) { throw "pydicom could not write $Path" }
    }

    # Returns JSON: pixel bytes inside/outside the box compared with the original, BIA, method codes.
    $script:inspect = @'
import sys, json, pydicom
a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2])
x0, y0, x1, y1 = (int(v) for v in sys.argv[3:7])
pa, pb = a.PixelData, b.PixelData
inside_nonzero = outside_changed = 0
for y in range(a.Rows):
    for x in range(a.Columns):
        i = y * a.Columns + x
        if x0 <= x < x1 and y0 <= y < y1:
            inside_nonzero += pb[i] != 0
        else:
            outside_changed += pa[i] != pb[i]
codes = [str(i.CodeValue) for i in getattr(b, 'DeidentificationMethodCodeSequence', [])]
print(json.dumps({'insideNonZero': inside_nonzero, 'outsideChanged': outside_changed,
                  'bia': str(getattr(b, 'BurnedInAnnotation', '')), 'codes': codes,
                  'station': str(getattr(b, 'StationName', '')), 'textBefore': sum(1 for v in pa if v == 250)}))
'@
    $script:rules = Join-Path $script:work 'rules.json'
    @'
{ "schema": "DicomDeid.PixelRules/1", "name": "pester", "version": "1",
  "rules": [ { "id": "pester.acme.banner",
    "conditions": [ { "attribute": "StationName", "op": "equals", "value": "ACMEUS01" }, { "attribute": "Rows", "op": "eq", "value": "240" } ],
    "regions": [ { "left": 8, "top": 6, "width": 120, "height": 22 } ] } ] }
'@ | Set-Content -LiteralPath $script:rules -Encoding utf8
}

AfterAll {
    if ($script:work -and (Test-Path -LiteralPath $script:work)) { Remove-Item -LiteralPath $script:work -Recurse -Force }
}

Describe 'Invoke-DicomDeidentification pixel pipeline' {
    It 'judges the burned-in risk in every run and warns when CleanPixelData was not requested' {
        $in = Join-Path $script:work 'risk/in'
        New-Us (Join-Path $in 'us.dcm') 'ACMEUS01'
        $r = Invoke-DicomDeidentification -Path $in -Destination (Join-Path $script:work 'risk/out') -KeyFile $script:key -WarningVariable wv -WarningAction SilentlyContinue
        $r.Status | Should -Be 'Success'
        "$($r.BurnedInRisk)" | Should -Be 'Likely'
        ($r.BurnedInRiskReasons -join ';') | Should -Match 'Modality=US'
        ($wv | ForEach-Object { "$_" }) -join "`n" | Should -Match 'burned-in text risk Likely'
        # The table view says so in its Pixels column.
        ($r | Format-Table | Out-String -Width 80) | Should -Match 'Pixels[\s\S]*risk: Likely'
    }

    It 'cleans the rule rectangle with -Option CleanPixelData -PixelRules, marks the file, and Test-DicomDeidentified passes it' {
        $in = Join-Path $script:work 'clean/in'
        $out = Join-Path $script:work 'clean/out'
        New-Us (Join-Path $in 'us.dcm') 'ACMEUS01'
        $r = Invoke-DicomDeidentification -Path $in -Destination $out -KeyFile $script:key -Option CleanPixelData -PixelRules $script:rules
        $r.Status | Should -Be 'Success'
        "$($r.PixelAction)" | Should -Be 'Clean'
        ($r | Format-Table | Out-String -Width 80) | Should -Match 'Pixels[\s\S]*Clean'
        $r.PixelRulesMatched | Should -Contain 'pester.acme.banner'
        @($r.BlankedRegions).Count | Should -Be 1
        $b = @($r.BlankedRegions)[0]
        "$($b.Frame) $($b.X0) $($b.Y0) $($b.X1) $($b.Y1)" | Should -Be '1 8 6 128 28'

        $check = & $script:python -c $script:inspect (Join-Path $in 'us.dcm') $r.Destination 8 6 128 28 | ConvertFrom-Json
        $check.textBefore | Should -BeGreaterThan 0
        $check.insideNonZero | Should -Be 0
        $check.outsideChanged | Should -Be 0
        $check.bia | Should -Be 'NO'
        $check.codes | Should -Contain '113101'
        $check.codes | Should -Not -Contain '113102'
        $check.station | Should -Not -Be 'ACMEUS01'

        Test-DicomDeidentified -Path $r.Destination -Option CleanPixelData -Quiet | Should -BeTrue
        $v = Test-DicomDeidentified -Path $r.Destination -Option CleanPixelData
        @($v.Findings | Where-Object Check -like 'burned-in*').Count | Should -Be 0
    }

    It 'quarantines a risky file that no rule covers, with the DicomDeid.Quarantined error' {
        $in = Join-Path $script:work 'norule/in'
        $out = Join-Path $script:work 'norule/out'
        New-Us (Join-Path $in 'us.dcm') 'OTHER99'
        $r = Invoke-DicomDeidentification -Path $in -Destination $out -KeyFile $script:key -Option CleanPixelData -PixelRules $script:rules -ErrorVariable ev -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Quarantined'
        $r.Written | Should -BeFalse
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.Quarantined*'
        "$($ev[0])" | Should -Match 'no pixel rule covers'
        Test-Path -LiteralPath (Join-Path $out 'us.dcm') | Should -BeFalse
    }

    It 'quarantines JPEG 2000 ultrasound (US1_J2KI) into -QuarantinePath with untouched pixels and nothing in the destination' {
        $in = Join-Path $script:work 'j2k/in'
        $out = Join-Path $script:work 'j2k/out'
        $q = Join-Path $script:work 'j2k/quarantine'
        New-Item -ItemType Directory -Force -Path $in | Out-Null
        Copy-Item -LiteralPath (Join-Path $script:corpus 'pydicom-data/US1_J2KI.dcm') -Destination $in
        $r = Invoke-DicomDeidentification -Path $in -Destination $out -KeyFile $script:key -Option CleanPixelData -QuarantinePath $q -ErrorVariable ev -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Quarantined'
        $r.ErrorId | Should -Be 'DicomDeid.Quarantined'
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.Quarantined*'
        $r.Error | Should -Match 'JPEG 2000'
        Test-Path -LiteralPath (Join-Path $out 'US1_J2KI.dcm') | Should -BeFalse
        $copy = Join-Path $q 'US1_J2KI.dcm'
        $r.QuarantinePath | Should -Be $copy
        Test-Path -LiteralPath $copy | Should -BeTrue
        $same = & $script:python -c "import sys, pydicom; a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2]); codes = [str(i.CodeValue) for i in getattr(b, 'DeidentificationMethodCodeSequence', [])]; print(a.PixelData == b.PixelData and b.PatientIdentityRemoved == 'YES' and '113101' not in codes and getattr(b, 'BurnedInAnnotation', None) == getattr(a, 'BurnedInAnnotation', None))" (Join-Path $in 'US1_J2KI.dcm') $copy
        $same | Should -Be 'True'
    }

    It 'refuses a -QuarantinePath inside the destination' {
        $in = Join-Path $script:work 'overlap/in'
        New-Us (Join-Path $in 'us.dcm') 'ACMEUS01'
        $out = Join-Path $script:work 'overlap/out'
        { Invoke-DicomDeidentification -Path $in -Destination $out -KeyFile $script:key -Option CleanPixelData -QuarantinePath (Join-Path $out 'q') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DicomDeid.DestinationInvalid*'
    }
}
