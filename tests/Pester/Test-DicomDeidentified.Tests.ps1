# Verification end to end: de-identify real corpus files, verify them (no false positives), then plant identifiers in
# the clean outputs with dcmtk's dcmodify (an independent tool) and show each is caught.
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    $root = $PSScriptRoot
    while ($root -and -not (Test-Path (Join-Path $root 'DicomDeid.sln'))) { $root = Split-Path -Parent $root }
    $script:corpus = Join-Path (Split-Path -Parent $root) 'shared/corpus/public'
    if (-not (Test-Path (Join-Path $script:corpus 'manifest.tsv'))) { throw "The public corpus is missing: expected $script:corpus." }
    if (-not (Get-Command dcmodify -ErrorAction Ignore)) { throw 'dcmodify (Debian dcmtk) is required: apt-get install dcmtk.' }

    $script:in = Join-Path $TestDrive 'in'
    $script:out = Join-Path $TestDrive 'out'
    New-Item -ItemType Directory -Path $script:in | Out-Null
    # Ordinary image files of several vendors and syntaxes (not the charset or DICOMDIR special cases).
    foreach ($name in 'CT_small.dcm', 'MR_small.dcm', 'MR_small_bigendian.dcm', 'rtplan.dcm', 'JPEG-lossy.dcm') {
        $src = Get-ChildItem -LiteralPath $script:corpus -Recurse -File -Filter $name | Select-Object -First 1
        if (-not $src) { throw "corpus file $name not found" }
        Copy-Item -LiteralPath $src.FullName -Destination (Join-Path $script:in $name)
    }
    $script:key = Join-Path $TestDrive 'run.key'
    New-DicomDeidKey -Path $script:key | Out-Null
    $script:audit = Join-Path $TestDrive 'run.jsonl'
    $script:records = @(Invoke-DicomDeidentification -Path $script:in -Destination $script:out -KeyFile $script:key -AuditLog $script:audit -Confirm:$false)

    function script:Copy-Clean([string] $Name) {
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $dst = Join-Path $dir $Name
        Copy-Item -LiteralPath (Join-Path $script:out $Name) -Destination $dst
        $dst
    }
    function script:Set-Tag([string] $File, [string[]] $Assignments) {
        $dcArgs = @('-nb', '-q')
        foreach ($a in $Assignments) { $dcArgs += @('-i', $a) }
        & dcmodify @dcArgs $File 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "dcmodify failed on $File" }
    }
}

Describe 'Test-DicomDeidentified' {
    It 'de-identified every input' {
        $script:records.Count | Should -Be 5
        @($script:records | Where-Object Status -ne 'Success').Count | Should -Be 0
    }

    It 'passes the clean outputs with no warning or error finding (no false positives)' {
        $results = @(Test-DicomDeidentified -Path $script:out -Reference $script:in -AuditLog $script:audit)
        $results.Count | Should -Be 5
        # JPEG-lossy is a Secondary Capture without Burned In Annotation: its pixels are a real risk, and that is the
        # one finding it must have; every other output must pass outright.
        $sc = $results | Where-Object { $_.Path -like '*JPEG-lossy.dcm' }
        @($sc.Findings | Where-Object Severity -ne 'Info').Check | Should -Be @('burned-in-text-risk')
        foreach ($r in $results | Where-Object { $_.Path -notlike '*JPEG-lossy.dcm' }) {
            $detail = ($r.Findings | Where-Object Severity -ne 'Info' | ForEach-Object { "$($_.Check) $($_.TagPath)" }) -join '; '
            $r.Passed | Should -BeTrue -Because "$($r.Path) should be clean: $detail"
            $r.ReferencePath | Should -Not -BeNullOrEmpty
        }
    }

    It 'matches outputs to originals by the keyed UID mapping' {
        $r = @(Test-DicomDeidentified -Path $script:out -Reference $script:in -KeyFile $script:key)
        @($r | Where-Object { -not $_.ReferencePath }).Count | Should -Be 0
    }

    It '-Quiet returns one true for a clean set and false for a tampered one' {
        Get-ChildItem -LiteralPath $script:out -File | Where-Object Name -ne 'JPEG-lossy.dcm' | Test-DicomDeidentified -Quiet | Should -BeExactly $true
        $f = Copy-Clean 'CT_small.dcm'
        Set-Tag $f '(0010,0010)=Doe^Jane'
        Test-DicomDeidentified -LiteralPath $f -Quiet | Should -BeExactly $false
    }

    It 'catches <Case>' -ForEach @(
        @{ Case = 'a patient name (HIPAA 1)'; Set = @('(0010,0010)=Doe^Jane'); Tag = '(0010,0010)'; Category = 1 }
        @{ Case = 'an address (HIPAA 2)'; Set = @('(0010,1040)=42 Elm Street Springfield'); Tag = '(0010,1040)'; Category = 2 }
        @{ Case = 'a birth date (HIPAA 3)'; Set = @('(0010,0030)=19610203'); Tag = '(0010,0030)'; Category = 3 }
        @{ Case = 'a phone number (HIPAA 4)'; Set = @('(0010,2154)=555-201-7788'); Tag = '(0010,2154)'; Category = 4 }
        @{ Case = 'a fax number (HIPAA 5)'; Set = @('(0020,4000)=Fax: (555) 201-9911'); Tag = '(0020,4000)'; Category = 5 }
        @{ Case = 'a social security number (HIPAA 7)'; Set = @('(0020,4000)=SSN 219-09-9999 on file'); Tag = '(0020,4000)'; Category = 7 }
        @{ Case = 'a medical record number (HIPAA 8)'; Set = @('(0020,4000)=MRN: A1234567'); Tag = '(0020,4000)'; Category = 8 }
        @{ Case = 'a health plan number (HIPAA 9)'; Set = @('(0020,4000)=Member ID: XQH4471290'); Tag = '(0020,4000)'; Category = 9 }
        @{ Case = 'a licence number (HIPAA 11)'; Set = @('(0020,4000)=License No. MD-449120'); Tag = '(0020,4000)'; Category = 11 }
        @{ Case = 'a vehicle identifier (HIPAA 12)'; Set = @('(0020,4000)=VIN 1HGCM82633A004352'); Tag = '(0020,4000)'; Category = 12 }
        @{ Case = 'a URL (HIPAA 14)'; Set = @('(0020,4000)=see https://portal.example.org/p/99812'); Tag = '(0020,4000)'; Category = 14 }
        @{ Case = 'an e-mail in a description (HIPAA 6)'; Set = @('(0008,1030)=sent to jane.doe@example.org'); Tag = '(0008,1030)'; Category = 6 }
        @{ Case = 'a device serial (HIPAA 13)'; Set = @('(0018,1000)=SN88231'); Tag = '(0018,1000)'; Category = 13 }
        @{ Case = 'an IP address in comments (HIPAA 15)'; Set = @('(0020,4000)=from 10.20.30.40'); Tag = '(0020,4000)'; Category = 15 }
        @{ Case = 'an accession number (HIPAA 10)'; Set = @('(0008,0050)=A99123'); Tag = '(0008,0050)'; Category = 10 }
        @{ Case = 'an identifier in a nested sequence'; Set = @('(0040,0275)[0].(0040,1001)=RP-4471'); Tag = '(0040,0275)'; Category = 18 }
        @{ Case = 'a private element'; Set = @('(0029,0010)=ACME 1.0', '(0029,1010)=Doe^Jane'); Tag = '(0029,0010)'; Category = 18 }
        @{ Case = 'an overlay'; Set = @('(6000,0010)=8', '(6000,0011)=8', '(6000,0100)=1', '(6000,0102)=0', '(6000,3000)=0\0\0\0'); Tag = '(6000,3000)'; Category = 18 }
        @{ Case = 'a UID that was not replaced'; Set = @('(0020,000E)=1.3.12.2.1107.5.99.1'); Tag = '(0020,000E)'; Category = 18 }
    ) {
        $f = Copy-Clean 'CT_small.dcm'
        Set-Tag $f $Set
        $r = Test-DicomDeidentified -LiteralPath $f
        $r.Passed | Should -BeFalse
        $hit = @($r.Findings | Where-Object { $_.TagPath.StartsWith($Tag) -and $_.Severity -ne 'Info' })
        $hit.Count | Should -BeGreaterThan 0 -Because "a finding at $Tag is expected; got: $(($r.Findings | ForEach-Object { "$($_.Check) $($_.TagPath)" }) -join '; ')"
        $hit.HipaaCategoryNumber | Should -Contain $Category
    }

    It 'finds an original value planted in SR-like text with the leak scan' {
        $f = Copy-Clean 'CT_small.dcm'
        # CT_small's original patient name components must be found when they reappear anywhere.
        $orig = (Get-DicomTag -LiteralPath (Join-Path $script:in 'CT_small.dcm') -Tag PatientName).Value
        $surname = ($orig -split '\^')[0]
        Set-Tag $f "(0020,4000)=seen by $surname"
        $ref = Join-Path $script:in 'CT_small.dcm'
        $r = Test-DicomDeidentified -LiteralPath $f -Reference $ref
        ($r.Findings | Where-Object { $_.Check -eq 'leak:PatientName' -and $_.TagPath -eq '(0020,4000)' }) | Should -Not -BeNullOrEmpty
        ($r.Findings.MaskedExcerpt -join ' ') | Should -Not -Match ([regex]::Escape($surname))
    }

    It 'rejects an unknown option with a terminating error' {
        { Test-DicomDeidentified -Path $script:out -Option RetainEverything -ErrorAction Stop } | Should -Throw -ErrorId 'DicomDeid.OptionInvalid*'
    }

    It 'reports an unreadable file as a non-terminating error and goes on' {
        $bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory -Path $bad | Out-Null
        Set-Content -LiteralPath (Join-Path $bad 'notes.dcm') -Value 'not dicom at all'
        Copy-Item -LiteralPath (Join-Path $script:out 'MR_small.dcm') -Destination $bad
        $r = @(Test-DicomDeidentified -Path $bad -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.*'
    }
}

Describe 'Get-DicomDeidReport' {
    It 'summarises results and lists the 18 Safe Harbor identifiers' {
        $f = Copy-Clean 'MR_small.dcm'
        Set-Tag $f '(0010,0010)=Doe^Jane'
        $report = @(Test-DicomDeidentified -Path $script:out) + @(Test-DicomDeidentified -LiteralPath $f) | Get-DicomDeidReport
        $report.FilesChecked | Should -Be 6
        $report.FilesFailed | Should -Be 2   # the tampered file and the Secondary Capture (burned-in risk)
        $report.SafeHarbor.Count | Should -Be 18
        ($report.SafeHarbor | Where-Object Number -eq 17).Coverage | Should -Be 'Review'
        ($report.SafeHarbor | Where-Object Number -eq 1).FindingCount | Should -BeGreaterThan 0
    }

    It 'shows a retained identifier as Partial under an option that keeps it' {
        $report = Get-DicomDeidReport -Profile Basic -Option RetainDeviceIdentity
        ($report.SafeHarbor | Where-Object Number -eq 13).Coverage | Should -Be 'Partial'
    }
}

Describe 'Should -BeDeidentified' {
    It 'passes for clean outputs and fails with the findings listed for a tampered file' {
        Get-ChildItem -LiteralPath $script:out -File | Where-Object Name -ne 'JPEG-lossy.dcm' | Should -BeDeidentified
        $f = Copy-Clean 'rtplan.dcm'
        Set-Tag $f '(0010,0010)=Doe^Jane'
        $message = $null
        try { $f | Should -BeDeidentified } catch { $message = $_.Exception.Message }
        $message | Should -Match 'failed verification'
        $message | Should -Match '\(0010,0010\)'
        $message | Should -Not -Match 'Doe\^Jane'
    }
}
