<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the DicomDeid module.

.DESCRIPTION
    Run with a task name; `./build.ps1 Help` lists the tasks with their synopses.
    Everything it needs comes from NuGet and the local dotnet tool manifest; nothing from a gallery.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    # The tasks to run, in order.
    [Parameter(Position = 0)]
    [ValidateSet('Help', 'Build', 'Docs', 'Test', 'Demo', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),

    # Build configuration.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: a smaller corpus for a quick look (the figures in notes come from the full run).
    [switch] $Quick
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$env:NO_COLOR = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'DicomDeid'
$ResultsDir = Join-Path $Out 'test-results'

$Synopsis = [ordered]@{
    Help  = 'List the tasks with a one-line synopsis each.'
    Build = 'Compile the solution (warnings are errors) and stage an importable module in out/DicomDeid.'
    Docs  = 'Turn docs/*.md (platyPS-style) into MAML help and about topics in the staged module.'
    Test  = 'Build, then run xunit and Pester; print the Pester summary and a last line "N passed, N failed".'
    Demo  = 'Build, generate a synthetic sample set, de-identify it and show the audit.'
    Bench = 'Build, then benchmark against dcmtk, GDCM, pydicom and cp side by side (results in out/bench).'
    Clean = 'Remove out/ and every bin/ and obj/ folder.'
}

function Invoke-Native {
    # Runs a native command and stops on a non-zero exit code.
    param([Parameter(Mandatory)][string] $File, [string[]] $Arguments = @())
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-PwshPath {
    $candidate = Join-Path $PSHOME ($(if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'pwsh.exe' } else { 'pwsh' }))
    if (Test-Path -LiteralPath $candidate) { return $candidate }
    # Running as a dotnet tool: $PSHOME holds pwsh.dll; start it through dotnet.
    return $null
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh pwsh process: a binary module cannot be reloaded in-process after a rebuild.
    param([Parameter(Mandatory)][string] $Script, [string[]] $Arguments = @())
    $pwsh = Get-PwshPath
    if ($pwsh) {
        & $pwsh -NoProfile -NonInteractive -File $Script @Arguments | Out-Host
    }
    else {
        & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $Script @Arguments | Out-Host
    }
    return $LASTEXITCODE
}

function Invoke-Help {
    foreach ($k in $Synopsis.Keys) { '{0,-6} {1}' -f $k, $Synopsis[$k] }
}

function Invoke-Build {
    Write-Host "==> Build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'DicomDeid.sln'), '-c', $Configuration, '-nologo', '-v', 'minimal')
    if (Test-Path -LiteralPath $ModuleOut) { Remove-Item -LiteralPath $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut -Force | Out-Null
    $bin = Join-Path $Root "src/DicomDeid.PowerShell/bin/$Configuration/netstandard2.0"
    Get-ChildItem -LiteralPath $bin -File | Where-Object { $_.Extension -in '.dll', '.pdb', '.xml' -and $_.Name -notlike 'System.Management.Automation*' } |
        Copy-Item -Destination $ModuleOut
    Copy-Item -LiteralPath (Join-Path $Root 'DicomDeid.psd1') -Destination $ModuleOut
    Get-ChildItem -LiteralPath (Join-Path $Root 'module') -File | Copy-Item -Destination $ModuleOut
    $profiles = Join-Path $Root 'module/Profiles'
    if (Test-Path -LiteralPath $profiles) { Copy-Item -LiteralPath $profiles -Destination $ModuleOut -Recurse }
    Invoke-Docs
    Write-Host "Module staged in $ModuleOut"
}

function Invoke-Docs {
    $builder = Join-Path $Root 'tools/DicomDeid.HelpBuilder/DicomDeid.HelpBuilder.csproj'
    if (-not (Test-Path -LiteralPath $builder)) { Write-Warning 'Help builder not present; no MAML built.'; return }
    $helpOut = Join-Path $ModuleOut 'en-US'
    New-Item -ItemType Directory -Path $helpOut -Force | Out-Null
    Invoke-Native dotnet @('run', '--project', $builder, '-c', $Configuration, '--', '--docs', (Join-Path $Root 'docs'), '--out', $helpOut, '--assembly', 'DicomDeid.dll')
}

function Get-PesterModulePath {
    $proj = Join-Path $Root 'tools/Pester/Pester.Download.csproj'
    Invoke-Native dotnet @('restore', $proj, '-nologo', '-v', 'quiet')
    $line = (& dotnet nuget locals global-packages --list) -join "`n"
    $packages = ($line -replace '^.*global-packages:\s*', '').Trim()
    $psd1 = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path -LiteralPath $psd1)) { throw "Pester 5.7.1 was not restored to $psd1." }
    return $psd1
}

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Total = [int]$c.total; NotExecuted = [int]$c.notExecuted }
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path -LiteralPath $ResultsDir) { Remove-Item -LiteralPath $ResultsDir -Recurse -Force }
    New-Item -ItemType Directory -Path $ResultsDir -Force | Out-Null
    $passed = 0; $failed = 0
    $xunitFailed = $false

    foreach ($proj in Get-ChildItem -LiteralPath (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        Write-Host "==> xunit: $($proj.BaseName)"
        $trx = "$($proj.BaseName).trx"
        & dotnet test $proj.FullName -c $Configuration -nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $ResultsDir
        if ($LASTEXITCODE -ne 0) { $xunitFailed = $true }
        $trxPath = Join-Path $ResultsDir $trx
        if (Test-Path -LiteralPath $trxPath) {
            $c = Read-TrxCounts $trxPath
            Write-Host ("    {0}: {1} passed, {2} failed, {3} not executed" -f $proj.BaseName, $c.Passed, $c.Failed, $c.NotExecuted)
            $passed += $c.Passed; $failed += $c.Failed + $c.NotExecuted
        }
        else { $failed++; Write-Host "    no results written for $($proj.BaseName)" }
    }
    if ($xunitFailed -and $failed -eq 0) { $failed = 1 }

    Write-Host '==> Pester'
    $pester = Get-PesterModulePath
    $pesterJson = Join-Path $ResultsDir 'pester.json'
    $rc = Invoke-ChildPwsh -Script (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1') -Arguments @('-PesterPath', $pester, '-ModulePath', (Join-Path $ModuleOut 'DicomDeid.psd1'), '-ResultPath', $pesterJson, '-TestPath', (Join-Path $Root 'tests/Pester'))
    if (Test-Path -LiteralPath $pesterJson) {
        $p = Get-Content -LiteralPath $pesterJson -Raw | ConvertFrom-Json
        Write-Host ("Pester: {0} passed, {1} failed, {2} skipped, {3} not run" -f $p.Passed, $p.Failed, $p.Skipped, $p.NotRun)
        $passed += [int]$p.Passed; $failed += [int]$p.Failed + [int]$p.Skipped + [int]$p.NotRun
        if ($rc -ne 0 -and [int]$p.Failed -eq 0) { $failed++ }
    }
    else { Write-Host 'Pester wrote no results.'; $failed++ }

    if ($passed + $failed -eq 0) { Write-Host 'No tests ran.'; $failed = 1 }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $rc = Invoke-ChildPwsh -Script (Join-Path $Root 'tools/Demo.ps1') -Arguments @('-ModulePath', (Join-Path $ModuleOut 'DicomDeid.psd1'))
    if ($rc -ne 0) { exit $rc }
}

function Invoke-Bench {
    Invoke-Build
    $benchArgs = @('-ModulePath', (Join-Path $ModuleOut 'DicomDeid.psd1'), '-OutDir', (Join-Path $Out 'bench'), '-Configuration', $Configuration)
    if ($Quick) { $benchArgs += '-Quick' }
    $rc = Invoke-ChildPwsh -Script (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -Arguments $benchArgs
    if ($rc -ne 0) { exit $rc }
}

function Invoke-Clean {
    if (Test-Path -LiteralPath $Out) { Remove-Item -LiteralPath $Out -Recurse -Force }
    Get-ChildItem -LiteralPath $Root -Recurse -Directory -Include 'bin', 'obj' | Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

foreach ($t in $Task) {
    & "Invoke-$t"
}
