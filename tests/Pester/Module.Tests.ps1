BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
}

Describe 'DicomDeid module' {
    It 'loads and exports the cmdlets named in its manifest' {
        $manifest = Import-PowerShellDataFile -LiteralPath $env:DICOMDEID_MODULE_PATH
        $exported = (Get-Module DicomDeid).ExportedCmdlets.Keys
        foreach ($name in $manifest.CmdletsToExport) { $exported | Should -Contain $name }
    }

    It 'lists every cmdlet of the assembly in the manifest (none forgotten)' {
        $manifest = Import-PowerShellDataFile -LiteralPath $env:DICOMDEID_MODULE_PATH
        $assembly = [DicomDeid.PowerShell.DicomCmdletBase].Assembly
        $names = foreach ($t in $assembly.GetExportedTypes()) {
            $a = $t.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
            if ($a -and -not $t.IsAbstract) { "$($a.VerbName)-$($a.NounName)" }
        }
        @($names).Count | Should -BeGreaterThan 0
        foreach ($n in $names) { $manifest.CmdletsToExport | Should -Contain $n -Because "$n is a cmdlet in DicomDeid.dll" }
    }

    It 'declares both editions and PowerShell 5.1' {
        $manifest = Import-PowerShellDataFile -LiteralPath $env:DICOMDEID_MODULE_PATH
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'declares an output type on every cmdlet' {
        foreach ($c in (Get-Module DicomDeid).ExportedCmdlets.Values) {
            $c.OutputType | Should -Not -BeNullOrEmpty -Because "$($c.Name) needs [OutputType]"
        }
    }

    It 'gives every file cmdlet -Path (position 0, wildcards) and -LiteralPath (PSPath, LP, FullName)' {
        foreach ($c in (Get-Module DicomDeid).ExportedCmdlets.Values | Where-Object { $_.ImplementingType.IsSubclassOf([DicomDeid.PowerShell.DicomCmdletBase]) }) {
            $lp = $c.Parameters['LiteralPath']
            $lp | Should -Not -BeNullOrEmpty
            $lp.Aliases | Should -Contain 'PSPath'
            $lp.Aliases | Should -Contain 'LP'
            $lp.Aliases | Should -Contain 'FullName'
            $c.Parameters['Path'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] })[0].Position | Should -Be 0
        }
    }

    It 'has a unique, documented category for every error id' {
        $all = [DicomDeid.PowerShell.ErrorIds]::All
        $all.Count | Should -BeGreaterThan 10
        $about = Get-Help about_DicomDeid | Out-String
        foreach ($id in $all.Keys) {
            $id | Should -Match '^DicomDeid\.[A-Za-z]+$'
            $about | Should -Match ([regex]::Escape($id) + '\s*\|\s*' + $all[$id]) -Because "$id must be in the error table of about_DicomDeid"
        }
    }

    It 'resolves a dependency asked for in another version from the module folder (Windows PowerShell 5.1 has no binding redirects)' {
        $resolve = [DicomDeid.PowerShell.ModuleInitializer].GetMethod('Resolve', [System.Reflection.BindingFlags]'NonPublic, Static')
        $request = [System.ResolveEventArgs]::new('DicomDeid.Dicom, Version=99.0.0.0, Culture=neutral, PublicKeyToken=null')
        $found = $resolve.Invoke($null, @($null, $request))
        $found | Should -Not -BeNullOrEmpty
        $found.GetName().Name | Should -Be 'DicomDeid.Dicom'
        $found.Location | Should -BeLike ((Split-Path -Parent $env:DICOMDEID_MODULE_PATH) + '*')
        $resolve.Invoke($null, @($null, [System.ResolveEventArgs]::new('No.Such.Assembly, Version=1.0.0.0'))) | Should -BeNullOrEmpty
    }
}
