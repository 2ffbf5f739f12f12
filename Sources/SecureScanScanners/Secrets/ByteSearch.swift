#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring tests over UTF-8 bytes, for the secrets engine's per-candidate checks (the needles are ASCII).
/// The standard library's generic `firstRange(of:)` and `String.contains(_:)` looked up type metadata on
/// every call and were a tenth of a 10,000-secret scan.
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        haystack.withUnsafeBufferPointer { contains($0, needle) }
    }

    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        return haystack.withUTF8 { contains($0, needle) }
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { needle in
            guard let head = needle.first else { return true }
            guard needle.count <= haystack.count else { return false }
            var index = 0
            let limit = haystack.count - needle.count
            while index <= limit {
                if haystack[index] == head, memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0 { return true }
                index += 1
            }
            return false
        }
    }
}
