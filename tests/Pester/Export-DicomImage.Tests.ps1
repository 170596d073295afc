# Export-DicomImage: PNG files a person can open (signature, IHDR size, chunk CRCs), frames, contact sheets, compare,
# ShouldProcess, and per-file errors with stable ids.
BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'DicomDeid.TestHelpers.ps1')
    $script:corpus = Get-DicomDeidCorpus
    $script:out = Join-Path ([System.IO.Path]::GetTempPath()) ("dicomdeid-png-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:out | Out-Null

    if (-not ('PngTestCrc' -as [type])) {
        # Bitwise CRC-32, written here so the check does not rely on the module's own table.
        Add-Type -TypeDefinition @'
public static class PngTestCrc
{
    public static uint Compute(byte[] data, int offset, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + count; i++)
        {
            crc ^= data[i];
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static uint ReadBigEndian(byte[] b, int o) { return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3]; }
}
'@
    }

    function Get-PngInfo([string] $Path) {
        # Reads the chunks: checks the signature and every CRC-32 (bitwise, independent of the module), returns IHDR size.
        $b = [System.IO.File]::ReadAllBytes($Path)
        $sig = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        for ($i = 0; $i -lt 8; $i++) { if ($b[$i] -ne $sig[$i]) { throw "bad PNG signature in $Path" } }
        $p = 8; $w = 0; $h = 0; $chunks = @()
        while ($p -lt $b.Length) {
            $len = ([int]$b[$p] -shl 24) -bor ([int]$b[$p + 1] -shl 16) -bor ([int]$b[$p + 2] -shl 8) -bor [int]$b[$p + 3]
            $type = [System.Text.Encoding]::ASCII.GetString($b, $p + 4, 4)
            $crc = [PngTestCrc]::Compute($b, $p + 4, $len + 4)
            $stored = [PngTestCrc]::ReadBigEndian($b, $p + 8 + $len)
            if ($crc -ne $stored) { throw "CRC mismatch in chunk $type of $Path" }
            if ($type -eq 'IHDR') {
                $w = ([int]$b[$p + 8] -shl 24) -bor ([int]$b[$p + 9] -shl 16) -bor ([int]$b[$p + 10] -shl 8) -bor [int]$b[$p + 11]
                $h = ([int]$b[$p + 12] -shl 24) -bor ([int]$b[$p + 13] -shl 16) -bor ([int]$b[$p + 14] -shl 8) -bor [int]$b[$p + 15]
            }
            $chunks += $type
            $p += 12 + $len
        }
        [pscustomobject]@{ Width = $w; Height = $h; Chunks = $chunks }
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:out -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-DicomImage' {
    It 'writes a valid PNG of a native CT image with the image size' {
        $f = Export-DicomImage -Path (Join-Path $corpus 'pydicom/test_files/CT_small.dcm') -Destination (Join-Path $out 'ct.png')
        $f | Should -BeOfType System.IO.FileInfo
        $info = Get-PngInfo $f.FullName
        $info.Width | Should -Be 128
        $info.Height | Should -Be 128
        $info.Chunks[0] | Should -Be 'IHDR'
        $info.Chunks[-1] | Should -Be 'IEND'
    }

    It 'writes one PNG per requested frame of a JPEG multi-frame ultrasound file' {
        $files = Export-DicomImage -Path (Join-Path $corpus 'pydicom/test_files/examples_ybr_color.dcm') -Destination $out -Frame 1, 30
        @($files).Count | Should -Be 2
        $files.Name | Should -Contain 'examples_ybr_color_frame30.png'
        foreach ($f in $files) { (Get-PngInfo $f.FullName).Width | Should -BeGreaterThan 0 }
    }

    It 'lays frames out in a contact sheet' {
        $f = Export-DicomImage -Path (Join-Path $corpus 'pydicom/test_files/SC_rgb_rle_2frame.dcm') -Destination $out -ContactSheet -SheetColumns 2
        $info = Get-PngInfo $f.FullName
        $info.Width | Should -Be (2 * 100 + 4)
        $info.Height | Should -Be 100
    }

    It 'puts the compare file to the right' {
        $mr = Join-Path $corpus 'pydicom/test_files/MR_small.dcm'
        $f = Export-DicomImage -Path $mr -Compare (Join-Path $corpus 'pydicom/test_files/MR_small_RLE.dcm') -Destination (Join-Path $out 'cmp.png')
        (Get-PngInfo $f.FullName).Width | Should -Be (64 + 8 + 64)
    }

    It 'accepts files from the pipeline by FullName' {
        $files = Get-ChildItem -LiteralPath (Join-Path $corpus 'pydicom/test_files') -Filter 'MR_small*.dcm' | Where-Object Name -in 'MR_small.dcm', 'MR_small_bigendian.dcm' |
            Export-DicomImage -Destination (Join-Path $out 'piped')
        @($files).Count | Should -Be 2
    }

    It 'refuses JPEG 2000 with DicomDeid.Refused and continues with the next file' {
        $j2k = Join-Path $corpus 'pydicom-data/US1_J2KI.dcm'
        $ok = Join-Path $corpus 'pydicom/test_files/MR_small.dcm'
        $files = Export-DicomImage -LiteralPath $j2k, $ok -Destination (Join-Path $out 'mixed') -ErrorVariable errs -ErrorAction SilentlyContinue
        @($files).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.Refused,*'
    }

    It 'does not overwrite without -Force, and -WhatIf writes nothing' {
        $target = Join-Path $out 'once.png'
        $mr = Join-Path $corpus 'pydicom/test_files/MR_small.dcm'
        Export-DicomImage -Path $mr -Destination $target | Out-Null
        Export-DicomImage -Path $mr -Destination $target -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DicomDeid.OutputExists,*'
        Export-DicomImage -Path $mr -Destination $target -Force | Should -Not -BeNullOrEmpty
        Export-DicomImage -Path $mr -Destination (Join-Path $out 'never.png') -WhatIf
        Join-Path $out 'never.png' | Should -Not -Exist
    }

    It 'stops on a window centre without a width' {
        { Export-DicomImage -Path (Join-Path $corpus 'pydicom/test_files/CT_small.dcm') -Destination $out -WindowCenter 40 -ErrorAction Stop } |
            Should -Throw -ErrorId 'DicomDeid.OptionInvalid,*'
    }
}
