<#
.SYNOPSIS
    A ready Pester suite that proves a folder of de-identified DICOM files is clean before it leaves the building.

.DESCRIPTION
    Point it at a share and run it with Pester 5:

        $c = New-PesterContainer -Path ./Verify-Share.Tests.ps1 -Data @{
            Path = '\\server\export\study-42'; Profile = 'Basic'; Option = @(); Reference = $null; AuditLog = $null }
        Invoke-Pester -Container $c -Output Detailed

    Every file becomes one test, so the report names each file that fails and why (masked findings only).
    Give -Reference (the originals) and -AuditLog (from Invoke-DicomDeidentification -AuditLog) to add the leak scan.
#>
param(
    [Parameter(Mandatory)] [string] $Path,
    [string] $Profile = 'Basic',
    [string[]] $Option = @(),
    [string] $Reference,
    [string] $AuditLog
)

BeforeDiscovery {
    $files = @(Get-ChildItem -LiteralPath $Path -Recurse -File | ForEach-Object { @{ File = $_.FullName; Name = $_.Name } })
}

BeforeAll {
    Import-Module DicomDeid -ErrorAction Stop
    $script:verifyArgs = @{ Profile = $Profile; Option = $Option }
    if ($Reference) { $script:verifyArgs.Reference = $Reference }
    if ($AuditLog) { $script:verifyArgs.AuditLog = $AuditLog }
}

Describe "De-identified share <Path>" -ForEach @{ Path = $Path } {
    It 'holds at least one file' {
        @(Get-ChildItem -LiteralPath $Path -Recurse -File).Count | Should -BeGreaterThan 0
    }

    It '<Name> carries no identity' -ForEach $files {
        $File | Should -BeDeidentified -DeidProfile $script:verifyArgs.Profile -Option $script:verifyArgs.Option
    }

    It 'the set keeps its references and patients apart' {
        $results = Test-DicomDeidentified -LiteralPath $Path -Recurse @script:verifyArgs
        $setFindings = @($results.Findings | Where-Object { $_.Check -in 'patient-merged', 'patient-split' })
        $setFindings.Count | Should -Be 0
    }
}
