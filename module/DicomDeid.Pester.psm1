# Pester integration for DicomDeid: registers `Should -BeDeidentified` when Pester 5 is loaded before DicomDeid
# is imported (Invoke-Pester loads Pester first, so importing DicomDeid in BeforeAll is enough).
Set-StrictMode -Version Latest

function Test-DicomDeidShouldOperator {
    # Pester passes ActualValue, Negate and Because; the other parameters become -Should parameters.
    param(
        $ActualValue,
        [switch] $Negate,
        [string] $Because,
        [string] $DeidProfile = 'Basic',
        [string[]] $Option = @(),
        [string] $Reference,
        [string] $KeyFile
    )
    $testArgs = @{ Profile = $DeidProfile }
    if ($Option) { $testArgs.Option = $Option }
    if ($Reference) { $testArgs.Reference = $Reference }
    if ($KeyFile) { $testArgs.KeyFile = $KeyFile }

    $paths = foreach ($item in @($ActualValue)) {
        if ($null -eq $item) { continue }
        if ($item -is [string]) { $item }
        elseif ($item.PSObject.Properties['FullName']) { $item.FullName }
        elseif ($item.PSObject.Properties['Path']) { $item.Path }
        else { [string]$item }
    }
    if (-not $paths) {
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = 'Expected DICOM files to verify, but got nothing.' }
    }
    $results = @(Test-DicomDeidentified -LiteralPath $paths @testArgs -ErrorAction SilentlyContinue -ErrorVariable verifyErrors)
    $failed = @($results | Where-Object { -not $_.Passed })
    $clean = ($failed.Count -eq 0) -and ($verifyErrors.Count -eq 0) -and ($results.Count -gt 0)
    $because = if ($Because) { " because $Because" } else { '' }

    if ($Negate) {
        if (-not $clean) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = "Expected identity to remain$because, but $($results.Count) file(s) verified clean." }
    }
    if ($clean) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }

    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("Expected de-identified DICOM$because, but $($failed.Count) of $($results.Count) file(s) failed verification:")
    foreach ($r in $failed | Select-Object -First 20) {
        $lines.Add("  $($r.Path)")
        foreach ($f in @($r.Findings) | Where-Object { $_.Severity -ne 'Info' } | Select-Object -First 10) {
            $lines.Add(("    [{0}] {1} {2} (HIPAA {3}) {4}" -f $f.Severity, $f.Check, $f.TagPath, $f.HipaaCategoryNumber, $f.MaskedExcerpt))
        }
    }
    foreach ($e in $verifyErrors | Select-Object -First 10) { $lines.Add("  error: $($e.Exception.Message)") }
    return [pscustomobject]@{ Succeeded = $false; FailureMessage = ($lines -join [Environment]::NewLine) }
}

$addOperator = Get-Command -Name Add-ShouldOperator -ErrorAction SilentlyContinue
if ($addOperator) {
    $pester = Get-Module -Name Pester
    $already = $false
    if ($pester -and $pester.Version.Major -ge 5) {
        try { $already = $null -ne (& $pester { $script:AssertionOperators['BeDeidentified'] }) } catch { $already = $false }
    }
    if (-not $already) {
        Add-ShouldOperator -Name BeDeidentified -Test ${function:Test-DicomDeidShouldOperator} -SupportsArrayInput
    }
}

Export-ModuleMember -Function @()
