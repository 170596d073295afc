# Black-box leak hunt (tools/leakhunt/leakhunt.py, pydicom): synthetic identities planted into every Table E.1-1
# attribute at depths 0, 1, 2 and 4, private blocks, overlays, curves, file meta and attributes outside the table, in
# 18 corpus files; Invoke-DicomDeidentification under several option sets; every output scanned independently of our
# code. Fails on any leak, wrong action or missing output.
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'DicomDeid.TestHelpers.ps1')
    $script:corpus = Get-DicomDeidCorpus
    $script:repo = Get-DicomDeidRepoRoot
    $script:python = '/usr/bin/python3'
    & $script:python -c 'import pydicom' 2>$null
    if ($LASTEXITCODE -ne 0) { throw "pydicom is missing for $script:python: install python3-pydicom (.ci/run does)." }
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('dicomdeid-leakhunt-' + [guid]::NewGuid().ToString('N'))
    $env:DICOMDEID_SHARED = Split-Path -Parent (Split-Path -Parent $script:corpus)
    $runs = 'basic', 'cleandesc', 'moddates', 'retain_pat_dev_inst'
    $script:output = & $script:python (Join-Path $script:repo 'tools/leakhunt/leakhunt.py') all --work $script:work --runs @runs `
        --module $env:DICOMDEID_MODULE_PATH --strict 2>$null
    $script:exit = $LASTEXITCODE
    $script:text = ($script:output -join "`n")
}

AfterAll {
    if ($script:work -and (Test-Path -LiteralPath $script:work)) { Remove-Item -LiteralPath $script:work -Recurse -Force }
}

Describe 'Leak hunt over planted identities' {
    It 'planted identities into at least 15 files and ran every option set' {
        @($script:output | Where-Object { $_ -like 'planted *' }).Count | Should -BeGreaterOrEqual 15
        @($script:output | Where-Object { $_ -match '^run \S+\s+rc=0' }).Count | Should -Be 4
        @($script:output | Where-Object { $_ -like '== run *' }).Count | Should -Be 4
    }

    It 'finds no leak, wrong action or missing output in any run' {
        $defects = @($script:output | Where-Object { $_ -match '\| (LEAK|DEFECT|WRONG|NOT CLEANED|NOT WRITTEN|NO OUTPUT|OUTPUT UNREADABLE)' })
        ($defects | Select-Object -First 20) -join "`n" | Should -BeNullOrEmpty
        $script:text | Should -Match 'defects: 0'
        $script:exit | Should -Be 0
    }

    It 'wrote one de-identified output per planted file in every run' {
        $planted = @(Get-ChildItem -LiteralPath (Join-Path $script:work 'in') -Filter '*.dcm').Count
        $planted | Should -BeGreaterOrEqual 15
        foreach ($run in 'basic', 'cleandesc', 'moddates', 'retain_pat_dev_inst') {
            @(Get-ChildItem -LiteralPath (Join-Path $script:work "out-$run") -Filter '*.dcm' -Recurse).Count | Should -Be $planted
        }
    }
}
