import Foundation
import SecureScanCore

/// The platform filters of npm-family lockfiles (`os`, `cpu`, `libc` lists; yarn's `conditions`), as
/// component properties: a package that installs only on some platforms is inventoried and marked, never
/// dropped, since the lockfile installs it wherever those platforms build.
enum PlatformConstraints {
    static func properties(os: [String]?, cpu: [String]?, libc: [String]?) -> [String: String] {
        var properties: [String: String] = [:]
        for (key, values) in [(Component.Property.os, os), (Component.Property.cpu, cpu), (Component.Property.libc, libc)] {
            if let values, !values.isEmpty { properties[key] = values.joined(separator: ",") }
        }
        return properties
    }

    /// Yarn's `conditions: os=darwin & cpu=arm64` (values joined with `|` for alternatives).
    static func properties(yarnConditions: String?) -> [String: String] {
        guard let yarnConditions else { return [:] }
        var lists: [String: [String]] = [:]
        for clause in yarnConditions.split(separator: "&") {
            for alternative in clause.split(separator: "|") {
                let parts = alternative.trimmingCharacters(in: CharacterSet(charactersIn: " ()")).split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                lists[String(parts[0]), default: []].append(String(parts[1]))
            }
        }
        return properties(os: lists["os"], cpu: lists["cpu"], libc: lists["libc"])
    }
}
