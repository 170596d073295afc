BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("dicomdeid-samples-" + [guid]::NewGuid().ToString('N'))
    function Get-TreeHash([string] $Folder) {
        Get-ChildItem -LiteralPath $Folder -Recurse -File | Sort-Object FullName | ForEach-Object {
            '{0} {1}' -f $_.FullName.Substring($Folder.Length), (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
        }
    }
}

AfterAll {
    if (Test-Path -LiteralPath $script:Root) { Remove-Item -LiteralPath $script:Root -Recurse -Force }
}

Describe 'New-DicomSampleSet' {
    It 'is exported by the module' {
        Get-Command New-DicomSampleSet -Module DicomDeid | Should -Not -BeNullOrEmpty
    }

    It 'writes files of every kind and outputs one FileInfo per file' {
        $out = Join-Path $script:Root 'a'
        $files = @(New-DicomSampleSet -Path $out -Seed 11 -Confirm:$false)
        $files.Count | Should -Be 17
        $files | ForEach-Object { $_ | Should -BeOfType ([System.IO.FileInfo]) }
        $files | ForEach-Object { Test-Path -LiteralPath $_.FullName | Should -BeTrue }
        ($files.SampleKind | Sort-Object -Unique) -join ',' | Should -Be 'CT,MR,SR,US,US-MF'
        @(Get-ChildItem -LiteralPath $out -Recurse -File).Count | Should -Be 17
        ($files | Where-Object SampleKind -eq 'US')[0].BurnedInTextRegion.Width | Should -BeGreaterThan 0
    }

    It 'writes files that dcmdump parses, with the fake identity in them' {
        $dcmdump = Get-Command dcmdump -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        $dcmdump | Should -Not -BeNullOrEmpty -Because 'dcmtk is installed by .ci/run'
        $files = Get-ChildItem -LiteralPath (Join-Path $script:Root 'a') -Recurse -File
        foreach ($f in $files) {
            $text = & $dcmdump.Source -q $f.FullName 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "dcmdump parses $($f.Name)"
            ($text -join "`n") | Should -Match '\(0010,0010\) PN \[.+\]'
        }
    }

    It 'gives byte-identical files for the same seed and different ones for another seed' {
        $b = Join-Path $script:Root 'b'; $c = Join-Path $script:Root 'c'
        New-DicomSampleSet -Path $b -Seed 11 -Confirm:$false | Out-Null
        New-DicomSampleSet -Path $c -Seed 12 -Confirm:$false | Out-Null
        $ha = Get-TreeHash (Join-Path $script:Root 'a')
        $hb = Get-TreeHash $b
        $hc = Get-TreeHash $c
        ($hb -join "`n") | Should -Be ($ha -join "`n")
        ($hc -join "`n") | Should -Not -Be ($ha -join "`n")
    }

    It 'writes nothing with -WhatIf' {
        $d = Join-Path $script:Root 'whatif'
        New-DicomSampleSet -Path $d -Preset Bench -WhatIf
        Test-Path -LiteralPath $d | Should -BeFalse
    }

    It 'refuses to replace existing files without -Force and replaces them with it' {
        $out = Join-Path $script:Root 'a'
        { New-DicomSampleSet -Path $out -Seed 11 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'DicomDeid.OutputExists,DicomDeid.PowerShell.Commands.NewDicomSampleSetCommand'
        @(New-DicomSampleSet -Path $out -Seed 11 -Force -Confirm:$false).Count | Should -Be 17
    }

    It 'refuses a set without an image modality' {
        { New-DicomSampleSet -Path (Join-Path $script:Root 'sr') -Modality SR -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'DicomDeid.OptionInvalid,DicomDeid.PowerShell.Commands.NewDicomSampleSetCommand'
    }

    It 'honours the count parameters and modality choice' {
        $e = Join-Path $script:Root 'e'
        $files = @(New-DicomSampleSet -Path $e -PatientCount 2 -StudiesPerPatient 1 -SeriesPerStudy 1 -InstancesPerSeries 3 -Modality CT -Confirm:$false)
        $files.Count | Should -Be 6
        ($files.SampleKind | Sort-Object -Unique) | Should -Be 'CT'
        @($files.PatientId | Sort-Object -Unique).Count | Should -Be 2
    }
}
