import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// An artifact file the store keeps, streamed a chunk at a time (one store read per chunk, on the
/// blocking-work threads), with its SHA-256 as the entity tag: the content behind a digest never changes,
/// so a client that has it gets 304 and may keep it for good.
enum StoredArtifactResponse {
    static func make(_ artifact: StoredArtifact, store: Store, request: Request, headers extra: HTTPFields = [:]) -> Response {
        let tag = "\"\(artifact.digest)\""
        var headers = extra
        headers[.eTag] = tag
        headers[.cacheControl] = "private, max-age=31536000, immutable"
        if request.headers[.ifNoneMatch].map({ $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == tag } }) == true {
            return Response(status: .notModified, headers: headers)
        }
        if headers[.contentType] == nil { headers[.contentType] = mediaType(of: artifact.name) }
        let body = ResponseBody(contentLength: artifact.size) { writer in
            var position = 0
            var sent = 0
            while sent < artifact.size {
                let digest = artifact.digest
                let current = position
                guard let chunk = try await ScanExecutor.run({ () throws(StoreError) in try store.artifactChunk(digest: digest, position: current) }),
                      !chunk.isEmpty else {
                    // Deleted with its last run while being sent: the connection ends short of its length.
                    throw ServerError(.notFound, "\(artifact.name) was deleted while it was being sent")
                }
                try await writer.write(ByteBuffer(bytes: chunk))
                sent += chunk.count
                position += 1
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The media type of a run folder's file: its format's, or JSON's for the manifest.
    static func mediaType(of name: String) -> String {
        if let format = Formats.all.first(where: { $0.fileName == name }) {
            return format.mediaType.hasPrefix("text/") ? format.mediaType + "; charset=utf-8" : format.mediaType
        }
        if name.hasSuffix(".json") { return "application/json" }
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        return "application/octet-stream"
    }
}
