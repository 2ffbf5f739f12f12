import Foundation
import SecureScanCore

/// SwiftPM's `Package.resolved` (versions 1, 2 and 3): pinned packages, named by their repository
/// location (`github.com/apple/swift-nio`). A pin on a branch without a version is reported at the branch
/// name, and a pin on a bare revision at that revision, so the component still says what was checked out.
enum SwiftPMResolved {
    static let format = LockfileFormat(id: "swiftpm-resolved", matches: { name, _ in name == "Package.resolved" }, parse: parse)

    private struct Resolved: Decodable {
        let version: Int?
        let pins: [Pin]?
        let object: Object?

        struct Object: Decodable { let pins: [Pin] }
    }

    private struct Pin: Decodable {
        let identity: String?
        let package: String?
        let location: String?
        let repositoryURL: String?
        let state: State

        struct State: Decodable {
            let version: String?
            let revision: String?
            let branch: String?
        }
    }

    /// `https://github.com/Quick/Nimble.git` / `git@github.com:Quick/Nimble.git` → `github.com/Quick/Nimble`.
    static func name(fromLocation location: String) -> String {
        var text = location
        for prefix in ["https://", "http://", "ssh://", "git@"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        if let at = text.firstIndex(of: "@"), text[..<at].contains(":") == false, !text[..<at].contains("/") { text = String(text[text.index(after: at)...]) }
        text = text.replacingAll(":", with: "/")
        if text.hasSuffix(".git") { text = String(text.dropLast(4)) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let resolved = try LockfileJSON.decode(Resolved.self, from: file)
        let pins = resolved.pins ?? resolved.object?.pins ?? []
        return pins.compactMap { pin -> Component? in
            guard let location = pin.location ?? pin.repositoryURL, let version = pin.state.version ?? pin.state.branch ?? pin.state.revision else { return nil }
            let name = name(fromLocation: location)
            return Component(
                name: name, version: version, purl: PackageURL.pathed(type: "swift", name, version), ecosystem: "SwiftURL",
                manifestPath: file.path)
        }.sorted { $0.purl < $1.purl }
    }
}
