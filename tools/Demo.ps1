<#
.SYNOPSIS
    A two-minute tour: writes a small synthetic DICOM set laden with fake identity, de-identifies it, shows the
    audit and a before/after of a few identifying tags, then cleans up.

.DESCRIPTION
    Run by `build.ps1 Demo` in a child pwsh with the staged module. Everything happens in a temporary folder
    that is removed at the end (pass -Keep to keep it and look around).

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Demo.ps1 -ModulePath out/DicomDeid/DicomDeid.psd1
#>
[CmdletBinding()]
param(
    # The module manifest to import (the staged out/DicomDeid/DicomDeid.psd1).
    [Parameter(Mandatory)][string] $ModulePath,
    # Keep the temporary folder instead of removing it.
    [switch] $Keep
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Write-Step([string] $Text) { Write-Host ''; Write-Host "== $Text" }

$IdentityTags = 'PatientName', 'PatientID', 'PatientBirthDate', 'PatientAddress', 'AccessionNumber', 'StudyDate',
    'InstitutionName', 'ReferringPhysicianName', 'StationName', 'StudyInstanceUID', 'SOPInstanceUID'

function Get-Identity([string] $File) {
    # Prefers the module's Get-DicomTag; falls back to dcmdump when the cmdlet is not there (or fails).
    $result = [ordered]@{}
    foreach ($k in $IdentityTags) { $result[$k] = $null }
    if (Get-Command Get-DicomTag -Module DicomDeid -ErrorAction SilentlyContinue) {
        try {
            foreach ($t in Get-DicomTag -LiteralPath $File -Tag $IdentityTags -ErrorAction Stop) {
                if ($result.Contains([string]$t.Keyword)) { $result[[string]$t.Keyword] = [string]$t.Value }
            }
            return $result
        }
        catch { Write-Verbose "Get-DicomTag failed: $_" }
    }
    $dcmdump = Get-Command dcmdump -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($dcmdump) {
        $pp = foreach ($k in $IdentityTags) { '+P'; $k }
        foreach ($line in & $dcmdump.Source -q @pp $File 2>$null) {
            if ($line -match '^\s*\([0-9a-f]{4},[0-9a-f]{4}\) \w\w (?:\[(?<v>.*?)\]|(?<v>\(no value available\))).*#.*\s(?<k>\w+)\s*$') {
                $v = if ($Matches.v -eq '(no value available)') { '' } else { $Matches.v }
                if ($result.Contains($Matches.k) -and $null -eq $result[$Matches.k]) { $result[$Matches.k] = $v }
            }
        }
    }
    return $result
}

function Limit([object] $Text, [int] $Width = 38) {
    $s = [string]$Text
    if ($s.Length -le $Width) { return $s }
    return $s.Substring(0, $Width - 3) + '...'
}

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
Import-Module $ModulePath -Force
if (-not (Get-Command New-DicomSampleSet -Module DicomDeid -ErrorAction SilentlyContinue)) {
    # The manifest does not export it yet: load the binary beside the manifest directly.
    Import-Module (Join-Path (Split-Path -Parent $ModulePath) 'DicomDeid.dll') -Force
}

$work = Join-Path ([IO.Path]::GetTempPath()) ('dicomdeid-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$samples = Join-Path $work 'originals'
$output = Join-Path $work 'deidentified'
try {
    Write-Host 'DicomDeid demo: de-identify a synthetic DICOM set (every name and number in it is made up).'

    Write-Step "1. Writing a sample set with New-DicomSampleSet (seed 2026) to $samples"
    $files = @(New-DicomSampleSet -Path $samples -Preset Demo -Seed 2026 -Confirm:$false)
    $files | Group-Object SampleKind | Sort-Object Name | ForEach-Object {
        [pscustomobject]@{ Kind = $_.Name; Files = $_.Count; KB = [int][math]::Round(($_.Group | Measure-Object Length -Sum).Sum / 1KB) }
    } | Format-Table -AutoSize | Out-Host
    Write-Host ('{0} files, {1:N0} KB: CT slices, multi-frame MR, ultrasound with a name burned into the pixels, an SR report;' -f $files.Count, (($files | Measure-Object Length -Sum).Sum / 1KB))
    Write-Host 'names, IDs, addresses, physicians, institutions, private tags and overlays all carry fake identity.'

    $example = $files | Where-Object SampleKind -eq 'CT' | Select-Object -First 1
    $before = Get-Identity $example.FullName

    $deid = Get-Command Invoke-DicomDeidentification -Module DicomDeid -ErrorAction SilentlyContinue
    if (-not $deid) {
        Write-Step '2. Invoke-DicomDeidentification is not available in this build yet'
        Write-Host 'Showing the identity a de-identification would remove instead, in one CT file:'
        Write-Host "   $($example.FullName.Substring($samples.Length + 1))"
        $before.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Tag = $_.Key; Value = Limit $_.Value 60 } } | Format-Table -AutoSize | Out-Host
        return
    }

    Write-Step "2. De-identifying with Invoke-DicomDeidentification (Basic profile) to $output"
    $deidArgs = @{ Path = $samples; Destination = $output; Confirm = $false }
    if ($deid.Parameters.ContainsKey('Recurse')) { $deidArgs.Recurse = $true }
    $keyFile = Join-Path $work 'demo.key'
    if (Get-Command New-DicomDeidKey -Module DicomDeid -ErrorAction SilentlyContinue) {
        New-DicomDeidKey -Path $keyFile -Confirm:$false | Out-Null
        $deidArgs.KeyFile = $keyFile
    }
    if ($deid.Parameters.ContainsKey('AuditLog')) { $deidArgs.AuditLog = Join-Path $work 'audit.jsonl' }
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $audit = @(Invoke-DicomDeidentification @deidArgs -WarningAction SilentlyContinue)
    $sw.Stop()
    Write-Host ('{0} audit records in {1:N1} s.' -f $audit.Count, $sw.Elapsed.TotalSeconds)

    Write-Step '3. The audit (one object per file; no original values in it)'
    $first = $audit | Select-Object -First 1
    if ($first -and $first.PSObject.Properties['Source'] -and $first.PSObject.Properties['ActionCounts']) {
        $audit | Select-Object -First 8 | ForEach-Object {
            $counts = $_.ActionCounts
            $c = { param($k) if ($counts -and $counts.ContainsKey($k)) { $counts[$k] } else { 0 } }
            [pscustomobject]@{
                File    = ([string]$_.Source).Substring($samples.Length + 1)
                Status  = $_.Status
                Removed = & $c 'X'; Emptied = & $c 'Z'; Dummy = & $c 'D'; UIDs = & $c 'U'
            }
        } | Format-Table -AutoSize | Out-Host
        Write-Host 'Removed/Emptied/Dummy/UIDs: how many elements got PS3.15 action X, Z, D and U; the full list is in .Changes.'
    }
    else { $audit | Select-Object -First 8 | Format-Table | Out-Host }
    if ($audit.Count -gt 8) { Write-Host "   ... and $($audit.Count - 8) more" }

    Write-Step '4. Before and after, one CT file'
    $record = $audit | Where-Object { $_.PSObject.Properties['Source'] -and [string]$_.Source -eq $example.FullName } | Select-Object -First 1
    $after = $null
    if ($record -and $record.PSObject.Properties['Destination'] -and $record.Destination) { $after = [string]$record.Destination }
    if (-not $after) { $after = Join-Path $output $example.FullName.Substring($samples.Length + 1) }
    if (Test-Path -LiteralPath $after) {
        $afterIdentity = Get-Identity $after
        $IdentityTags | ForEach-Object {
            $a = $afterIdentity[$_]
            [pscustomobject]@{ Tag = $_; Before = Limit $before[$_]; After = if ($null -eq $a) { '(removed)' } elseif ($a -eq '') { '(empty)' } else { Limit $a } }
        } | Format-Table -AutoSize | Out-Host
    }
    else {
        Write-Host "The de-identified copy of $($example.Name) was not found at $after."
    }
    Write-Host 'Header tags are clean; the ultrasound pixels still show the burned-in name (see BurnedInTextRegion on the'
    Write-Host 'New-DicomSampleSet output): pixel redaction is a separate option (CleanPixelData).'

    if (Get-Command Test-DicomDeidentified -Module DicomDeid -ErrorAction SilentlyContinue) {
        Write-Step '5. Checking the output independently with Test-DicomDeidentified (originals as -Reference)'
        try {
            $checks = @(Test-DicomDeidentified -Path $output -Recurse -Reference $samples -WarningAction SilentlyContinue -ErrorAction Stop)
            $passed = @($checks | Where-Object { $_.PSObject.Properties['Passed'] -and $_.Passed }).Count
            Write-Host ('{0} of {1} files passed.' -f $passed, $checks.Count)
            $findings = @($checks | Where-Object { $_.PSObject.Properties['Findings'] } | ForEach-Object { $_.Findings } | Where-Object { $_ })
            if ($findings.Count) {
                Write-Host 'Findings by check (the burned-in ultrasound text is expected here):'
                $findings | Group-Object { if ($_.PSObject.Properties['Check']) { $_.Check } else { [string]$_ } } | Sort-Object Count -Descending |
                    Select-Object -First 6 Count, Name | Format-Table -AutoSize | Out-Host
            }
        }
        catch { Write-Host "Test-DicomDeidentified failed: $($_.Exception.Message)" }
    }
    else { Write-Host 'Next: Test-DicomDeidentified checks the output independently; see Get-Help about_DicomDeid.' }

    if ($deid.Parameters.ContainsKey('PixelRules') -and (Get-Command Test-DicomDeidentified -Module DicomDeid -ErrorAction SilentlyContinue)) {
        $cleaned = Join-Path $work 'deidentified-clean-pixels'
        Write-Step "6. Again with -Option CleanPixelData: the burned-in text is blanked in the pixels ($cleaned)"
        # A site rule for the (fake) scanner model of the sample set: a full-width banner over the announced text rows.
        $usFile = $files | Where-Object { $_.PSObject.Properties['SampleKind'] -and $_.SampleKind -like 'US*' } | Select-Object -First 1
        $banner = 24
        if ($usFile -and $usFile.BurnedInTextRegion -match 'y=(\d+) w=\d+ h=(\d+)') { $banner = [int]$Matches[1] + [int]$Matches[2] + 2 }
        $model = if ($usFile) { (Get-DicomTag -LiteralPath $usFile.FullName -Tag ManufacturerModelName).Value } else { '' }
        $rules = Join-Path $work 'site-pixel-rules.json'
        @{
            schema = 'DicomDeid.PixelRules/1'; name = 'demo site rules'; version = '1'
            rules  = @(@{
                    id          = 'us.demo.banner'
                    description = 'Patient name banner at the top of the demo ultrasound model'
                    conditions  = @(@{ attribute = 'Modality'; op = 'equals'; value = 'US' }, @{ attribute = 'ManufacturerModelName'; op = 'equals'; value = $model })
                    regions     = @(@{ left = 0; top = 0; right = 0; height = $banner })
                })
        } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $rules -Encoding utf8
        Write-Host "Site rule: Modality US and model '$model' -> blank the top $banner rows (file: $rules)."
        $pixelArgs = @{} + $deidArgs
        $pixelArgs.Destination = $cleaned
        $pixelArgs.Option = 'CleanPixelData'
        $pixelArgs.PixelRules = $rules
        $pixelArgs.QuarantinePath = Join-Path $work 'quarantine'
        if ($pixelArgs.ContainsKey('AuditLog')) { $pixelArgs.AuditLog = Join-Path $work 'audit-pixels.jsonl' }
        $pixelAudit = @(Invoke-DicomDeidentification @pixelArgs -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $pixelAudit | Where-Object { $_.PixelAction -and [string]$_.PixelAction -ne 'None' } | ForEach-Object {
            [pscustomobject]@{
                File       = ([string]$_.Source).Substring($samples.Length + 1)
                Status     = $_.Status
                Pixels     = $_.PixelAction
                Rectangles = @($_.BlankedRegions).Count
            }
        } | Format-Table -AutoSize | Out-Host
        $recheck = @(Test-DicomDeidentified -Path $cleaned -Recurse -Reference $samples -Option CleanPixelData -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        Write-Host ('{0} of {1} files passed the independent check: the ultrasound files now declare Burned In Annotation NO' -f @($recheck | Where-Object Passed).Count, $recheck.Count)
        Write-Host 'and carry code 113101 (Clean Pixel Data) because their pixels really changed; one rectangle per frame is in the audit.'
        Write-Host 'Look at a result by eye: Export-DicomImage -LiteralPath <original> -Compare <cleaned> -Destination compare.png'
    }
}
finally {
    Write-Host ''
    if ($Keep) { Write-Host "Demo finished; files kept in $work" }
    else {
        if (Test-Path -LiteralPath $work) { Remove-Item -LiteralPath $work -Recurse -Force }
        Write-Host 'Demo finished; temporary files removed.'
    }
}
