/// Every scanner the pipeline knows, in the order `status` lists them.
///
/// To add one: write `Sources/SecureScanScanners/<Name>.swift` with a type conforming to
/// ``ScannerAdapter``, add its fixtures and tests, and list it here.
public enum Scanners {
    public static let all: [any ScannerAdapter] = [
        SecretsScanner(),
        DockerfileScanner(),
        DependenciesScanner(),
        OSVScanner(),
        LicensesScanner(),
    ]

    /// The scanner with this id.
    public static func named(_ id: String) -> (any ScannerAdapter)? {
        all.first { $0.id == id }
    }

    public static var ids: [String] { all.map(\.id) }
}
