import Foundation

/// Finds the config file that applies to a target: `securescan.yml`, `.securescan.yml` or
/// `.securescan.yaml`, in the target or a parent, stopping at the repository root (a `.git`).
enum ConfigDiscovery {
    static let fileNames = ["securescan.yml", ".securescan.yml", ".securescan.yaml"]

    static func find(startingAt root: String) -> String? {
        var directory = URL(fileURLWithPath: root)
        for _ in 0..<64 {
            for name in fileNames {
                let candidate = directory.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) { return nil }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
        return nil
    }
}
