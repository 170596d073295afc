<#
.SYNOPSIS
    Benchmarks DicomDeid against dcmtk, GDCM, pydicom and cp on one generated corpus, side by side in one run.

.DESCRIPTION
    Run by `build.ps1 Bench` in a child pwsh with the staged module. A benchmark, not a timed test: it prints one
    comparison table per scenario and writes them as Markdown and JSON to -OutDir.

    Scenarios:
      a. Parse throughput (issue 2): the corpus and one large multi-frame file, read by our reader (in-process
         through bench/DicomDeid.Bench, and Get-DicomFile in pwsh), dcmdump and pydicom.
      b. De-identification (issue 3): the corpus de-identified by Invoke-DicomDeidentification (pwsh, ThrottleLimit 2),
         the engine in-process, gdcmanon, a dcmodify script, a pydicom script, and cp -r as the physical limit;
         memory flatness: small files against the large file.
      c. Verification speed (issue 4): Test-DicomDeidentified on our de-identified output.
      d. Pixel redaction: bench/pixels/Invoke-PixelBenchmark.ps1 when present.
    Every tool runs under /usr/bin/time -v (wall clock, Maximum resident set size of the largest process) with a
    warm page cache. De-identification tools run -Repeat times each (output removed before each run) and the best
    run is kept: on a VM, fresh memory pages cost the kernel a different amount from one run to the next, which moved
    single runs of every tool (cp included) by 2-3x. A row for the audit's two SHA-256 per file, computed alone, shows
    the floor under the cmdlet's time. What each tool does is stated in the table. Missing tools and cmdlets give "not available" rows.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmark.ps1 -ModulePath out/DicomDeid/DicomDeid.psd1 -OutDir out/bench -Quick
#>
[CmdletBinding()]
param(
    # The staged module manifest.
    [Parameter(Mandatory)][string] $ModulePath,
    # Where the tables (bench-results.md, bench-results.json) go.
    [string] $OutDir = 'out/bench',
    # Configuration to build the bench console with.
    [ValidateSet('Debug', 'Release')][string] $Configuration = 'Release',
    # A smaller corpus (about 500 files) and a 256 MB large file: about two minutes.
    [switch] $Quick,
    # Folder for the corpus and outputs; removed at the end unless -KeepWork. Default: a folder in /dev/shm (tmpfs)
    # when it has room, so the figures measure the tools' work rather than this machine's disk; else <OutDir>/work.
    [string] $WorkDir,
    # Put the work folder on disk (<OutDir>/work) even when /dev/shm has room.
    [switch] $OnDisk,
    # Keep the corpus and outputs.
    [switch] $KeepWork,
    # Runs of each de-identification tool; the best (shortest) run is reported. Single runs on this kind of VM vary
    # 2-3x with the kernel's cost of handing out fresh memory pages, for every tool alike.
    [ValidateRange(1, 10)][int] $Repeat = 3
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$env:NO_COLOR = '1'
$env:MSBUILDDISABLENODEREUSE = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

$Root = Split-Path -Parent $PSScriptRoot
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$OutDir = (Resolve-Path -LiteralPath $OutDir).ProviderPath
$needGB = if ($Quick) { 2 } else { 6 }
if (-not $WorkDir) {
    $shmFree = 0
    if (-not $OnDisk -and (Test-Path -LiteralPath '/dev/shm')) {
        $shmFree = [long]((& df -Pk /dev/shm | Select-Object -Last 1) -split '\s+')[3] * 1KB
    }
    $WorkDir = if ($shmFree -ge $needGB * 1GB) { "/dev/shm/dicomdeid-bench-$PID" } else { Join-Path $OutDir 'work' }
}
if (Test-Path -LiteralPath $WorkDir) { Remove-Item -LiteralPath $WorkDir -Recurse -Force }
New-Item -ItemType Directory -Force -Path $WorkDir | Out-Null
$WorkDir = (Resolve-Path -LiteralPath $WorkDir).ProviderPath

$Rows = [System.Collections.Generic.List[object]]::new()
$CmdletSeconds = @{}
$Python = '/usr/bin/python3'
$Time = '/usr/bin/time'
$PwshCmd = if (Test-Path -LiteralPath (Join-Path $PSHOME 'pwsh')) { "'$(Join-Path $PSHOME 'pwsh')'" } else { "dotnet '$(Join-Path $PSHOME 'pwsh.dll')'" }

function Write-Step([string] $Text) { Write-Host ''; Write-Host "== $Text" }

function Test-Tool([string] $Name) { [bool](Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue) }

function Quote([string] $s) { "'" + $s.Replace("'", "'\''") + "'" }

function Add-Row {
    param([string] $Scenario, [string] $Tool, [string] $Does, [long] $Files, [long] $Bytes, [double] $Seconds,
        [double] $PeakMB, [string] $Status = 'ok', [string] $Note = '')
    $ok = $Status -eq 'ok' -and $Seconds -gt 0
    $Rows.Add([pscustomobject]@{
            Scenario = $Scenario; Tool = $Tool; Does = $Does; Files = $Files
            MB = [math]::Round($Bytes / 1MB, 1)
            Seconds = if ($ok) { [math]::Round($Seconds, 2) } else { $null }
            FilesPerSec = if ($ok) { [math]::Round($Files / $Seconds, 1) } else { $null }
            MBPerSec = if ($ok) { [math]::Round($Bytes / 1MB / $Seconds, 1) } else { $null }
            PeakMB = if ($Status -eq 'ok' -or $Status -like 'exit*') { [math]::Round($PeakMB, 1) } else { $null }
            Status = $Status; Note = $Note
        })
}

function Invoke-Timed {
    # Runs a bash command under /usr/bin/time -v; returns seconds, peak RSS (MB), exit code and stdout.
    param([Parameter(Mandatory)][string] $Bash)
    $timeFile = Join-Path $WorkDir 'time.txt'
    $outFile = Join-Path $WorkDir 'stdout.txt'
    $errFile = Join-Path $WorkDir 'stderr.txt'
    & $Time -v -o $timeFile bash -c $Bash > $outFile 2> $errFile
    $t = Get-Content -LiteralPath $timeFile -Raw
    $elapsed = [regex]::Match($t, 'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)').Groups[1].Value
    $parts = $elapsed.Split(':') | ForEach-Object { [double]::Parse($_, [cultureinfo]::InvariantCulture) }
    $seconds = 0.0; foreach ($p in $parts) { $seconds = $seconds * 60 + $p }
    $rss = [double]([regex]::Match($t, 'Maximum resident set size \(kbytes\): (\d+)').Groups[1].Value) / 1024
    $exit = [int]([regex]::Match($t, 'Exit status: (\d+)').Groups[1].Value)
    [pscustomobject]@{
        Seconds = $seconds; PeakMB = $rss; Exit = $exit
        Stdout = (Get-Content -LiteralPath $outFile -Raw -ErrorAction SilentlyContinue) ?? ''
        Stderr = (Get-Content -LiteralPath $errFile -Raw -ErrorAction SilentlyContinue) ?? ''
    }
}

function Get-LastJson([string] $Text) {
    $line = ($Text -split "`n" | Where-Object { $_.Trim().StartsWith('{') } | Select-Object -Last 1)
    if ($line) { return $line | ConvertFrom-Json }
    return $null
}

function Measure-Row {
    param([string] $Scenario, [string] $Tool, [string] $Does, [string] $Bash, [long] $Files, [long] $Bytes,
        [scriptblock] $Check,
        # Runs; the shortest successful one is kept (its peak memory and check too).
        [int] $Runs = 1,
        # Runs before each run, untimed: removes the previous run's output.
        [scriptblock] $Reset)
    Write-Host ("   {0,-44} ..." -f $Tool) -NoNewline
    $all = foreach ($i in 1..$Runs) {
        if ($Reset) { & $Reset }
        & sync
        Invoke-Timed -Bash $Bash
    }
    $ok = @($all | Where-Object Exit -eq 0)
    $r = if ($ok) { $ok | Sort-Object Seconds | Select-Object -First 1 } else { $all | Select-Object -Last 1 }
    $status = 'ok'; $note = ''
    if ($r.Exit -ne 0) { $status = "exit $($r.Exit)"; $note = (($r.Stderr -split "`n" | Where-Object { $_ } | Select-Object -First 2) -join ' ').Trim() }
    if ($Check) {
        $c = & $Check $r
        if ($c -is [string] -and $c) { $status = $c }
        elseif ($c -is [hashtable]) { if ($c['Status']) { $status = $c['Status'] }; if ($c['Note']) { $note = $c['Note'] } }
    }
    if ($Runs -gt 1) {
        $runsText = "best of $Runs runs (" + ((@($all) | ForEach-Object { $_.Seconds.ToString('0.00', [cultureinfo]::InvariantCulture) }) -join ', ') + ' s)'
        $note = if ($note) { "$runsText; $note" } else { $runsText }
    }
    Add-Row -Scenario $Scenario -Tool $Tool -Does $Does -Files $Files -Bytes $Bytes -Seconds $r.Seconds -PeakMB $r.PeakMB -Status $status -Note $note
    Write-Host (" {0,7:N2} s {1,8:N1} MB peak  {2}{3}" -f $r.Seconds, $r.PeakMB, $status, $(if ($Runs -gt 1) { "  ($runsText)" }))
    return $r
}

# Reads a tree once so every tool starts with a warm page cache, and flushes dirty pages so no tool pays for the
# write-back of an earlier one.
function Warm([string] $Path) { & bash -c "find $(Quote $Path) -type f -print0 | xargs -0 cat > /dev/null; sync" }

# ------------------------------------------------------------------ environment
Write-Host "DicomDeid benchmark ($(if ($Quick) { 'quick' } else { 'full' })) on $([Environment]::ProcessorCount) cores, $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC"
$versions = [ordered]@{
    dotnet   = (& dotnet --version)
    pwsh     = $PSVersionTable.PSVersion.ToString()
    dcmtk    = if (Test-Tool dcmdump) { ((& dcmdump --version 2>&1) | Select-Object -First 1) -replace '^\$dcmtk: ', '' } else { 'missing' }
    gdcm     = if (Test-Tool gdcmanon) { ((& gdcmanon --version 2>&1) | Select-Object -First 1) } else { 'missing' }
    pydicom  = if (Test-Path $Python) { (& $Python -c 'import pydicom; print(pydicom.__version__)' 2>$null) ?? 'missing' } else { 'missing' }
    cpu      = ((Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', '')
}
$fsType = (& df -PT $WorkDir | Select-Object -Last 1) -split '\s+' | Select-Object -Index 1
$versions['workdir'] = "$WorkDir ($fsType)"
$versions.GetEnumerator() | ForEach-Object { Write-Host ("   {0,-8} {1}" -f $_.Key, $_.Value) }
$hasPydicom = $versions.pydicom -ne 'missing' -and $versions.pydicom

# ------------------------------------------------------------------ module capabilities
Import-Module $ModulePath -Force
$cmd = @{}
foreach ($n in 'Get-DicomFile', 'Get-DicomTag', 'Invoke-DicomDeidentification', 'Test-DicomDeidentified', 'New-DicomDeidKey', 'New-DicomSampleSet') {
    $cmd[$n] = Get-Command $n -Module DicomDeid -ErrorAction SilentlyContinue
}
# The Get-DicomFile of the skeleton is a placeholder without -LiteralPath.
$hasGetDicomFile = $cmd['Get-DicomFile'] -and $cmd['Get-DicomFile'].Parameters.ContainsKey('LiteralPath')
$hasDeid = $cmd['Invoke-DicomDeidentification'] -and $cmd['Invoke-DicomDeidentification'].Parameters.ContainsKey('Destination')
$hasVerify = [bool]$cmd['Test-DicomDeidentified']

# ------------------------------------------------------------------ bench console and corpus
Write-Step 'Building bench/DicomDeid.Bench'
& dotnet build (Join-Path $Root 'bench/DicomDeid.Bench/DicomDeid.Bench.csproj') -c $Configuration -nologo -v q | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'bench/DicomDeid.Bench failed to build.' }
$benchDll = Join-Path $Root "bench/DicomDeid.Bench/bin/$Configuration/net10.0/DicomDeid.Bench.dll"
$bench = "dotnet $(Quote $benchDll)"

$corpus = Join-Path $WorkDir 'corpus'
$largeDir = Join-Path $WorkDir 'large'
$largeFile = Join-Path $largeDir 'large-multiframe.dcm'
$largeBytes = if ($Quick) { 256MB } else { 1GB }
Write-Step "Generating the corpus ($(if ($Quick) { 'Quick' } else { 'Bench' }) preset, seed 20261125) and a $($largeBytes / 1MB) MB multi-frame file"
$g = Invoke-Timed -Bash "$bench generate --out $(Quote $corpus) --preset $(if ($Quick) { 'Quick' } else { 'Bench' }) --seed 20261125"
if ($g.Exit -ne 0) { throw "Corpus generation failed: $($g.Stderr)" }
$gen = Get-LastJson $g.Stdout
$l = Invoke-Timed -Bash "$bench large --out $(Quote $largeFile) --bytes $largeBytes"
if ($l.Exit -ne 0) { throw "Large file generation failed: $($l.Stderr)" }
$large = Get-LastJson $l.Stdout
$kinds = ($gen.kinds.PSObject.Properties | ForEach-Object { "$($_.Value) $($_.Name)" }) -join ', '
Write-Host ("   corpus: {0} files ({1}), {2:N0} MB in {3:N1} s ({4:N0} MB/s), peak {5:N0} MB" -f $gen.files, $kinds, ($gen.bytes / 1MB), $g.Seconds, ($gen.bytes / 1MB / $g.Seconds), $g.PeakMB)
Write-Host ("   large : {0} frames of 512x512x16, {1:N0} MB in {2:N1} s, peak {3:N0} MB, {4:N1} MB allocated" -f $large.frames, ($large.bytes / 1MB), $l.Seconds, $l.PeakMB, ($large.allocatedBytes / 1MB))

$list = Join-Path $WorkDir 'corpus.txt'
Get-ChildItem -LiteralPath $corpus -Recurse -File -Filter '*.dcm' | Sort-Object FullName | ForEach-Object FullName | Set-Content -LiteralPath $list
$largeList = Join-Path $WorkDir 'large.txt'
Set-Content -LiteralPath $largeList -Value $largeFile
[long]$nFiles = $gen.files; [long]$nBytes = $gen.bytes; [long]$lBytes = $large.bytes

# ------------------------------------------------------------------ a. parse
Write-Step 'a. Parse throughput (warm page cache)'
Warm $corpus
foreach ($set in @(@{ Name = 'corpus'; List = $list; Files = $nFiles; Bytes = $nBytes }, @{ Name = "large file"; List = $largeList; Files = 1; Bytes = $lBytes })) {
    $sc = "Parse, $($set.Name)"
    Warm (Split-Path -Parent (Get-Content -LiteralPath $set.List -TotalCount 1))
    Measure-Row $sc 'DicomDeid reader (in-process)' 'DicomFileReader.Read: header parsed, bulk values kept as (offset, length)' `
        "$bench parse --list $(Quote $set.List)" $set.Files $set.Bytes {
        param($r)
        $j = Get-LastJson $r.Stdout
        if ($j -and $j.PSObject.Properties['available'] -and -not $j.available) { return @{ Status = 'not available'; Note = $j.reason } }
        if ($j -and $j.PSObject.Properties['seconds']) { return @{ Note = ('{0:N2} s in-process, {1:N1} MB allocated' -f $j.seconds, ($j.allocatedBytes / 1MB)) } }
    } | Out-Null
    if ($hasGetDicomFile) {
        $ps = Join-Path $WorkDir 'getdicomfile.ps1'
        Set-Content -LiteralPath $ps -Value @"
Import-Module '$ModulePath'
`$n = (Get-DicomFile -LiteralPath (Get-Content -LiteralPath '$($set.List)') | Measure-Object).Count
"files=`$n"
"@
        Measure-Row $sc 'DicomDeid Get-DicomFile (pwsh)' 'one object per file; includes pwsh start and module load' `
            "$PwshCmd -NoProfile -NonInteractive -File $(Quote $ps)" $set.Files $set.Bytes {
            param($r) if ($r.Stdout -notmatch "files=$($set.Files)\b") { 'wrong count' } } | Out-Null
    }
    else { Add-Row $sc 'DicomDeid Get-DicomFile (pwsh)' 'one object per file' $set.Files $set.Bytes 0 0 'not available' 'Get-DicomFile is not in this build yet' }
    if (Test-Tool dcmdump) {
        Measure-Row $sc 'dcmdump (dcmtk)' 'loads every value incl. pixel data, prints the dump to /dev/null; 256 files per process' `
            "xargs -a $(Quote $set.List) -d '\n' -n 256 dcmdump -q > /dev/null" $set.Files $set.Bytes | Out-Null
    }
    else { Add-Row $sc 'dcmdump (dcmtk)' '' $set.Files $set.Bytes 0 0 'not available' 'dcmtk not installed' }
    if ($hasPydicom) {
        Measure-Row $sc 'pydicom dcmread (full)' 'dcmread: every value read into memory, like dcmdump' `
            "$Python $(Quote (Join-Path $PSScriptRoot 'pydicom_parse.py')) full $(Quote $set.List)" $set.Files $set.Bytes | Out-Null
        Measure-Row $sc 'pydicom dcmread defer_size=1KB' 'dcmread(defer_size="1 KB"): values over 1 KB left on disk, like ours' `
            "$Python $(Quote (Join-Path $PSScriptRoot 'pydicom_parse.py')) defer $(Quote $set.List)" $set.Files $set.Bytes | Out-Null
    }
    else { Add-Row $sc 'pydicom' '' $set.Files $set.Bytes 0 0 'not available' 'python3-pydicom not installed' }
}

# ------------------------------------------------------------------ b. de-identification
Write-Step 'b. De-identification (warm page cache; each output removed after its row)'
$certDir = Join-Path $WorkDir 'cert'
New-Item -ItemType Directory -Force -Path $certDir | Out-Null
$cert = Join-Path $certDir 'cert.pem'
& openssl req -x509 -newkey rsa:2048 -keyout (Join-Path $certDir 'key.pem') -out $cert -days 2 -nodes -subj '/CN=dicomdeid-bench' 2>$null | Out-Null
$keyFile = Join-Path $WorkDir 'bench.key'
if ($cmd['New-DicomDeidKey']) {
    try { New-DicomDeidKey -Path $keyFile -Confirm:$false | Out-Null } catch { Write-Warning "New-DicomDeidKey failed: $_"; $keyFile = $null }
}
else { $keyFile = $null }
$oursOut = Join-Path $WorkDir 'deid-ours'

foreach ($set in @(@{ Name = 'corpus'; In = $corpus; List = $list; Files = $nFiles; Bytes = $nBytes }, @{ Name = 'large file'; In = $largeDir; List = $largeList; Files = 1; Bytes = $lBytes })) {
    $sc = "De-identify, $($set.Name)"
    $dest = Join-Path $WorkDir 'deid-out'
    Warm $set.In
    $clean = { Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue }.GetNewClosure()
    Measure-Row $sc 'cp -r (physical limit)' 'copies the bytes, nothing else' "cp -r $(Quote $set.In) $(Quote $dest)" $set.Files $set.Bytes -Runs $Repeat -Reset $clean | Out-Null
    Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue

    if ($hasDeid) {
        $keyArg = if ($keyFile) { "-KeyFile '$keyFile'" } else { '' }
        $target = if ($set.Name -eq 'corpus') { $oursOut } else { $dest }
        $ps = Join-Path $WorkDir 'deid.ps1'
        Set-Content -LiteralPath $ps -Value @"
Import-Module '$ModulePath'
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$n = (Invoke-DicomDeidentification -Path '$($set.In)' -Destination '$target' -Recurse -ThrottleLimit 2 $keyArg -Confirm:`$false -WarningAction SilentlyContinue | Measure-Object).Count
"files=`$n cmdletSeconds=`$(`$sw.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture))"
"@
        Measure-Row $sc 'DicomDeid Invoke-DicomDeidentification' 'Basic profile, all of Table E.1-1; ThrottleLimit 2; includes pwsh start' `
            "$PwshCmd -NoProfile -NonInteractive -File $(Quote $ps)" $set.Files $set.Bytes {
            param($r)
            if ($r.Stdout -notmatch "files=$($set.Files)\b") { $t = ($r.Stdout.Trim() + ' ' + $r.Stderr.Trim()); return @{ Status = 'wrong count'; Note = $t.Substring(0, [math]::Min(160, $t.Length)) } }
            if ($r.Stdout -match 'cmdletSeconds=([\d.]+)') {
                $cs = [double]::Parse($Matches[1], [cultureinfo]::InvariantCulture)
                $script:CmdletSeconds[$set.Name] = $cs
                return @{ Note = ('{0:N2} s inside the cmdlet = {1:N1} files/s, {2:N1} MB/s (the rest is pwsh start and module load)' -f $cs, ($set.Files / $cs), ($set.Bytes / 1MB / $cs)) }
            } } -Runs $Repeat -Reset { Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction SilentlyContinue }.GetNewClosure() | Out-Null
        # The audit's two SHA-256 (input and output of every file) alone, same threads and hash implementation: the
        # floor under the cmdlet's time on this machine, whatever else it does.
        if (Test-Path -LiteralPath $target) {
            $outList = Join-Path $WorkDir 'outputs.txt'
            Get-ChildItem -LiteralPath $target -Recurse -File | ForEach-Object FullName | Set-Content -LiteralPath $outList
            Measure-Row $sc 'SHA-256 of inputs and outputs (audit hashes alone)' 'reads and hashes each input and output once, as the audit requires; .NET SHA-256, 2 threads; no DICOM work' `
                "$bench sha256 --list $(Quote $set.List) --list2 $(Quote $outList) --threads 2" $set.Files $set.Bytes {
                param($r)
                $j = Get-LastJson $r.Stdout
                if ($j -and $j.PSObject.Properties['bytes']) { return @{ Note = ('{0:N0} MB hashed, {1:N0} MB/s' -f ($j.bytes / 1MB), ($j.bytes / 1MB / $j.seconds)) } }
            } -Runs $Repeat | Out-Null
        }
        if ($set.Name -ne 'corpus') { Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue }
    }
    else { Add-Row $sc 'DicomDeid Invoke-DicomDeidentification' 'Basic profile; ThrottleLimit 2' $set.Files $set.Bytes 0 0 'not available' 'Invoke-DicomDeidentification is not in this build yet' }

    Measure-Row $sc 'DicomDeid engine (in-process)' 'engine Apply + writer, 2 workers; no PowerShell, no audit (so no hashes)' `
        "$bench deid --list $(Quote $set.List) --in $(Quote $set.In) --out $(Quote $dest) --threads 2" $set.Files $set.Bytes {
        param($r)
        $j = Get-LastJson $r.Stdout
        if ($j -and $j.PSObject.Properties['available'] -and -not $j.available) { return @{ Status = 'not available'; Note = $j.reason } }
        if ($j -and $j.PSObject.Properties['applySeconds']) {
            return @{ Note = ('worker time: read {0:N2} s, Apply {1:N2} s, write {2:N2} s' -f $j.readSeconds, $j.applySeconds, $j.writeSeconds) }
        }
    } -Runs $Repeat -Reset $clean | Out-Null
    Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue

    if (Test-Tool gdcmanon) {
        Measure-Row $sc 'gdcmanon -e (GDCM)' 'PS3.15 E.1 basic profile, originals encrypted into the file with cert.pem' `
            "gdcmanon -e -c $(Quote $cert) -r --continue -i $(Quote $set.In) -o $(Quote $dest)" $set.Files $set.Bytes -Runs $Repeat -Reset $clean | Out-Null
        Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue
    }
    else { Add-Row $sc 'gdcmanon -e (GDCM)' '' $set.Files $set.Bytes 0 0 'not available' 'libgdcm-tools not installed' }

    if (Test-Tool dcmodify) {
        $mods = @('-ma "(0010,0010)=ANON"', '-ma "(0010,0020)=ANON"', '-ma "(0010,0030)="', '-ma "(0008,0050)="',
            '-ma "(0008,0090)="', '-ma "(0008,0020)="', '-ma "(0008,0030)="', '-ea "(0010,1002)"', '-ea "(0010,1040)"',
            '-ea "(0010,2154)"', '-ea "(0040,0275)"', '-ea "(0008,0080)"', '-ea "(0008,0081)"', '-ea "(0008,1010)"',
            '-ea "(0018,1000)"', '-ea "(0008,1050)"', '-ea "(0008,1070)"', '-ea "(0010,4000)"', '-ep', '-gin') -join ' '
        Measure-Row $sc 'dcmodify script (dcmtk)' 'cp -r, then dcmodify in place: 18 main tags, private erased, new SOP UID; 256 files per process' `
            "cp -r $(Quote $set.In) $(Quote $dest) && find $(Quote $dest) -type f -name '*.dcm' -print0 | xargs -0 -n 256 dcmodify -nb -ie -imt $mods" $set.Files $set.Bytes -Runs $Repeat -Reset $clean | Out-Null
        Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue
    }
    else { Add-Row $sc 'dcmodify script (dcmtk)' '' $set.Files $set.Bytes 0 0 'not available' 'dcmtk not installed' }

    if ($hasPydicom) {
        Measure-Row $sc 'pydicom script' 'dcmread, ~40 main tags X/Z, keyed UIDs, private removed, recursive; save_as' `
            "$Python $(Quote (Join-Path $PSScriptRoot 'pydicom_deid.py')) $(Quote $set.List) $(Quote $set.In) $(Quote $dest)" $set.Files $set.Bytes -Runs $Repeat -Reset $clean | Out-Null
        Remove-Item -LiteralPath $dest -Recurse -Force -ErrorAction SilentlyContinue
    }
    else { Add-Row $sc 'pydicom script' '' $set.Files $set.Bytes 0 0 'not available' 'python3-pydicom not installed' }
}

# ------------------------------------------------------------------ c. verification
Write-Step 'c. Verification speed'
if ($hasVerify -and (Test-Path -LiteralPath $oursOut)) {
    $outBytes = (Get-ChildItem -LiteralPath $oursOut -Recurse -File | Measure-Object Length -Sum).Sum
    $outFiles = @(Get-ChildItem -LiteralPath $oursOut -Recurse -File -Filter '*.dcm').Count
    $ps = Join-Path $WorkDir 'verify.ps1'
    Set-Content -LiteralPath $ps -Value @"
Import-Module '$ModulePath'
`$n = (Get-ChildItem -LiteralPath '$oursOut' -Recurse -File -Filter '*.dcm' | Test-DicomDeidentified -WarningAction SilentlyContinue | Measure-Object).Count
"files=`$n"
"@
    Warm $oursOut
    Measure-Row 'Verify, corpus' 'DicomDeid Test-DicomDeidentified' 'checks without originals on our de-identified corpus; includes pwsh start' `
        "$PwshCmd -NoProfile -NonInteractive -File $(Quote $ps)" $outFiles $outBytes | Out-Null
}
elseif ($hasVerify) { Add-Row 'Verify, corpus' 'DicomDeid Test-DicomDeidentified' '' $nFiles $nBytes 0 0 'not available' 'no de-identified output to verify (Invoke-DicomDeidentification missing)' }
else { Add-Row 'Verify, corpus' 'DicomDeid Test-DicomDeidentified' '' $nFiles $nBytes 0 0 'not available' 'Test-DicomDeidentified is not in this build yet' }

# ------------------------------------------------------------------ d. pixels
Write-Step 'd. Pixel redaction'
$pixelScript = Join-Path $PSScriptRoot 'pixels/Invoke-PixelBenchmark.ps1'
$pixelNote = 'bench/pixels/Invoke-PixelBenchmark.ps1 not present'
if (Test-Path -LiteralPath $pixelScript) {
    $p = (Get-Command $pixelScript).Parameters
    $pixelArgs = @{}
    if ($p.ContainsKey('ModulePath')) { $pixelArgs.ModulePath = $ModulePath }
    if ($p.ContainsKey('OutDir')) { $pixelArgs.OutDir = Join-Path $OutDir 'pixels' }
    if ($p.ContainsKey('Configuration')) { $pixelArgs.Configuration = $Configuration }
    if ($p.ContainsKey('Quick') -and $Quick) { $pixelArgs.Quick = $true }
    if ($p.ContainsKey('CorpusPath')) { $pixelArgs.CorpusPath = $corpus }
    try { & $pixelScript @pixelArgs | Out-Host; $pixelNote = 'see its own table above' }
    catch { $pixelNote = "failed: $_"; Write-Warning $pixelNote }
}
elseif (Test-Path -LiteralPath (Join-Path $PSScriptRoot 'pixels/DicomDeid.PixelBench.csproj')) {
    # The pixel engineer's console: read, blank a banner and a label in every frame, write; prints a PIXELS-BENCH line.
    $pixArgs = if ($Quick) { '--frames 40 --repeat 1' } else { '--frames 120 --repeat 3' }
    Write-Host "   dotnet run --project bench/pixels -- $pixArgs"
    $px = Invoke-Timed -Bash "dotnet run --project $(Quote (Join-Path $PSScriptRoot 'pixels')) -c $Configuration -- $pixArgs"
    $line = ($px.Stdout -split "`n" | Where-Object { $_ -like 'PIXELS-BENCH*' } | Select-Object -Last 1)
    if ($px.Exit -eq 0 -and $line) {
        Write-Host "   $line"
        foreach ($m in [regex]::Matches($line, '([\w-]+)=([\d.]+)')) {
            $fps = [double]::Parse($m.Groups[2].Value, [cultureinfo]::InvariantCulture)
            $Rows.Add([pscustomobject]@{
                    Scenario = 'Pixel redaction, US multi-frame RGB'; Tool = "DicomDeid redaction, $($m.Groups[1].Value)"
                    Does = 'read, blank a banner and a label in every frame, write (bench/pixels)'; Files = 1; MB = $null
                    Seconds = $null; FilesPerSec = $null; MBPerSec = $null; PeakMB = $null; Status = "ok, $fps frames/s"; Note = ""
                })
        }
        $pixelNote = $line
    }
    else {
        $pixelNote = "bench/pixels failed (exit $($px.Exit))"
        Write-Host "   $pixelNote"
        Add-Row 'Pixel redaction, US multi-frame RGB' 'DicomDeid redaction' '' 1 0 0 0 "exit $($px.Exit)" (($px.Stderr -split "`n" | Select-Object -First 1) -join '')
    }
}
else { Write-Host "   $pixelNote" }

# ------------------------------------------------------------------ tables and targets
function Get-Row([string] $Scenario, [string] $Tool) { $Rows | Where-Object { $_.Scenario -eq $Scenario -and $_.Tool -eq $Tool } | Select-Object -First 1 }
function Get-Rate($row, [string] $Prop = 'FilesPerSec') { if ($row -and $row.Status -eq 'ok') { [double]$row.$Prop } else { $null } }

$targets = [System.Collections.Generic.List[object]]::new()
function Add-Target([string] $Issue, [string] $Text, $Met, [string] $Detail) {
    $targets.Add([pscustomobject]@{ Issue = $Issue; Target = $Text; Result = if ($null -eq $Met) { 'not measured' } elseif ($Met) { 'MET' } else { 'NOT MET' }; Detail = $Detail })
}
$ours = Get-Rate (Get-Row 'Parse, corpus' 'DicomDeid reader (in-process)')
$dcm = Get-Rate (Get-Row 'Parse, corpus' 'dcmdump (dcmtk)')
$pyd = @((Get-Rate (Get-Row 'Parse, corpus' 'pydicom dcmread (full)')), (Get-Rate (Get-Row 'Parse, corpus' 'pydicom dcmread defer_size=1KB'))) | Where-Object { $null -ne $_ } | Measure-Object -Maximum
$pydBest = if ($pyd.Count) { $pyd.Maximum } else { $null }
Add-Target '2' 'parse faster than dcmdump and pydicom (files/s)' $(if ($null -ne $ours -and $null -ne $dcm -and $null -ne $pydBest) { $ours -gt $dcm -and $ours -gt $pydBest } else { $null }) "ours $ours, dcmdump $dcm, pydicom best $pydBest files/s"
$largeRow = Get-Row 'Parse, large file' 'DicomDeid reader (in-process)'
Add-Target '2' 'peak memory parsing the large file under 64 MB' $(if ($largeRow -and $largeRow.Status -eq 'ok') { $largeRow.PeakMB -lt 64 } else { $null }) "$(if ($largeRow) { $largeRow.PeakMB }) MB (whole process incl. .NET runtime)"
$cp = Get-Rate (Get-Row 'De-identify, corpus' 'cp -r (physical limit)')
$gd = Get-Rate (Get-Row 'De-identify, corpus' 'gdcmanon -e (GDCM)')
$od = Get-Rate (Get-Row 'De-identify, corpus' 'DicomDeid Invoke-DicomDeidentification')
Add-Target '3' 'de-identification at least half of cp' $(if ($null -ne $od -and $null -ne $cp) { $od -ge $cp / 2 } else { $null }) "ours $od, cp $cp files/s"
Add-Target '3' 'de-identification at least twice gdcmanon' $(if ($null -ne $od -and $null -ne $gd) { $od -ge 2 * $gd } else { $null }) "ours $od, gdcmanon $gd files/s"
$odIn = if ($CmdletSeconds.ContainsKey('corpus')) { [math]::Round($nFiles / $CmdletSeconds['corpus'], 1) } else { $null }
Add-Target '3' 'same two targets, time inside the cmdlet (no pwsh start)' $(if ($null -ne $odIn -and $null -ne $cp -and $null -ne $gd) { $odIn -ge $cp / 2 -and $odIn -ge 2 * $gd } else { $null }) "ours $odIn, cp/2 $(if ($cp) { $cp / 2 }), 2x gdcmanon $(if ($gd) { 2 * $gd }) files/s"
$eng = Get-Rate (Get-Row 'De-identify, corpus' 'DicomDeid engine (in-process)')
Add-Target '3' 'same two targets, engine in-process' $(if ($null -ne $eng -and $null -ne $cp -and $null -ne $gd) { $eng -ge $cp / 2 -and $eng -ge 2 * $gd } else { $null }) "engine $eng, cp/2 $(if ($cp) { $cp / 2 }), 2x gdcmanon $(if ($gd) { 2 * $gd }) files/s"
$hash = Get-Rate (Get-Row 'De-identify, corpus' 'SHA-256 of inputs and outputs (audit hashes alone)')
if ($null -ne $hash -and $null -ne $cp -and $null -ne $gd) {
    # Every audit record carries the SHA-256 of its input and its output: no run of the cmdlet can be faster than
    # those hashes alone on the same cores. Says whether the two throughput targets are within reach on this machine.
    $need = [math]::Max($cp / 2, 2 * $gd)
    Add-Target '3' 'ceiling: the audit''s SHA-256 of every input and output, alone' $(if ($hash -ge $need) { $true } else { $false }) `
        "hashing alone allows at most $hash files/s on $([Environment]::ProcessorCount) cores; the targets need $need files/s$(if ($hash -lt $need) { ', so the cmdlet cannot meet them here while the audit carries both hashes' })"
}
$ms = Get-Row 'De-identify, corpus' 'DicomDeid Invoke-DicomDeidentification'; $ml = Get-Row 'De-identify, large file' 'DicomDeid Invoke-DicomDeidentification'
Add-Target '3' 'memory flat in file size (corpus vs large file peak)' $(if ($ms -and $ml -and $ms.Status -eq 'ok' -and $ml.Status -eq 'ok') { $ml.PeakMB -le [math]::Max(1.5 * $ms.PeakMB, $ms.PeakMB + 64) } else { $null }) "$(if ($ms) { $ms.PeakMB }) MB vs $(if ($ml) { $ml.PeakMB }) MB"
$vf = Get-Rate (Get-Row 'Verify, corpus' 'DicomDeid Test-DicomDeidentified')
Add-Target '4' 'verification at least as fast as de-identification' $(if ($null -ne $vf -and $null -ne $od) { $vf -ge $od } else { $null }) "verify $vf, de-identify $od files/s"

Write-Step 'Results'
$md = [System.Text.StringBuilder]::new()
[void]$md.AppendLine("# DicomDeid benchmark ($(if ($Quick) { 'quick' } else { 'full' }))").AppendLine()
[void]$md.AppendLine("$(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC, $([Environment]::ProcessorCount) cores, $($versions.cpu). dotnet $($versions.dotnet), pwsh $($versions.pwsh), $($versions.dcmtk), $($versions.gdcm), pydicom $($versions.pydicom).").AppendLine()
[void]$md.AppendLine(("Corpus: {0} files ({1}), {2:N0} MB; large file: {3} frames 512x512x16, {4:N0} MB. Work folder on {5}; warm page cache; wall clock and peak RSS of the largest process from /usr/bin/time -v." -f $gen.files, $kinds, ($gen.bytes / 1MB), $large.frames, ($large.bytes / 1MB), $fsType)).AppendLine()
$order = @($Rows | ForEach-Object Scenario | Select-Object -Unique)
foreach ($grp in $order | ForEach-Object { $name = $_; [pscustomobject]@{ Name = $name; Group = @($Rows | Where-Object Scenario -eq $name) } }) {
    Write-Host ''
    Write-Host "--- $($grp.Name)"
    $grp.Group | Format-Table Tool, @{ n = 'Files'; e = { $_.Files } }, @{ n = 'MB'; e = { $_.MB } }, Seconds,
        @{ n = 'Files/s'; e = { $_.FilesPerSec } }, @{ n = 'MB/s'; e = { $_.MBPerSec } }, @{ n = 'Peak MB'; e = { $_.PeakMB } }, Status -AutoSize | Out-String -Width 200 | Out-Host
    [void]$md.AppendLine("## $($grp.Name)").AppendLine()
    [void]$md.AppendLine('| Tool | What it does | Files | MB | s | files/s | MB/s | peak MB | status |').AppendLine('|---|---|---:|---:|---:|---:|---:|---:|---|')
    foreach ($r in $grp.Group) {
        $status = if ($r.Note) { "$($r.Status): $($r.Note)" } else { $r.Status }
        [void]$md.AppendLine("| $($r.Tool) | $($r.Does) | $($r.Files) | $($r.MB) | $($r.Seconds) | $($r.FilesPerSec) | $($r.MBPerSec) | $($r.PeakMB) | $($status.Replace('|', '/')) |")
    }
    [void]$md.AppendLine()
}
Write-Host ''
Write-Host '--- Targets'
$targets | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
[void]$md.AppendLine('## Targets').AppendLine().AppendLine('| Issue | Target | Result | Detail |').AppendLine('|---|---|---|---|')
foreach ($t in $targets) { [void]$md.AppendLine("| $($t.Issue) | $($t.Target) | $($t.Result) | $($t.Detail) |") }
Set-Content -LiteralPath (Join-Path $OutDir 'bench-results.md') -Value $md.ToString() -Encoding utf8
[ordered]@{ quick = [bool]$Quick; environment = $versions; corpus = $gen; large = $large; rows = $Rows; targets = $targets } |
    ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $OutDir 'bench-results.json') -Encoding utf8
Write-Host "Tables written to $(Join-Path $OutDir 'bench-results.md') and bench-results.json"

if (-not $KeepWork) { Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction SilentlyContinue }
