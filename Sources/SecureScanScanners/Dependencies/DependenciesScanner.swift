import SecureScanCore
import Synchronization

/// `dependencies`: the software components a target declares, from its lockfiles and manifests.
///
/// Produces SBOM components (purl, version, scope, licenses, hashes, dependency edges), not findings.
/// A malformed file is a note naming it; the other files are still read.
public struct DependenciesScanner: ScannerAdapter {
    public let id = "dependencies"
    public let scanType = ScanType.dependency
    public var summary: String { "Components from \(Catalogers.all.count) lockfile and manifest formats, for SBOMs and vulnerability matching" }
    public var fingerprintKinds: [String] { [String]() }

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

    /// Reads every lockfile and manifest of the target, on every core; the result does not depend on the
    /// order the files were read in.
    static func catalog(_ target: ScanTarget) async throws -> Observations {
        let files: [(file: TreeFile, format: LockfileFormat)] = target.tree.files.compactMap { file in
            Catalogers.format(forName: String(file.name), path: file.path).map { (file, $0) }
        }
        let cancelled = Atomic<Bool>(false)
        let workers = SystemInfo.activeProcessorCount
        let results = try await withTaskCancellationHandler {
            try await ScanExecutor.run {
                ParallelWork.run(
                    count: files.count, workers: workers,
                    makeState: { (reader: FileReader(initialCapacity: 1 << 16), read: [(index: Int, result: FileCatalog)]()) },
                    stop: { cancelled.load(ordering: .relaxed) },
                    body: { index, state in
                        state.read.append((index, read(files[index].file, as: files[index].format, in: target, with: state.reader)))
                    },
                    finish: { $0.read })
            }
        } onCancel: {
            cancelled.store(true, ordering: .relaxed)
        }
        if cancelled.load(ordering: .relaxed) { throw CancellationError() }
        var observations = Observations()
        var seen = Set<String>()
        for (_, result) in results.joined().sorted(by: { $0.index < $1.index }) {
            for component in result.components where seen.insert(component.manifestPath + "\u{0}" + component.purl).inserted {
                observations.components.append(component)
            }
            observations.notes += result.notes
        }
        // A workspace member scanned alone: its subtree of the ancestor's lockfile.
        let workspace = WorkspaceLockfiles.catalog(target)
        for component in workspace.components where seen.insert(component.manifestPath + "\u{0}" + component.purl).inserted {
            observations.components.append(component)
        }
        observations.notes += workspace.notes
        let goWorkspaces = GoWorkspace.workspaces(of: target)
        if !goWorkspaces.works.isEmpty {
            let applied = GoWorkspace.apply(goWorkspaces.works, to: observations.components)
            observations.components = applied.components
            observations.notes += applied.notes
        }
        observations.notes += goWorkspaces.notes
        observations.components = LocalPackages.qualify(observations.components)
        observations.components.sort { ($0.manifestPath, $0.purl) < ($1.manifestPath, $1.purl) }
        return observations
    }

    /// What one file contributes: its components, and notes for what could not be read.
    struct FileCatalog: Sendable {
        var components: [Component] = []
        var notes: [String] = []
    }

    static func read(_ file: TreeFile, as format: LockfileFormat, in target: ScanTarget, with reader: FileReader) -> FileCatalog {
        var result = FileCatalog()
        if let readPath = format.readPath {
            let manifest = ManifestFile(path: file.path, text: "", readRelative: DependenciesScanner.reader(target: target, from: file.path))
            do {
                let catalog = try readPath(target.absolutePath(file.path), manifest)
                result.components = catalog.components
                result.notes = catalog.skipped.map { "\(file.path): skipped \($0)" } + catalog.notes.map { "\(file.path): \($0)" }
            } catch {
                result.notes.append(error.description)
            }
            return result
        }
        let text: String
        switch reader.contents(file, under: target.root) {
        case .unreadable(let reason):
            result.notes.append("\(file.path) could not be read: \(reason)")
            return result
        case .bytes(let bytes):
            guard let decoded = ManifestText.decode(bytes) else {
                result.notes.append("\(file.path): neither UTF-8 nor UTF-16 text; not read as \(format.id)")
                return result
            }
            text = decoded
        }
        let manifest = ManifestFile(
            path: file.path, text: text, readRelative: DependenciesScanner.reader(target: target, from: file.path),
            findRelative: DependenciesScanner.finder(target: target, from: file.path))
        do {
            let catalog = try format.read(manifest)
            result.components = catalog.components
            result.notes = catalog.skipped.map { "\(file.path): skipped \($0)" } + catalog.notes.map { "\(file.path): \($0)" }
        } catch {
            result.notes.append(error.description)
        }
        return result
    }

    /// Finds the target's files by a glob relative to `path`'s folder (`*` within one path segment, `**` across
    /// segments), for workspace member lists.
    static func finder(target: ScanTarget, from path: String) -> @Sendable (String) -> [String] {
        let directory = path.split(separator: "/").dropLast().joined(separator: "/")
        let tree = target.tree
        return { glob in
            let prefix = directory.isEmpty ? "" : directory + "/"
            guard let pattern = ManifestFile.resolve(prefix + glob) else { return [] }
            return tree.files.lazy.map(\.path).filter { FileGlob.matches(pattern, $0) }
                .map { String($0.dropFirst(prefix.count)) }.sorted()
        }
    }

    /// Reads files next to `path` for includes, never outside the target and never through a symlink.
    static func reader(target: ScanTarget, from path: String) -> @Sendable (String) -> String? {
        let directory = path.split(separator: "/").dropLast().joined(separator: "/")
        return { relative in
            guard !relative.hasPrefix("/"),
                  let joined = ManifestFile.resolve(Location.normalize(path: directory.isEmpty ? relative : directory + "/" + relative))
            else { return nil }
            guard case .bytes(let bytes) = FileReader(initialCapacity: 1 << 14).contents(target.absolutePath(joined)) else { return nil }
            return ManifestText.decode(bytes)
        }
    }
}
