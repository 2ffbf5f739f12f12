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

    /// Whether a file of this name (at this target-relative path) is a lockfile or manifest this scanner reads.
    public static func reads(name: String, path: String) -> Bool {
        Catalogers.format(forName: name, path: path) != nil
    }

    public func availability() async -> ScannerAvailability {
        .available(version: ToolInfo.current.version)
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        try await target.catalog.observations(of: target)
    }

    /// Reads every lockfile and manifest of the target.
    static func catalog(_ target: ScanTarget) async throws -> Observations {
        var observations = Observations()
        let reader = FileReader()
        var seen = Set<String>()
        for file in target.tree.files {
            guard let format = Catalogers.format(forName: String(file.name), path: file.path) else { continue }
            try Task.checkCancellation()
            let text: String
            switch reader.read(target.absolutePath(file.path)) {
            case .unreadable(let reason):
                observations.notes.append("\(file.path) could not be read: \(reason)")
                continue
            case .text(let bytes), .binary(let bytes):
                guard let decoded = ManifestText.decode(Array(bytes)) else {
                    observations.notes.append("\(file.path): neither UTF-8 nor UTF-16 text; not read as \(format.id)")
                    continue
                }
                text = decoded
            }
            let manifest = ManifestFile(path: file.path, text: text, readRelative: DependenciesScanner.reader(target: target, from: file.path))
            do {
                let catalog = try format.read(manifest)
                for component in catalog.components where seen.insert(component.manifestPath + "\u{0}" + component.purl).inserted {
                    observations.components.append(component)
                }
                observations.notes += catalog.skipped.map { "\(file.path): skipped \($0)" }
            } catch {
                observations.notes.append(error.description)
            }
        }
        observations.components.sort { ($0.manifestPath, $0.purl) < ($1.manifestPath, $1.purl) }
        return observations
    }

    /// Reads files next to `path` for includes, never outside the target and never through a symlink.
    static func reader(target: ScanTarget, from path: String) -> @Sendable (String) -> String? {
        let directory = path.split(separator: "/").dropLast().joined(separator: "/")
        return { relative in
            guard !relative.hasPrefix("/"),
                  let joined = ManifestFile.resolve(Location.normalize(path: directory.isEmpty ? relative : directory + "/" + relative))
            else { return nil }
            guard case .text(let bytes) = FileReader().read(target.absolutePath(joined)) else { return nil }
            return ManifestText.decode(Array(bytes))
        }
    }
}
