BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'DicomDeid.TestHelpers.ps1')
    $corpus = Get-DicomDeidCorpus
    $manifest = Get-DicomDeidCorpusManifest
    $ct = Join-Path $corpus 'pydicom/test_files/CT_small.dcm'
}

Describe 'Get-DicomFile on the public corpus' {
    It 'reads every DICOM file of the manifest with its transfer syntax and modality' {
        # no_meta.dcm starts with a stray byte before its first tag: dcmdump refuses it too.
        $damaged = @('pydicom/test_files/no_meta.dcm')
        $rows = @($manifest | Where-Object { $_.pydicom_2_3_1 -notlike 'auxiliary*' })
        $rows.Count | Should -BeGreaterThan 40
        $problems = foreach ($row in $rows) {
            $path = Join-Path $corpus $row.file
            $info = Get-DicomFile -LiteralPath $path -ErrorVariable err -ErrorAction SilentlyContinue
            if ($row.file -in $damaged) {
                if (-not $err -or $err[0].FullyQualifiedErrorId -notmatch '^DicomDeid\.(NotDicom|InvalidDicom),' -or $err[0].TargetObject -ne $path) { "$($row.file): damaged, expected a NotDicom/InvalidDicom error naming it" }
                continue
            }
            if ($err) { "$($row.file): $($err[0].Exception.Message)"; continue }
            if ($row.transfer_syntax_uid -and $info.TransferSyntaxUID -ne $row.transfer_syntax_uid) { "$($row.file): transfer syntax $($info.TransferSyntaxUID), manifest $($row.transfer_syntax_uid)" }
            if ($info.Modality -ne $row.modality) { "$($row.file): modality '$($info.Modality)', manifest '$($row.modality)'" }
            if ($info.Length -ne [long]$row.size) { "$($row.file): length $($info.Length), manifest $($row.size)" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'fills the identifying header properties' {
        $f = Get-DicomFile -LiteralPath $ct
        $f.SOPClassUID | Should -Be '1.2.840.10008.5.1.4.1.1.2'
        $f.SOPClassName | Should -Be 'CT Image Storage'
        $f.SOPInstanceUID | Should -Match '^1\.3\.6\.1\.4\.1\.5962\.'
        $f.PatientID | Should -Be '1CT1'
        $f.StudyInstanceUID | Should -Not -BeNullOrEmpty
        $f.SeriesInstanceUID | Should -Not -BeNullOrEmpty
        $f.TransferSyntax | Should -Be 'Explicit VR Little Endian'
        $f.HasPreamble | Should -BeTrue
        $f.Warnings | Should -BeNullOrEmpty
        $f.Name | Should -Be 'CT_small.dcm'
        $f.FullName | Should -Be $f.Path
    }

    It 'reads the whole dataset only through the File property (pixel data deferred)' {
        $f = Get-DicomFile -LiteralPath $ct
        $pixels = $f.Dataset.Get([DicomDeid.Dicom.DicomTag]::PixelData)
        $pixels | Should -Not -BeNullOrEmpty
        $pixels.Value.IsDeferred | Should -BeTrue
    }

    It 'expands wildcards like Get-ChildItem does' {
        $pattern = Join-Path $corpus 'pydicom/test_files/MR_small*.dcm'
        $expected = @(Get-ChildItem -Path $pattern).Count
        $expected | Should -BeGreaterThan 2
        @(Get-DicomFile -Path $pattern).Count | Should -Be $expected
    }

    It 'takes a folder, and its subfolders with -Recurse' {
        $dicomdir = Join-Path $corpus 'pydicom/test_files/dicomdirtests/98892003'
        @(Get-DicomFile -Path $dicomdir -ErrorAction SilentlyContinue).Count | Should -Be 0
        $all = @(Get-DicomFile -Path $dicomdir -Recurse)
        $all.Count | Should -Be @(Get-ChildItem -LiteralPath $dicomdir -Recurse -File).Count
        $all.Modality | Sort-Object -Unique | Should -Be 'MR'
    }
}

Describe 'Get-DicomFile on synthetic files' {
    BeforeAll {
        $dir = Join-Path $TestDrive 'set'
        New-Item -ItemType Directory -Path (Join-Path $dir 'sub') -Force | Out-Null
        New-TestDicomSample -LiteralPath (Join-Path $dir 'one.dcm') | Out-Null
        New-TestDicomSample -LiteralPath (Join-Path $dir 'scan [1].dcm') -PatientID 'BRACKET' | Out-Null
        New-TestDicomSample -LiteralPath (Join-Path $dir 'sub/two.dcm') -PatientID 'NESTED' | Out-Null
        Set-Content -LiteralPath (Join-Path $dir 'notes.txt') -Value 'not a DICOM file'
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $dir 'one.dcm'))
        [System.IO.File]::WriteAllBytes((Join-Path $dir 'sub/broken.dcm'), $bytes[0..(200)])
    }

    It 'reads a file whose name has brackets with -LiteralPath' {
        $f = Get-DicomFile -LiteralPath (Join-Path $dir 'scan [1].dcm')
        $f.PatientID | Should -Be 'BRACKET'
        $f.Name | Should -Be 'scan [1].dcm'
    }

    It 'resolves relative paths against the current PowerShell location' {
        Push-Location -LiteralPath $dir
        try {
            (Get-DicomFile -LiteralPath 'scan [1].dcm').PatientID | Should -Be 'BRACKET'
            (Get-DicomFile -Path './sub/tw?.dcm').PatientID | Should -Be 'NESTED'
        }
        finally { Pop-Location }
    }

    It 'refuses paths on another provider than the file system' {
        Get-DicomFile -Path 'Env:PATH' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.NotFileSystem,*'
    }

    It 'treats brackets in -Path as a wildcard range' {
        # 'scan [1].dcm' as a pattern matches 'scan 1.dcm', which does not exist.
        Get-DicomFile -Path (Join-Path $dir 'scan [1].dcm') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.FileNotFound,*'
    }

    It 'reports a missing path as DicomDeid.FileNotFound and goes on' {
        $out = Get-DicomFile -Path (Join-Path $dir 'missing.dcm'), (Join-Path $dir 'one.dcm') -ErrorVariable err -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.FileNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'gives a non-DICOM file in a folder a NotDicom error naming it, and reads the others' {
        $out = @(Get-DicomFile -Path $dir -ErrorVariable err -ErrorAction SilentlyContinue)
        $out.Name | Should -Be @('one.dcm', 'scan [1].dcm')
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DicomDeid.NotDicom,DicomDeid.PowerShell.Commands.GetDicomFileCommand'
        $err[0].TargetObject | Should -Be (Join-Path $dir 'notes.txt')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -BeLike '*notes.txt*'
    }

    It 'skips non-DICOM files silently with -SkipNonDicom' {
        $out = @(Get-DicomFile -Path $dir -SkipNonDicom -ErrorVariable err)
        $out.Count | Should -Be 2
        $err | Should -BeNullOrEmpty
    }

    It 'reports a truncated file as InvalidDicom with file, byte offset and tag path' {
        $out = @(Get-DicomFile -Path (Join-Path $dir 'sub') -ErrorVariable err -ErrorAction SilentlyContinue)
        $out.PatientID | Should -Be 'NESTED'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.InvalidDicom,*'
        $err[0].TargetObject | Should -Be (Join-Path $dir 'sub/broken.dcm')
        $err[0].Exception.Message | Should -Match 'broken\.dcm.*at byte \d+, tag \('
    }

    It 'recurses into subfolders with -Recurse' {
        $out = @(Get-DicomFile -Path $dir -Recurse -SkipNonDicom -ErrorAction SilentlyContinue)
        $out.PatientID | Should -Contain 'NESTED'
        $out.Count | Should -Be 3
    }

    It 'takes files piped from Get-ChildItem' {
        $out = @(Get-ChildItem -LiteralPath $dir -Filter *.dcm | Get-DicomFile)
        $out.Count | Should -Be 2
        $out.Name | Should -Contain 'scan [1].dcm'
    }

    It 'takes path strings from the pipeline' {
        @((Join-Path $dir 'one.dcm') | Get-DicomFile).Count | Should -Be 1
    }

    It 'pipes into Get-DicomTag through FullName' {
        $tags = @(Get-DicomFile -LiteralPath (Join-Path $dir 'scan [1].dcm') | Get-DicomTag -Tag PatientID)
        $tags.Count | Should -Be 1
        $tags[0].Value | Should -Be 'BRACKET'
    }

    It 'writes progress with count and rate on one activity and completes it' {
        $many = Join-Path $TestDrive 'many'
        New-Item -ItemType Directory -Path $many -Force | Out-Null
        $one = Join-Path $dir 'one.dcm'
        foreach ($i in 1..400) { [System.IO.File]::Copy($one, (Join-Path $many "f$i.dcm")) }
        $ps = [powershell]::Create()
        try {
            # A slow consumer makes the run last well past the 500 ms before the first progress record.
            $null = $ps.AddScript('param($m, $d) Import-Module $m; Get-DicomFile -Path $d | ForEach-Object { Start-Sleep -Milliseconds 4 }').AddArgument($env:DICOMDEID_MODULE_PATH).AddArgument($many)
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $records = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }
        $records.Count | Should -BeGreaterThan 1
        @($records.ActivityId | Sort-Object -Unique).Count | Should -Be 1
        $records[0].StatusDescription | Should -Match '^\d+ files, [\d.]+ files/s$'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'has a table view with the name, modality and SOP class' {
        $text = Get-DicomFile -Path (Join-Path $dir 'one.dcm') | Out-String -Width 200
        $text | Should -Match 'one\.dcm'
        $text | Should -Match 'Secondary Capture Image Storage'
        $text | Should -Match '\bOT\b'
        $text | Should -Match 'Directory: '
    }
}
