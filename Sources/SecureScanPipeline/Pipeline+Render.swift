import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners

extension Pipeline {
    /// Streams each format into its file in `directory`, the formats side by side, then writes the manifest
    /// (and its signature) from the digests taken while writing. Nothing is held in memory but the report.
    static func render(_ report: RunReport, formats: [any OutputFormat], context: RenderContext,
                       signingKey: ManifestSignature.SigningKey?, into directory: URL,
                       trace: StepTrace = StepTrace()) async throws(PipelineError) {
        // The slowest formats start first, so two cores finish together.
        let ordered = formats.sorted { renderCost($0) > renderCost($1) }
        let results = await withTaskGroup(of: Result<Manifest.Artifact, ReportsError>.self) { group in
            for format in ordered where format.applies(to: report) {
                group.addTask(executorPreference: ScanExecutor.shared) {
                    Result { () throws(ReportsError) in
                        let sink = try ArtifactSink.file(directory.appendingPathComponent(format.fileName))
                        try trace.step("  " + format.id) { () throws(ReportsError) in try format.write(report, context: context, to: sink) }
                        let written = try sink.finish()
                        return Manifest.Artifact(path: format.fileName, sha256: written.sha256, bytes: written.bytes,
                                                 mediaType: format.mediaType)
                    }
                }
            }
            var results: [Result<Manifest.Artifact, ReportsError>] = []
            for await result in group { results.append(result) }
            return results
        }
        var artifacts: [Manifest.Artifact] = []
        for result in results {
            switch result {
            case .success(let artifact): artifacts.append(artifact)
            case .failure(let error): throw .reports(error.description)
            }
        }
        do {
            let manifest = try Manifest(report: report, artifacts: artifacts).data()
            try write(manifest, to: directory.appendingPathComponent(Manifest.fileName))
            if let signingKey {
                try write(try ManifestSignature.sign(manifest, with: signingKey), to: directory.appendingPathComponent(ManifestSignature.fileName))
            }
        } catch {
            throw .reports(error.description)
        }
    }

    private static func write(_ data: Data, to url: URL) throws(ReportsError) {
        let sink = try ArtifactSink.file(url)
        sink.write(data)
        _ = try sink.finish()
    }

    /// A rough order of rendering time at large sizes, measured on the findings benchmark.
    private static func renderCost(_ format: any OutputFormat) -> Int {
        switch format {
        case is PDFReport: 4
        case is HTMLReport: 3
        case is SARIFFormat, is FindingsJSON, is DiffJSON: 2
        default: 1
        }
    }
}
