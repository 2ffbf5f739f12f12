import SecureScanCore

/// The target's dependency catalog, computed by the first scanner that asks (`dependencies`, `osv`,
/// `licenses`) and shared with the others, so lockfiles are read once per run.
public actor SharedCatalog {
    private var task: Task<Observations, any Error>?

    public init() {}

    func observations(of target: ScanTarget) async throws -> Observations {
        if let task { return try await task.value }
        let started = Task { try await DependenciesScanner.catalog(target) }
        task = started
        return try await started.value
    }
}
