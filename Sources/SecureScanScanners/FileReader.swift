#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into one reused buffer: one per scanning thread, never shared.
final class FileReader {
    private var storage: UnsafeMutableRawBufferPointer
    /// Bytes examined for a NUL to call a file binary (the same heuristic as git).
    static let binaryProbeLength = 8000

    init(initialCapacity: Int = 1 << 20) {
        storage = .allocate(byteCount: initialCapacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// What reading one file gave.
    enum Outcome {
        case text(UnsafeBufferPointer<UInt8>)
        /// A NUL byte early on; the bytes are there for readers that understand UTF-16.
        case binary(UnsafeBufferPointer<UInt8>)
        case unreadable(String)
    }

    /// Reads `path` without following a final symlink or blocking on a pipe. The returned buffer is
    /// valid until the next call.
    func read(_ path: String) -> Outcome {
        read(opening: open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC))
    }

    /// Reads a file of the tree under `root` by its bytes (its name may not be valid UTF-8).
    func read(_ file: TreeFile, under root: String) -> Outcome {
        let path = file.absoluteBytes(under: root) + [0]
        return read(opening: path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        })
    }

    /// Reads a file of the tree into bytes of its own.
    func contents(_ file: TreeFile, under root: String) -> Contents {
        switch read(file, under: root) {
        case .text(let bytes), .binary(let bytes): .bytes(Array(bytes))
        case .unreadable(let reason): .unreadable(reason)
        }
    }

    private func read(opening descriptor: Int32) -> Outcome {
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .unreadable("not a regular file") }
        let expected = Int(info.st_size)
        if expected + 1 > storage.count { grow(to: expected + 1, keeping: 0) }
        var total = 0
        // Read up to the size fstat reported (saves an end-of-file read per file); bytes appended while
        // the scan runs belong to the next scan.
        while total < expected || expected == 0 {
            if total == storage.count { grow(to: storage.count * 2, keeping: total) }
            let count = Glibc.read(descriptor, storage.baseAddress! + total, storage.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        let bytes = UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: total)
        if memchr(storage.baseAddress!, 0, min(total, FileReader.binaryProbeLength)) != nil { return .binary(bytes) }
        return .text(bytes)
    }

    /// What reading one file into bytes of its own gave (text or binary alike).
    enum Contents {
        case bytes([UInt8])
        case unreadable(String)
    }

    /// Reads `path` into an array the caller keeps, past any later read.
    func contents(_ path: String) -> Contents {
        switch read(path) {
        case .text(let bytes), .binary(let bytes): .bytes(Array(bytes))
        case .unreadable(let reason): .unreadable(reason)
        }
    }

    /// A larger buffer, with the first `count` bytes carried over.
    private func grow(to capacity: Int, keeping count: Int) {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, storage.count * 2), alignment: 16)
        if count > 0 { larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: count) }
        storage.deallocate()
        storage = larger
    }
}
