@{
    RootModule             = 'DicomDeid.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f1d7c2e-3b8a-4f0e-9a51-2d4c8e7b9a10'
    Author                 = 'DicomDeid developers'
    CompanyName            = 'DicomDeid'
    Copyright              = '(c) DicomDeid developers. MIT licence.'
    Description            = 'De-identifies DICOM files to DICOM PS3.15 Annex E with keyed pseudonyms, audit records and an independent verifier.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('DicomDeid.format.ps1xml', 'DicomDeid.Audit.format.ps1xml', 'DicomDeid.Verification.format.ps1xml')
    TypesToProcess         = @('DicomDeid.types.ps1xml')
    ScriptsToProcess       = @()
    NestedModules          = @('DicomDeid.Pester.psm1')
    CmdletsToExport        = @(
        'Get-DicomFile'
        'Get-DicomTag'
        'Invoke-DicomDeidentification'
        'New-DicomDeidKey'
        'Get-DicomDeidProfile'
        'Test-DicomDeidentified'
        'Get-DicomDeidReport'
        'New-DicomSampleSet'
        'Export-DicomImage'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('DICOM', 'DeIdentification', 'Anonymization', 'HIPAA', 'PS3.15', 'Medical', 'Imaging', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
