import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Downloads an advisory export to a temporary file with AsyncHTTPClient, reporting progress; redirects
/// are followed, and the transfer is bounded in size and time.
enum Download {
    static let maximumBytes: Int64 = 4 << 30
    static let timeout: TimeAmount = .minutes(30)

    /// The downloaded file, in a new temporary directory the caller removes.
    static func fetch(_ url: String, progress: @escaping @Sendable (String) -> Void) async throws(PipelineError) -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securescan-download-\(UUID().uuidString)")
        let file = directory.appendingPathComponent(URL(string: url)?.lastPathComponent.nonEmpty ?? "download")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw PipelineError.artifacts(path: file.path, reason: "cannot create the download file")
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: "SecureScan")
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            guard (200..<300).contains(response.status.code) else {
                throw PipelineError.target("download of \(url) failed: HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            let total = response.headers.first(name: "content-length").flatMap(Int64.init)
            if let total, total > maximumBytes { throw PipelineError.target("\(url) is \(total) bytes, over the \(maximumBytes)-byte limit") }
            var received: Int64 = 0
            var reported: Int64 = 0
            for try await buffer in response.body {
                received += Int64(buffer.readableBytes)
                if received > maximumBytes { throw PipelineError.target("\(url) sent more than \(maximumBytes) bytes") }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
                if received - reported >= 4 << 20 {
                    reported = received
                    progress("downloaded \(received >> 20) MiB" + (total.map { " of \($0 >> 20) MiB" } ?? "") + "…")
                }
            }
            progress("downloaded \(received) bytes from \(url)")
            return file
        } catch let error as PipelineError {
            try? FileManager.default.removeItem(at: directory)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw .target("download of \(url) failed: \(error)")
        }
    }

    /// `source` on this machine: an http(s) URL downloaded to a temporary folder (`temporary`, for the
    /// caller to remove), any other source as it is.
    static func localCopy(of source: String, progress: @escaping @Sendable (String) -> Void) async throws(PipelineError) -> (path: String, temporary: URL?) {
        guard source.hasPrefix("http://") || source.hasPrefix("https://") else { return (source, nil) }
        let file = try await fetch(source, progress: progress)
        return (file.path, file.deletingLastPathComponent())
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty || self == "/" ? nil : self }
}
