/// Every report `securescan import --as` reads, in the order its help lists them.
///
/// To add one: write `Sources/SecureScanScanners/Reports/<Tool>Report.swift` conforming to
/// ``ReportParser``, add real sample reports under `fixtures/` and tests, and list it here.
public enum ReportFormats {
    public static let all: [any ReportParser] = [
        SARIFReport(),
        SemgrepReport(),
        BanditReport(),
        CheckovReport(),
        HadolintReport(),
        TrivyReport(),
        GitleaksReport(),
        Trufflehog3Report(),
        DetectSecretsReport(),
        PipAuditReport(),
        SafetyReport(),
        NPMAuditReport(),
        NPMAuditReport(format: "pnpm-audit"),
        YarnAuditReport(),
        OSVScannerReport(),
        GrypeReport(),
        SyftReport(),
        CycloneDXReport(),
        NmapReport(),
        ZAPReport(),
    ]

    /// The parser for an `--as` name.
    public static func named(_ format: String) -> (any ReportParser)? {
        all.first { $0.format == format.lowercased() }
    }

    public static var names: [String] { all.map(\.format) }
}
