<#
.SYNOPSIS
    Runs the Pester suite in this process (started as a child pwsh by build.ps1) and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $ResultPath,
    [Parameter(Mandatory)][string] $TestPath
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterPath -Force
$env:DICOMDEID_MODULE_PATH = $ModulePath
$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
    NotRun  = $result.NotRunCount
    Total   = $result.TotalCount
} | ConvertTo-Json | Set-Content -LiteralPath $ResultPath -Encoding utf8
if ($result.FailedCount -gt 0 -or $result.TotalCount -eq 0) { exit 1 }
exit 0
