# Pester integration for DicomDeid. Registers Should -BeDeidentified when Pester 5 is loaded.
# Kept as script because Add-ShouldOperator is a Pester function; no-op when Pester is absent.
Set-StrictMode -Version Latest
