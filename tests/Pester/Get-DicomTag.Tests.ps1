BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'DicomDeid.TestHelpers.ps1')
    $corpus = Get-DicomDeidCorpus
    $manifest = Get-DicomDeidCorpusManifest
    $dir = Join-Path $TestDrive 'tags'
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $sample = (New-TestDicomSample -LiteralPath (Join-Path $dir 'sample.dcm')).FullName
}

Describe 'Get-DicomTag -Tag forms' {
    It 'selects by <Form>' -ForEach @(
        @{ Form = 'keyword'; Tag = 'PatientID' }
        @{ Form = '(gggg,eeee)'; Tag = '(0010,0020)' }
        @{ Form = 'gggg,eeee'; Tag = '0010,0020' }
        @{ Form = 'ggggeeee'; Tag = '00100020' }
        @{ Form = 'lower-case keyword'; Tag = 'patientid' }
    ) {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag $Tag -WarningVariable warn)
        $warn | Should -BeNullOrEmpty -Because 'a clean file read up to the selected tag gives no warning'
        $r.Count | Should -Be 1
        $r[0].Tag | Should -Be '(0010,0020)'
        $r[0].Keyword | Should -Be 'PatientID'
        $r[0].Value | Should -Be 'ID123'
        $r[0].VR | Should -Be 'LO'
        $r[0].VM | Should -Be 1
        $r[0].Length | Should -Be 6
        $r[0].Depth | Should -Be 0
        $r[0].File | Should -Be $sample
    }

    It 'accepts tags typed without quotes (PowerShell reads 0010,0020 as two numbers)' {
        (Get-DicomTag -LiteralPath $sample -Tag 0010,0020).Value | Should -Be 'ID123'
        (Get-DicomTag -LiteralPath $sample -Tag 00100020).Value | Should -Be 'ID123'
        @(Get-DicomTag -LiteralPath $sample -Tag PatientName, 0010,0020).Value | Should -Be @('Doe^John', 'ID123')
    }

    It 'selects by keyword wildcard' {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag 'Patient*')
        $r.Keyword | Should -Be @('PatientName', 'PatientID')
    }

    It 'follows a keyword tag path into a sequence item' {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag 'ReferencedSeriesSequence[0].SeriesInstanceUID')
        $r.Count | Should -Be 1
        $r[0].Value | Should -Be '1.2.3.99'
        $r[0].TagPath | Should -Be '(0008,1115)[0].(0020,000E)'
        $r[0].KeywordPath | Should -Be 'ReferencedSeriesSequence[0].SeriesInstanceUID'
        $r[0].Depth | Should -Be 1
    }

    It 'follows a hexadecimal tag path with [*] two levels deep' {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag '(0008,1115)[*].(0008,114A)[*].(0008,1155)')
        $r.Count | Should -Be 1
        $r[0].Value | Should -Be '1.2.3.4.5.7'
        $r[0].Depth | Should -Be 2
    }

    It 'finds nothing at an item index that does not exist' {
        Get-DicomTag -LiteralPath $sample -Tag 'ReferencedSeriesSequence[1].SeriesInstanceUID' | Should -BeNullOrEmpty
    }

    It 'lists the elements of one item for a path ending in an index' {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag 'ReferencedSeriesSequence[0]')
        $r.Keyword | Should -Be @('ReferencedInstanceSequence', 'SeriesInstanceUID')
    }

    It 'matches a keyword at every depth only with -Recurse' {
        @(Get-DicomTag -LiteralPath $sample -Tag SeriesInstanceUID).Value | Should -Be @('1.2.3.88')
        $deep = @(Get-DicomTag -LiteralPath $sample -Tag SeriesInstanceUID -Recurse)
        $deep.Value | Should -Be @('1.2.3.99', '1.2.3.88')
        Get-DicomTag -LiteralPath $sample -Tag ReferencedSOPInstanceUID | Should -BeNullOrEmpty
        (Get-DicomTag -LiteralPath $sample -Tag ReferencedSOPInstanceUID -Recurse).Value | Should -Be '1.2.3.4.5.7'
    }

    It 'lists a selected sequence with its content when -Recurse is given' {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag ReferencedSeriesSequence -Recurse)
        $r.TagPath | Should -Be @('(0008,1115)', '(0008,1115)[0].(0008,114A)', '(0008,1115)[0].(0008,114A)[0].(0008,1150)', '(0008,1115)[0].(0008,114A)[0].(0008,1155)', '(0008,1115)[0].(0020,000E)')
        @(Get-DicomTag -LiteralPath $sample -Tag ReferencedSeriesSequence).Count | Should -Be 1
    }

    It 'stops with DicomDeid.TagInvalid for a value that is no tag' {
        { Get-DicomTag -LiteralPath $sample -Tag 'NoSuchKeyword' -ErrorAction Stop } | Should -Throw -ErrorId 'DicomDeid.TagInvalid,DicomDeid.PowerShell.Commands.GetDicomTagCommand'
        { Get-DicomTag -LiteralPath $sample -Tag 'ReferencedSeriesSequence[x].SeriesInstanceUID' } | Should -Throw -ErrorId 'DicomDeid.TagInvalid*'
    }
}

Describe 'Get-DicomTag listing' {
    It 'lists only top-level elements without -Recurse' {
        $r = @(Get-DicomTag -LiteralPath $sample)
        ($r | Where-Object Depth -gt 0) | Should -BeNullOrEmpty
        $r.Tag | Should -Contain '(0008,1115)'
        ($r | Where-Object Tag -eq '(0008,1115)').VR | Should -Be 'SQ'
        $r.Tag | Should -Not -Contain '(0002,0010)'
    }

    It 'lists nested elements with their depth and tag path with -Recurse' {
        $r = @(Get-DicomTag -LiteralPath $sample -Recurse)
        $deep = $r | Where-Object TagPath -eq '(0008,1115)[0].(0008,114A)[0].(0008,1155)'
        $deep.Depth | Should -Be 2
        $deep.Value | Should -Be '1.2.3.4.5.7'
        $r.Count | Should -Be 15
    }

    It 'adds the file meta information with -IncludeFileMeta' {
        $r = @(Get-DicomTag -LiteralPath $sample -IncludeFileMeta)
        ($r | Where-Object Tag -eq '(0002,0010)').Value | Should -Be '1.2.840.10008.1.2.1'
        $r[0].Tag | Should -Be '(0002,0000)'
    }

    It 'finds file meta elements asked for by tag without -IncludeFileMeta' {
        (Get-DicomTag -LiteralPath $sample -Tag TransferSyntaxUID).Value | Should -Be '1.2.840.10008.1.2.1'
        @(Get-DicomTag -LiteralPath $sample -Tag TransferSyntaxUID, Modality).Value | Should -Be @('1.2.840.10008.1.2.1', 'OT')
    }

    It 'shows private elements with their creator' {
        $r = @(Get-DicomTag -LiteralPath $sample -Tag '(0029,1010)', '(0029,1020)', '(0029,0010)')
        $r[0].Name | Should -Be 'Private Creator'
        $r[0].Value | Should -Be 'ACME TEST'
        $r[1].PrivateCreator | Should -Be 'ACME TEST'
        $r[1].Name | Should -Be '[ACME TEST]'
        $r[1].Value | Should -Be 'private value'
        $r[2].Value | Should -Be '01\02\03\04'
        $r[2].VR | Should -Be 'OB'
    }

    It 'cuts long values at -MaxValueLength' {
        $r = Get-DicomTag -LiteralPath $sample -Tag SOPClassUID -MaxValueLength 10
        $r.Value | Should -Be '1.2.840...'
        $r.Value.Length | Should -Be 10
    }

    It 'has a dcmdump-like table view: tag indented by depth, VR, value, name' {
        $text = Get-DicomTag -LiteralPath $sample -Recurse | Out-String -Width 200
        $text | Should -Match 'File: .*sample\.dcm'
        $text | Should -Match '(?m)^\(0010,0010\)\s+PN\s+Doe\^John\s+8\s+PatientName'
        $text | Should -Match '(?m)^    \(0008,1155\)\s+UI\s+1\.2\.3\.4\.5\.7'
        $text | Should -Match '(?m)^\(0029,1010\)\s+LO\s+private value\s+.*\[ACME TEST\]'
    }

    It 'keeps the name column on an 80-column console' {
        $lines = (Get-DicomTag -LiteralPath $sample -Tag PatientName | Out-String -Width 80) -split '\r?\n'
        $lines | Where-Object { $_ -match '^\(0010,0010\)' } | Should -Match 'PatientName'
    }

    It 'completes keywords for -Tag' {
        $line = "Get-DicomTag -LiteralPath x -Tag PatientNa"
        $c = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $c.CompletionMatches.CompletionText | Should -Contain 'PatientName'
        $line = "Get-DicomTag -LiteralPath x -Tag ReferencedSeriesSequence[0].SeriesInst"
        $c = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $c.CompletionMatches.CompletionText | Should -Contain "'ReferencedSeriesSequence[0].SeriesInstanceUID'"
    }
}

Describe 'Get-DicomTag input and errors' {
    BeforeAll {
        $set = Join-Path $TestDrive 'set'
        New-Item -ItemType Directory -Path $set -Force | Out-Null
        New-TestDicomSample -LiteralPath (Join-Path $set 'a.dcm') -PatientID 'A' | Out-Null
        New-TestDicomSample -LiteralPath (Join-Path $set 'b [x].dcm') -PatientID 'B' | Out-Null
        New-TestDicomSample -LiteralPath (Join-Path $set 'c.dcm') -PatientID 'C' | Out-Null
        Set-Content -LiteralPath (Join-Path $set 'b.txt') -Value 'plain text, not DICOM'
        $good = [System.IO.File]::ReadAllBytes((Join-Path $set 'a.dcm'))
        $bad = Join-Path $TestDrive 'bad.dcm'
        # Cut the last three bytes of the last element, (0029,1020) OB.
        [System.IO.File]::WriteAllBytes($bad, $good[0..($good.Length - 4)])
    }

    It 'gives a non-DICOM file in a folder a NotDicom error naming it; the other files are still read' {
        $r = @(Get-DicomTag -Path $set -Tag PatientID -ErrorVariable err -ErrorAction SilentlyContinue)
        $r.Value | Should -Be @('A', 'B', 'C')
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DicomDeid.NotDicom,DicomDeid.PowerShell.Commands.GetDicomTagCommand'
        $err[0].TargetObject | Should -Be (Join-Path $set 'b.txt')
        $err[0].ToString() | Should -BeLike '*b.txt*'
    }

    It 'reports a damaged file with the offset and tag path of the problem' {
        Get-DicomTag -LiteralPath $bad -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.InvalidDicom,*'
        $err[0].TargetObject | Should -Be $bad
        $err[0].Exception.Message | Should -Match 'bad\.dcm: at byte \d+, tag \(0029,1020\)'
    }

    It 'expands wildcards in -Path' {
        @(Get-DicomTag -Path (Join-Path $set '*.dcm') -Tag PatientID).Value | Should -Be @('A', 'B', 'C')
    }

    It 'reads a bracketed name with -LiteralPath and its alias LP' {
        (Get-DicomTag -LiteralPath (Join-Path $set 'b [x].dcm') -Tag PatientID).Value | Should -Be 'B'
        (Get-DicomTag -LP (Join-Path $set 'b [x].dcm') -Tag PatientID).Value | Should -Be 'B'
    }

    It 'takes FileInfo objects from Get-ChildItem' {
        @(Get-ChildItem -LiteralPath $set -Filter *.dcm | Get-DicomTag -Tag PatientID).Value | Should -Be @('A', 'B', 'C')
    }

    It 'takes DicomFileInfo objects from Get-DicomFile' {
        $r = @(Get-DicomFile -Path $set -SkipNonDicom | Get-DicomTag -Tag PatientID)
        $r.Value | Should -Be @('A', 'B', 'C')
        $r[1].File | Should -Be (Join-Path $set 'b [x].dcm')
    }
}

Describe 'Get-DicomTag on the public corpus' {
    It 'shows every private creator the manifest lists, with its elements' {
        $rows = @($manifest | Where-Object { $_.private_creators })
        $rows.Count | Should -BeGreaterThan 5
        $problems = foreach ($row in $rows) {
            $path = Join-Path $corpus $row.file
            $tags = @(Get-DicomTag -LiteralPath $path -Recurse -ErrorVariable err -ErrorAction SilentlyContinue)
            if ($err) { "$($row.file): $($err[0].Exception.Message)"; continue }
            $creators = @($tags | Where-Object Name -eq 'Private Creator' | ForEach-Object Value)
            $owners = @($tags | Where-Object PrivateCreator | ForEach-Object PrivateCreator)
            foreach ($c in $row.private_creators -split '\|') {
                # The manifest cuts long lists; a cut name is a prefix.
                if (-not ($creators | Where-Object { $_.StartsWith($c.Trim(), [StringComparison]::Ordinal) })) { "$($row.file): creator '$c' not listed" }
            }
            foreach ($o in $owners) { if ($o -notin $creators) { "$($row.file): element owned by unknown creator '$o'" } }
            if ($owners.Count -eq 0) { "$($row.file): no private data element carries its creator" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'names the Siemens CSA header block in the table view' {
        $text = Get-DicomTag -LiteralPath (Join-Path $corpus 'fo-dicom/GH1261.dcm') | Out-String -Width 220
        $text | Should -Match '\(0029,1010\).*\[SIEMENS CSA HEADER\]'
    }

    It 'decodes values in the character set of the file' {
        $r = Get-DicomTag -LiteralPath (Join-Path $corpus 'pydicom/charset_files/chrX1.dcm') -Tag PatientName
        # The file's value has an empty third (phonetic) component group.
        $r.Value | Should -Be 'Wang^XiaoDong=王^小東='
    }

    It 'does not load pixel data to show it' {
        $r = Get-DicomTag -LiteralPath (Join-Path $corpus 'pydicom/test_files/CT_small.dcm') -Tag PixelData
        $r.Value | Should -Match '^\(not loaded, 32768 bytes\)$'
    }
}
