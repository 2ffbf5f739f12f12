#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Workspace globs (`packages/*`, `apps/**/package.json`, `tools/cli`): `*`, `?` and `[…]` within one path
/// segment (by `fnmatch`), `**` for any number of segments. A leading `./` is ignored.
enum FileGlob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let patternParts = pattern.split(separator: "/").filter { $0 != "." }
        let pathParts = path.split(separator: "/")
        return match(patternParts[...], pathParts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, fnmatch(String(first), String(segment), 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
