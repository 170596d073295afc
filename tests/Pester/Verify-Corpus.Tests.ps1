# No false positives at scale: the whole public corpus, de-identified with the Basic profile, must verify clean
# against its originals, except for findings that describe a real remaining risk (burned-in text in the pixels).
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    $root = $PSScriptRoot
    while ($root -and -not (Test-Path (Join-Path $root 'DicomDeid.sln'))) { $root = Split-Path -Parent $root }
    $script:corpus = Join-Path (Split-Path -Parent $root) 'shared/corpus/public'
    if (-not (Test-Path (Join-Path $script:corpus 'manifest.tsv'))) { throw "The public corpus is missing: expected $script:corpus." }

    $script:out = Join-Path $TestDrive 'out'
    $script:audit = Join-Path $TestDrive 'corpus.jsonl'
    $script:key = Join-Path $TestDrive 'k.key'
    New-DicomDeidKey -Path $script:key | Out-Null
    $script:records = @(Invoke-DicomDeidentification -Path $script:corpus -Recurse -Destination $script:out -KeyFile $script:key `
            -AuditLog $script:audit -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable script:deidErrors -WarningAction SilentlyContinue)
    $script:results = @(Test-DicomDeidentified -Path $script:out -Recurse -Reference $script:corpus -AuditLog $script:audit -ErrorAction SilentlyContinue -ErrorVariable script:verifyErrors)
    # Findings that report a genuine remaining risk rather than a mistake of the de-identification.
    $script:riskChecks = 'burned-in-text', 'burned-in-text-risk'
}

Describe 'The public corpus after de-identification' {
    It 'writes an output for every readable, non-DICOMDIR file' {
        # Already de-identified inputs are written too (their dates are not shifted a second time).
        $written = @($script:records | Where-Object Written)
        $written.Count | Should -BeGreaterThan 70
        # Only the DICOMDIR (refused by design), the damaged no_meta file and the two text files may be missing.
        $others = @($script:records | Where-Object { -not $_.Written } | Where-Object { $_.Source -notmatch 'DICOMDIR|no_meta|\.txt$|\.tsv$|\.md$' })
        $others | ForEach-Object { "$($_.Status) $($_.Source) $($_.Error)" } | Should -BeNullOrEmpty
    }

    It 'verifies every output without a read error' {
        $script:verifyErrors.Count | Should -Be 0
        $script:results.Count | Should -Be @($script:records | Where-Object Written).Count
    }

    It 'matched every output to its original for the leak scan' {
        @($script:results | Where-Object { -not $_.ReferencePath }).Path | Should -BeNullOrEmpty
    }

    It 'leaves no finding except a real burned-in text risk' {
        $unexpected = foreach ($r in $script:results) {
            foreach ($f in $r.Findings) {
                if ($f.Severity -ne 'Info' -and $f.Check -notin $script:riskChecks) { "$(Split-Path -Leaf $r.Path): $($f.Check) $($f.TagPath) [$($f.MaskedExcerpt)]" }
            }
        }
        $unexpected | Should -BeNullOrEmpty
    }

    It 'flags burned-in risk on the files that declare or likely carry it' {
        $flagged = @($script:results | Where-Object { $_.Findings.Check -contains 'burned-in-text' -or $_.Findings.Check -contains 'burned-in-text-risk' })
        # GH1728 declares Burned In Annotation YES; US1_J2KI is ultrasound with text in the pixels and no declaration.
        ($flagged.Path | ForEach-Object { Split-Path -Leaf $_ }) | Should -Contain 'US1_J2KI.dcm'
    }
}
