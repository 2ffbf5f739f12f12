import SecureScanCore

/// `dependencies`: the software components a target declares, from its lockfiles and manifests.
///
/// Produces SBOM components (purl, version, scope, licenses, hashes, dependency edges), not findings.
/// A malformed file is a note naming it; the other files are still read.
public struct DependenciesScanner: ScannerAdapter {
    public let id = "dependencies"
    public let scanType = ScanType.dependency
    public var summary: String { "Components from \(Catalogers.all.count) lockfile and manifest formats, for SBOMs and vulnerability matching" }

    public init() {}

    public func availability() async -> ScannerAvailability {
        .available(version: ToolInfo.current.version)
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        var observations = Observations()
        let reader = FileReader()
        var seen = Set<String>()
        for file in target.tree.files {
            guard let format = Catalogers.format(forName: String(file.name), path: file.path) else { continue }
            try Task.checkCancellation()
            switch reader.read(target.absolutePath(file.path)) {
            case .binary:
                observations.notes.append("\(file.path): not a text file; not read as \(format.id)")
            case .unreadable(let reason):
                observations.notes.append("\(file.path) could not be read: \(reason)")
            case .text(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    observations.notes.append("\(file.path): not valid UTF-8; not read as \(format.id)")
                    continue
                }
                do {
                    for component in try format.parse(ManifestFile(path: file.path, text: text))
                    where seen.insert(component.manifestPath + "\u{0}" + component.purl).inserted {
                        observations.components.append(component)
                    }
                } catch {
                    observations.notes.append(error.description)
                }
            }
        }
        observations.components.sort { ($0.manifestPath, $0.purl) < ($1.manifestPath, $1.purl) }
        return observations
    }
}
