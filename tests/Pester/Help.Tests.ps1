# Help is a contract: every exported cmdlet and every one of its parameters is documented, with an example.
BeforeDiscovery {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    $script:cmdletCases = @((Get-Module DicomDeid).ExportedCmdlets.Values | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module $env:DICOMDEID_MODULE_PATH -Force
    # -WhatIf and -Confirm are the cmdlet's own (SupportsShouldProcess) and are documented like any parameter.
    $script:common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @('UseTransaction')
}

Describe 'Help files' {
    It 'the module exports at least one cmdlet' {
        (Get-Module DicomDeid).ExportedCmdlets.Count | Should -BeGreaterThan 0
    }

    It 'ships the MAML file beside the module' {
        $dir = Split-Path -Parent $env:DICOMDEID_MODULE_PATH
        Join-Path $dir 'en-US/DicomDeid.dll-Help.xml' | Should -Exist
    }

    It 'finds about_DicomDeid with Get-Help' {
        $text = Get-Help about_DicomDeid | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'Get-DicomTag'
        $text | Should -Match 'DicomDeid\.NotDicom'
    }
}

Describe 'Help for <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name -Module DicomDeid
        $help = Get-Help -Name $Name -Full
        $documented = @($help.parameters.parameter | Where-Object { $_ })
        $own = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
    }

    It 'has a synopsis (not the generated syntax line)' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help makes the synopsis from the syntax: it then starts with the cmdlet name.
        $help.Synopsis.Trim() | Should -Not -Match ('^' + [regex]::Escape($Name) + '(\s|$)')
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and an explanation' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterThan 0
        foreach ($e in $examples) {
            $e.code | Should -Not -BeNullOrEmpty -Because "example '$($e.title)' needs code"
            ($e.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "example '$($e.title)' needs an explanation"
        }
    }

    It 'has examples that parse and use only parameters the DicomDeid cmdlets have' {
        $problems = foreach ($e in @($help.examples.example | Where-Object { $_ })) {
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$e.code, [ref]$tokens, [ref]$errors)
            foreach ($err in $errors) { "$($e.title): does not parse: $($err.Message)" }
            foreach ($call in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $target = Get-Command -Name $call.GetCommandName() -Module DicomDeid -ErrorAction SilentlyContinue
                if (-not $target) { continue }
                foreach ($p in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $known = $target.Parameters.Values | Where-Object { $_.Name -like "$($p.ParameterName)*" -or ($_.Aliases | Where-Object { $_ -eq $p.ParameterName }) }
                    if (-not $known) { "$($e.title): $($target.Name) has no parameter -$($p.ParameterName)" }
                }
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'documents inputs and outputs' {
        @($help.inputTypes.inputType | Where-Object { $_.type.name }).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue | Where-Object { $_.type.name }).Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter of the cmdlet' {
        $missing = foreach ($p in $own) {
            $h = $documented | Where-Object name -eq $p
            if (-not $h -or -not ($h.description.Text -join '').Trim()) { $p }
        }
        $missing | Should -BeNullOrEmpty -Because "these parameters of $Name have no help"
    }

    It 'documents no parameter the cmdlet lacks' {
        $extra = foreach ($h in $documented) { if ($h.name -notin $own) { $h.name } }
        $extra | Should -BeNullOrEmpty -Because "the help of $Name names parameters it does not have"
    }

    It 'gives each parameter the type the cmdlet declares' {
        $wrong = foreach ($h in $documented) {
            $p = $command.Parameters[$h.name]
            if (-not $p) { continue }
            $declared = $p.ParameterType.Name
            $helpType = ([string]$h.type.name) -replace '^.*\.', ''
            if ($helpType -ne $declared) { "-$($h.name): help says '$($h.type.name)', cmdlet has '$declared'" }
        }
        $wrong | Should -BeNullOrEmpty
    }
}
