# Shared helpers for the Pester suite (dot-source in BeforeAll): repository root, the public corpus, and a writer of
# small synthetic DICOM files from bytes crafted here (independent of the module's own codec).

function Get-DicomDeidRepoRoot {
    # Walks up from this folder to the folder holding DicomDeid.sln.
    $dir = $PSScriptRoot
    while ($dir -and -not (Test-Path -LiteralPath (Join-Path $dir 'DicomDeid.sln'))) { $dir = Split-Path -Parent $dir }
    if (-not $dir) { throw "DicomDeid.sln not found above $PSScriptRoot." }
    $dir
}

function Get-DicomDeidCorpus {
    # The public corpus in ../shared/corpus/public beside the repository; fails clearly when it is missing.
    $corpus = Join-Path (Split-Path -Parent (Get-DicomDeidRepoRoot)) 'shared/corpus/public'
    if (-not (Test-Path -LiteralPath (Join-Path $corpus 'manifest.tsv'))) {
        throw "The public corpus is missing: expected $corpus/manifest.tsv (../shared from the repository root). CI provides it."
    }
    (Resolve-Path -LiteralPath $corpus).ProviderPath
}

function Get-DicomDeidCorpusManifest {
    Import-Csv -LiteralPath (Join-Path (Get-DicomDeidCorpus) 'manifest.tsv') -Delimiter "`t"
}

function New-TestDicomElement {
    # One explicit VR little endian element. $Value: [byte[]], a string (padded to even length), or for SQ an array
    # of items, each item an array of element byte arrays.
    param([uint16] $Group, [uint16] $Element, [string] $VR, $Value)
    $ms = [System.IO.MemoryStream]::new()
    $bw = [System.IO.BinaryWriter]::new($ms)
    $bw.Write($Group); $bw.Write($Element)
    $bw.Write([byte][char]$VR[0]); $bw.Write([byte][char]$VR[1])
    if ($VR -eq 'SQ') {
        $body = [System.IO.MemoryStream]::new()
        foreach ($item in $Value) {
            $content = [byte[]]@($item | ForEach-Object { $_ } | ForEach-Object { $_ })
            $ib = [System.IO.BinaryWriter]::new($body)
            $ib.Write([uint16]0xFFFE); $ib.Write([uint16]0xE000); $ib.Write([uint32]$content.Length)
            $ib.Write($content); $ib.Flush()
        }
        $bytes = $body.ToArray()
    }
    elseif ($Value -is [string]) {
        $pad = if ($VR -eq 'UI') { [char]0 } else { ' ' }
        if ($Value.Length % 2) { $Value += $pad }
        $bytes = [System.Text.Encoding]::ASCII.GetBytes($Value)
    }
    else { $bytes = [byte[]]$Value }
    if ($VR -in 'OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UN', 'UT', 'UC', 'UR', 'SV', 'UV') {
        $bw.Write([uint16]0); $bw.Write([uint32]$bytes.Length)
    }
    else { $bw.Write([uint16]$bytes.Length) }
    $bw.Write([byte[]]$bytes); $bw.Flush()
    , $ms.ToArray()
}

function New-TestDicomFile {
    # Writes a Part 10 file (preamble, DICM, meta, explicit VR little endian dataset) with the given dataset elements
    # (byte arrays from New-TestDicomElement, in ascending tag order).
    param([Parameter(Mandatory)][string] $LiteralPath, [Parameter(Mandatory)][object[]] $Elements,
        [string] $SopClassUid = '1.2.840.10008.5.1.4.1.1.7', [string] $SopInstanceUid = '1.2.3.4.5.6')
    $metaBody = [byte[]]@(
        (New-TestDicomElement 0x0002 0x0001 'OB' ([byte[]](0, 1)))
        (New-TestDicomElement 0x0002 0x0002 'UI' $SopClassUid)
        (New-TestDicomElement 0x0002 0x0003 'UI' $SopInstanceUid)
        (New-TestDicomElement 0x0002 0x0010 'UI' '1.2.840.10008.1.2.1')
    ) | ForEach-Object { $_ }
    $groupLength = New-TestDicomElement 0x0002 0x0000 'UL' ([BitConverter]::GetBytes([uint32]$metaBody.Length))
    $fs = [System.IO.File]::Create($LiteralPath)
    try {
        $fs.Write([byte[]]::new(128), 0, 128)
        $fs.Write([byte[]][char[]]'DICM', 0, 4)
        $fs.Write($groupLength, 0, $groupLength.Length)
        $fs.Write($metaBody, 0, $metaBody.Length)
        foreach ($e in $Elements) { $b = [byte[]]$e; $fs.Write($b, 0, $b.Length) }
    }
    finally { $fs.Dispose() }
    Get-Item -LiteralPath $LiteralPath
}

function New-TestDicomSample {
    # A small secondary-capture-like file with identity, a two-level nested sequence and a private block:
    #   (0008,1115)[0].(0008,114A)[0].(0008,1155) = 1.2.3.4.5.7 ; (0008,1115)[0].(0020,000E) = 1.2.3.99
    #   (0029,0010) "ACME TEST" creator ; (0029,1010) LO "private value" ; (0029,1020) OB 01 02 03 04
    param([Parameter(Mandatory)][string] $LiteralPath, [string] $PatientName = 'Doe^John', [string] $PatientID = 'ID123')
    $inner = @(, @(
            (New-TestDicomElement 0x0008 0x1150 'UI' '1.2.840.10008.5.1.4.1.1.2')
            (New-TestDicomElement 0x0008 0x1155 'UI' '1.2.3.4.5.7')
        ))
    $outer = @(, @(
            (New-TestDicomElement 0x0008 0x114A 'SQ' $inner)
            (New-TestDicomElement 0x0020 0x000E 'UI' '1.2.3.99')
        ))
    New-TestDicomFile -LiteralPath $LiteralPath -Elements @(
        (New-TestDicomElement 0x0008 0x0016 'UI' '1.2.840.10008.5.1.4.1.1.7')
        (New-TestDicomElement 0x0008 0x0018 'UI' '1.2.3.4.5.6')
        (New-TestDicomElement 0x0008 0x0060 'CS' 'OT')
        (New-TestDicomElement 0x0008 0x1115 'SQ' $outer)
        (New-TestDicomElement 0x0010 0x0010 'PN' $PatientName)
        (New-TestDicomElement 0x0010 0x0020 'LO' $PatientID)
        (New-TestDicomElement 0x0020 0x000D 'UI' '1.2.3.77')
        (New-TestDicomElement 0x0020 0x000E 'UI' '1.2.3.88')
        (New-TestDicomElement 0x0029 0x0010 'LO' 'ACME TEST')
        (New-TestDicomElement 0x0029 0x1010 'LO' 'private value')
        (New-TestDicomElement 0x0029 0x1020 'OB' ([byte[]](1, 2, 3, 4)))
    )
}
