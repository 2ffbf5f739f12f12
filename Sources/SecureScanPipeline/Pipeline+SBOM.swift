import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners

extension Pipeline {
    /// An SBOM of `request.path` without a vulnerability scan, a database or artifacts: the
    /// `dependencies` scanner alone, rendered in one format. Files that could not be read are in `notes`.
    public func sbom(_ request: SBOMRequest) async throws(PipelineError) -> (data: Data, components: Int, notes: [String]) {
        // A VEX document speaks of vulnerabilities, which `sbom` (a catalog, no advisories) does not look for.
        guard let format = Formats.named(request.format), Formats.catalogs.contains(where: { $0.id == format.id }) else {
            throw .unknownFormat(id: request.format, known: Formats.catalogs.map(\.id))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: request.path, isDirectory: &isDirectory) else {
            throw .target("\(request.path) does not exist")
        }
        let root: String
        let tree: TargetTree
        do {
            if isDirectory.boolValue {
                root = try TreeWalker.resolveRoot(request.path)
                let excludes = try PathPatternSet(TreeWalker.defaultExcludes + request.excludes)
                tree = try TreeWalker(excludes: excludes, maxFileSize: ScanConfig().maxFileSize).walk(root: root)
            } else {
                let url = URL(fileURLWithPath: request.path)
                let name = url.lastPathComponent
                guard DependenciesScanner.reads(name: name, path: name) else {
                    throw PipelineError.target("\(request.path) is not a lockfile or manifest SecureScan reads; pass its directory to catalog everything in it")
                }
                root = try TreeWalker.resolveRoot(url.deletingLastPathComponent().path)
                let size = (try? FileManager.default.attributesOfItem(atPath: request.path)[.size] as? Int) ?? 0
                tree = TargetTree(files: [TreeFile(path: name, size: size)])
            }
        } catch let error as PipelineError {
            throw error
        } catch let error as ScannersError {
            throw .target(error.description)
        } catch {
            throw .target(String(describing: error))
        }
        let name = request.targetName ?? TargetConfig.derivedName(from: URL(fileURLWithPath: root).lastPathComponent)
        let observations: Observations
        do {
            observations = try await DependenciesScanner().scan(ScanTarget(name: name, root: root, tree: tree))
        } catch {
            throw .target(String(describing: error))
        }
        let time = Pipeline.timestamp(now())
        let digest = ContentDigest.sha256(observations.components.map { "\($0.manifestPath)\u{0}\($0.purl)" }.joined(separator: "\n"))
        let report = RunReport(
            runID: "sbom-" + digest.prefix(16), target: TargetInfo(name: name, commit: GitInfo.read(root: root)?.commit),
            startedAt: time, finishedAt: time, tool: ToolInfo.current, scannerRuns: [], findings: [],
            components: observations.components, diff: RunDiff(current: [], previous: [], seenBefore: [], completedScanners: []),
            baseRunID: nil, gate: Gate.evaluate(policy: GatePolicy(), findings: [], scannerRuns: []), configDigest: ContentDigest.sha256(""))
        do {
            let data = try format.render(report, context: RenderContext(templates: nil, cycloneDXVersion: request.cycloneDXVersion))
            return (data, ComponentInventory(observations.components).entries.count, tree.notes + observations.notes)
        } catch {
            throw .reports(error.description)
        }
    }
}
