import SecureScanCore

/// Every scanner the pipeline knows, in the order `status` lists them.
///
/// To add one: write `Sources/SecureScanScanners/<Name>.swift` (an external tool's adapter under
/// `External/`, its report parser under `Reports/`) with a type conforming to ``ScannerAdapter``, add its
/// fixtures and tests, and list it here.
public enum Scanners {
    public static let all: [any ScannerAdapter] = [
        SecretsScanner(),
        GitHistoryScanner(),
        DockerfileScanner(),
        DependenciesScanner(),
        OSVScanner(),
        LicensesScanner(),
        GitHygieneScanner(),
        WebHeadersScanner(),
        HostBaselineScanner(),
        // External tools: run when installed, skipped with an install hint otherwise.
        SemgrepScanner(),
        BanditScanner(),
        CheckovScanner(),
        HadolintScanner(),
        TrivyScanner(),
        GitleaksScanner(),
        Trufflehog3Scanner(),
        DetectSecretsScanner(),
        PipAuditScanner(),
        SafetyScanner(),
        NPMAuditScanner(),
        YarnAuditScanner(),
        PnpmAuditScanner(),
        OSVScannerTool(),
        GrypeScanner(),
        SyftScanner(),
        NmapScanner(),
        ZAPScanner(),
    ]

    /// What runs when nobody names scanners: the ones that run by default (not the online auditors), of
    /// the given types (every type when nil). Named scanners always run.
    public static func defaultSelection(from scanners: [any ScannerAdapter], types: [ScanType]? = nil) -> [any ScannerAdapter] {
        scanners.filter { $0.runsByDefault && (types?.contains($0.scanType) ?? true) }
    }

    /// The scanners that are part of this program.
    public static var builtIn: [any ScannerAdapter] { all.filter(\.isBuiltIn) }

    /// The scanner with this id.
    public static func named(_ id: String) -> (any ScannerAdapter)? {
        all.first { $0.id == id }
    }

    public static var ids: [String] { all.map(\.id) }
}
