import Foundation
import SecureScanCore
import SecureScanReports

extension ChangeReport {
    /// The change as a run report, so every artifact format can write it: the head's compared findings
    /// (new and unchanged) as the run's findings, the fixed ones in its diff. The run id names the two
    /// commits (`diff-<base>-<head>`, `worktree` for the work tree).
    public func runReport(at time: String) -> RunReport {
        var diff = RunDiff()
        diff.new = new
        diff.unchanged = unchanged
        diff.fixed = fixed
        let head = self.head.commit.map { String($0.prefix(12)) } ?? "worktree"
        return RunReport(
            runID: "diff-\(base.commit.map { String($0.prefix(12)) } ?? "base")-\(head)",
            target: TargetInfo(name: target, commit: self.head.commit), startedAt: time, finishedAt: time, tool: ToolInfo.current,
            scannerRuns: scannerRuns, findings: Finding.canonicallyMerged(new, unchanged), diff: diff,
            baseRunID: base.commit, gate: gate, configDigest: "")
    }
}

extension Pipeline {
    /// Writes a change's artifacts (`diff --format … --output DIR`) into `directory`, one file per format;
    /// returns their paths. `links` makes the pull-request comment link each new finding to its line.
    public func writeArtifacts(of change: ChangeReport, formats ids: [String], to directory: String, gate: GatePolicy,
                               templatesDirectory: String? = nil, links: SourceLinks? = nil) async throws(PipelineError) -> [String] {
        let formats = try Pipeline.selectFormats(ids, from: self.formats)
        var context = RenderContext(templates: formats.contains(where: \.usesTemplates) ? try await loadTemplates(templatesDirectory) : nil)
        context.gatePolicy = gate
        context.sourceLinks = links
        context.changedLines = change.changedLines
        let report = change.runReport(at: Pipeline.timestamp(now()))
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .artifacts(path: directory, reason: error.localizedDescription)
        }
        var written: [String] = []
        for format in formats where format.applies(to: report) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(format.fileName).path
            do {
                try format.render(report, context: context).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch let error as ReportsError {
                throw .reports(error.description)
            } catch {
                throw .artifacts(path: path, reason: error.localizedDescription)
            }
            written.append(path)
        }
        return written
    }
}
