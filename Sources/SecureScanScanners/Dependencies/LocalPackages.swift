import SecureScanCore

/// Local packages get a package URL of their own: a qualifier naming the source (`vcs_url` for git,
/// `download_url` for a tarball URL, the purl spec's own keys; `source` for a folder, a tarball in the
/// tree or a workspace member), so `lodash@4.17.20` vendored from a folder is never merged with, or
/// mistaken for, the registry's `lodash@4.17.20` in an SBOM.
enum LocalPackages {
    static func qualifier(for source: String) -> String {
        if ["git+", "git:", "git@", "github:", "gitlab:", "bitbucket:"].contains(where: source.hasPrefix) { return "vcs_url" }
        if source.hasPrefix("http://") || source.hasPrefix("https://") { return "download_url" }
        return "source"
    }

    static func purl(_ purl: String, source: String) -> String {
        purl + (purl.contains("?") ? "&" : "?") + qualifier(for: source) + "=" + PackageURL.encode(source)
    }

    /// Every local component's purl qualified, and the edges to it (within its manifest) renamed.
    static func qualify(_ components: [Component]) -> [Component] {
        var renamed: [String: String] = [:]
        for component in components {
            guard let source = component.properties[Component.Property.source], !component.purl.contains("?") else { continue }
            renamed[component.manifestPath + "\u{0}" + component.purl] = purl(component.purl, source: source)
        }
        guard !renamed.isEmpty else { return components }
        return components.map { component in
            var updated = component
            updated.purl = renamed[component.manifestPath + "\u{0}" + component.purl] ?? component.purl
            updated.dependsOn = component.dependsOn.map { renamed[component.manifestPath + "\u{0}" + $0] ?? $0 }.sorted()
            return updated
        }
    }
}
