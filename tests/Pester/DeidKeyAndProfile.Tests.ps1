# New-DicomDeidKey and Get-DicomDeidProfile.
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    $moduleDir = Split-Path -Parent $env:DICOMDEID_MODULE_PATH
    # Until the manifest exports these cmdlets, load them from the module folder.
    if (-not (Get-Command New-DicomDeidKey -Module DicomDeid -ErrorAction Ignore)) {
        Import-Module (Join-Path $moduleDir 'DicomDeid.dll') -Force
    }
}

Describe 'New-DicomDeidKey' {
    It 'writes a key file and outputs it with its fingerprint' {
        $p = Join-Path $TestDrive 'keys/one.key'
        $k = New-DicomDeidKey -Path $p
        $k | Should -BeOfType ([System.IO.FileInfo])
        $k.FullName | Should -Be $p
        $k.Fingerprint | Should -Match '^[0-9a-f]{16}$'
        (Get-Content -LiteralPath $p -Raw | ConvertFrom-Json).fingerprint | Should -Be $k.Fingerprint
        if (-not $IsWindows) { (Get-Item -LiteralPath $p).UnixMode | Should -Be '-rw-------' }
    }

    It 'makes a different key each time' {
        $a = New-DicomDeidKey -Path (Join-Path $TestDrive 'a.key')
        $b = New-DicomDeidKey -Path (Join-Path $TestDrive 'b.key')
        $a.Fingerprint | Should -Not -Be $b.Fingerprint
    }

    It 'refuses to overwrite without -Force, and overwrites with it' {
        $p = Join-Path $TestDrive 'c.key'
        $first = New-DicomDeidKey -Path $p
        $before = Get-Content -LiteralPath $p -Raw
        $r = New-DicomDeidKey -Path $p -ErrorVariable e -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.OutputExists*'
        Get-Content -LiteralPath $p -Raw | Should -Be $before
        $second = New-DicomDeidKey -Path $p -Force -Confirm:$false
        $second.Fingerprint | Should -Not -Be $first.Fingerprint
    }

    It 'writes nothing with -WhatIf' {
        $p = Join-Path $TestDrive 'whatif.key'
        New-DicomDeidKey -Path $p -WhatIf | Should -BeNullOrEmpty
        Test-Path $p | Should -BeFalse
    }

    It 'gives the key file to Invoke-DicomDeidentification whose records carry its fingerprint' {
        $corpusRoot = $PSScriptRoot
        while ($corpusRoot -and -not (Test-Path (Join-Path $corpusRoot 'DicomDeid.sln'))) { $corpusRoot = Split-Path -Parent $corpusRoot }
        $src = Join-Path (Split-Path -Parent $corpusRoot) 'shared/corpus/public/pydicom/test_files/CT_small.dcm'
        if (-not (Test-Path $src)) { throw "The public corpus is missing: $src" }
        $k = New-DicomDeidKey -Path (Join-Path $TestDrive 'fp.key')
        $r = Invoke-DicomDeidentification -LiteralPath $src -Destination (Join-Path $TestDrive 'fp-out') -KeyFile $k.FullName
        $r.KeyFingerprint | Should -Be $k.Fingerprint
    }
}

Describe 'Get-DicomDeidProfile' {
    It 'lists the built-in profiles' {
        $p = @(Get-DicomDeidProfile)
        $p.Name | Should -Be @('Basic', 'HipaaSafeHarbor', 'Research')
        foreach ($x in $p) {
            $x.Version | Should -Not -BeNullOrEmpty
            $x.Sha256 | Should -Match '^[0-9a-fA-F]{64}$'
        }
    }

    It 'shows profiles and rules as narrow tables' {
        $moduleDir = Split-Path -Parent $env:DICOMDEID_MODULE_PATH
        if (-not (Get-FormatData -TypeName 'DicomDeid.Engine.DeidProfile')) { Update-FormatData -PrependPath (Join-Path $moduleDir 'DicomDeid.Audit.format.ps1xml') }
        $t = Get-DicomDeidProfile | Out-String -Width 100
        $t | Should -Match 'Name\s+Version\s+Base\s+Options'
        $t | Should -Match 'Research'
        $r = Get-DicomDeidProfile Basic -Effective | Select-Object -First 5 | Out-String -Width 100
        $r | Should -Match 'TagPattern\s+Keyword\s+Act\s+RuleId'
        $r | Should -Match 'E\.1-1:'
    }

    It 'selects by name with wildcards' {
        (Get-DicomDeidProfile -Name 'Hip*').Name | Should -Be 'HipaaSafeHarbor'
    }

    It 'reports an unknown built-in name without stopping' {
        $r = @(Get-DicomDeidProfile -Name 'Nope', 'Basic' -ErrorVariable e -ErrorAction SilentlyContinue)
        $r.Name | Should -Be 'Basic'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.ProfileNotFound*'
    }

    It 'shows the effective rules, changed by options' {
        $basic = @(Get-DicomDeidProfile Basic -Effective)
        $basic.Count | Should -BeGreaterThan 100
        $withUids = @(Get-DicomDeidProfile Basic -Effective -Option RetainUIDs)
        ($withUids | Out-String) | Should -Not -Be ($basic | Out-String)
    }

    It 'stops with DicomDeid.OptionInvalid for an unknown option' {
        { Get-DicomDeidProfile Basic -Option Nope } | Should -Throw -ErrorId 'DicomDeid.OptionInvalid*'
    }

    It 'reads a valid profile file' {
        $p = Join-Path $TestDrive 'good.json'
        Set-Content -LiteralPath $p -Value (@{ schemaVersion = 1; name = 'Ours'; version = '3'; base = 'Basic'; options = @('RetainUIDs')
                rules = @(@{ id = 'keep-age'; match = @{ keyword = 'PatientAge' }; action = 'keep' }) } | ConvertTo-Json -Depth 5)
        $r = Get-DicomDeidProfile -Path $p
        $r.Name | Should -Be 'Ours'
        $r.Version | Should -Be '3'
        @(Get-DicomDeidProfile -Path $p -Effective).Count | Should -BeGreaterThan 100
    }

    It 'stops for a broken profile file with an error naming the line and the problem' {
        $p = Join-Path $TestDrive 'broken.json'
        Set-Content -LiteralPath $p -Value "{`n  `"schemaVersion`": 1, `"name`": `"Broken`",`n  `"rules`": [`n    { `"id`": `"r1`", `"match`": { `"keyword`": `"PatientName`" }, `"action`": `"obliterate`" }`n  ]`n}"
        $err = $null
        try { Get-DicomDeidProfile -Path $p; throw 'no error' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'DicomDeid.ProfileInvalid*'
        $err.Exception.Message | Should -Match 'line 4'
        $err.Exception.Message | Should -Match 'obliterate'
    }

    It 'stops for invalid JSON with the line' {
        $p = Join-Path $TestDrive 'notjson.json'
        Set-Content -LiteralPath $p -Value "{`n  `"name`": `"X`",`n  oops`n}"
        { Get-DicomDeidProfile -Path $p } | Should -Throw -ErrorId 'DicomDeid.ProfileInvalid*'
        try { Get-DicomDeidProfile -Path $p } catch { $_.Exception.Message | Should -Match 'line 3' }
    }

    It 'stops with DicomDeid.ProfileNotFound for a missing file' {
        { Get-DicomDeidProfile -Path (Join-Path $TestDrive 'none.json') } | Should -Throw -ErrorId 'DicomDeid.ProfileNotFound*'
    }
}
