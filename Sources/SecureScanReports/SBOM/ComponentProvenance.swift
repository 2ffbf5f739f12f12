import Foundation
import SecureScanCore

/// The part of a component's ``Component/properties`` a reader needs in a sentence: where a local package
/// comes from, the platforms a platform-specific one installs on, a dependency the lockfile lacks.
enum ComponentProvenance {
    /// Who supplies the component: the ecosystem's registry for a registry package; for a local one the
    /// project itself (a workspace member, a folder or tarball in the tree), or the host of its git or
    /// tarball URL (`github.com`).
    static func supplier(_ component: Component, target: String) -> String? {
        guard let source = component.properties[Component.Property.source] else { return Ecosystem.distributor(of: component.ecosystem) }
        for prefix in ["workspace:", "file:", "link:", "portal:", "exec:"] where source.hasPrefix(prefix) { return target }
        // `git+ssh://git@github.com/x/y.git#sha`, `https://codeload.github.com/…`, `github:x/y`.
        if source.hasPrefix("github:") { return "github.com" }
        if let scheme = source.range(of: "://") {
            let authority = source[scheme.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != "#" }
            let host = authority.split(separator: "@").last.map(String.init) ?? ""
            if !host.isEmpty { return host }
        }
        return target
    }

    /// `; built from file:vendor/x.tgz, not from the registry; installs only on os darwin, cpu arm64`, or "".
    static func sentence(_ component: Component) -> String {
        typealias Key = Component.Property
        var parts: [String] = []
        if let source = component.properties[Key.source] { parts.append("built from \(source), not from the registry") }
        let platform = [(Key.os, "os"), (Key.cpu, "cpu"), (Key.libc, "libc")].compactMap { key, label in
            component.properties[key].map { "\(label) \($0)" }
        }
        if !platform.isEmpty { parts.append("installs only on " + platform.joined(separator: ", ")) }
        if component.properties[Key.lockfile] == "missing" {
            parts.append("declared as \(component.properties[Key.declared] ?? "?") but missing from the lockfile")
        }
        return parts.map { "; " + $0 }.joined()
    }
}
