BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
}

Describe 'DicomDeid module' {
    It 'loads and exports the cmdlets named in its manifest' {
        $manifest = Import-PowerShellDataFile -LiteralPath $env:DICOMDEID_MODULE_PATH
        $exported = (Get-Module DicomDeid).ExportedCmdlets.Keys
        foreach ($name in $manifest.CmdletsToExport) { $exported | Should -Contain $name }
    }

    It 'declares both editions and PowerShell 5.1' {
        $manifest = Import-PowerShellDataFile -LiteralPath $env:DICOMDEID_MODULE_PATH
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }
}
