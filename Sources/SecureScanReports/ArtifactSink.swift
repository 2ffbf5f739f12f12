import Crypto
import Foundation
import SecureScanCore
#if canImport(Glibc)
import Glibc
#endif

/// Where a format writes its bytes: a file or memory, through one buffer, hashed as it goes.
///
/// Formats stream into a sink instead of returning one `Data`, so a run of 100,000 findings never holds
/// its artifacts in memory, and the manifest's SHA-256 and size come from the same pass that wrote them.
/// A class because it owns a file descriptor and one task writes through it; it is never shared.
public final class ArtifactSink {
    /// Bytes collected before a write to the file (and a hash update).
    static let bufferSize = 1 << 16

    private var buffer: [UInt8] = []
    private var descriptor: Int32?
    private var memory: [UInt8]?
    private var hasher = SHA256()
    private var written = 0
    /// The file's path, or a name for a memory sink: used in error messages.
    public let path: String
    private var failure: String?

    private init(path: String, descriptor: Int32?, memory: [UInt8]?) {
        self.path = path
        self.descriptor = descriptor
        self.memory = memory
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// A sink that keeps the bytes, for `render` and the server's on-demand artifacts.
    public static func memory(name: String) -> ArtifactSink { ArtifactSink(path: name, descriptor: nil, memory: []) }

    /// A sink that creates (or truncates) `url` and writes to it.
    public static func file(_ url: URL) throws(ReportsError) -> ArtifactSink {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
        return ArtifactSink(path: url.path, descriptor: descriptor, memory: nil)
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// Bytes written so far.
    public var count: Int { written + buffer.count }

    @inline(__always)
    public func write(_ byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= Self.bufferSize { flush() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= Self.bufferSize {
            flush()
            emit(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { flush() }
    }

    public func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    public func write(_ data: Data) { data.withUnsafeBytes { write($0) } }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ text: Substring) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes the buffered bytes out.
    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { emit($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        written += bytes.count
        if memory != nil {
            memory!.append(contentsOf: bytes)
            return
        }
        guard let descriptor, failure == nil, var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let result = Glibc.write(descriptor, base, remaining)
            if result < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            remaining -= result
            base += result
        }
    }

    /// What a finished artifact is: its digest and size, and its bytes for a memory sink.
    public struct Summary: Sendable, Hashable {
        public var sha256: String
        public var bytes: Int
    }

    /// Flushes and closes; the first write error, if any, is thrown here.
    public func finish() throws(ReportsError) -> Summary {
        flush()
        if let descriptor {
            self.descriptor = nil
            if failure == nil, close(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        }
        if let failure { throw .writeFailed(path: path, reason: failure) }
        return Summary(sha256: Array(hasher.finalize()).hexString, bytes: written)
    }

    /// The bytes of a memory sink (empty for a file sink), after ``finish()``.
    public var data: Data { Data(memory ?? []) }
}
