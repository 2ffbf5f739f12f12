import Foundation
import SecureScanCore

/// Operating-system packages of a root filesystem in the tree (an unpacked container image, a mounted
/// host): Debian and Ubuntu's dpkg database (`var/lib/dpkg/status` and distroless images'
/// `var/lib/dpkg/status.d/*`) and Alpine's apk database (`lib/apk/db/installed`). The distribution and its
/// release come from the same root's `etc/os-release` (or `usr/lib/os-release`), as OSV's ecosystems name
/// them (`Debian:12`, `Ubuntu:22.04`, `Alpine:v3.18`): each package is matched against that release's
/// advisories, by its source package (the `upstream` qualifier of its purl), in the distribution's version order.
enum DistroPackages {
    static let dpkg = LockfileFormat(
        id: "dpkg-status",
        matches: { name, path in
            (name == "status" && path.hasSuffix("var/lib/dpkg/status")) || path.contains("var/lib/dpkg/status.d/")
        },
        read: { file throws(ScannersError) in try readDpkg(file) })

    static let apk = LockfileFormat(
        id: "apk-installed",
        matches: { name, path in name == "installed" && path.hasSuffix("lib/apk/db/installed") },
        read: { file throws(ScannersError) in try readAPK(file) })

    // MARK: - The distribution

    /// The release a root filesystem says it is: `ID` and `VERSION_ID` of its os-release file.
    struct Release: Equatable {
        var id: String
        var versionID: String?

        /// OSV's ecosystem for the release: `Debian:12`, `Ubuntu:22.04`, `Alpine:v3.18`; the distribution
        /// alone when the release is unknown (nothing then matches: advisories name releases).
        var ecosystem: String {
            switch id {
            case "debian": return "Debian" + (versionID.map { ":" + $0.split(separator: ".")[0] } ?? "")
            case "ubuntu": return "Ubuntu" + (versionID.map { ":" + $0 } ?? "")
            case "alpine":
                guard let version = versionID else { return "Alpine" }
                return "Alpine:v" + version.split(separator: ".").prefix(2).joined(separator: ".")
            case "rocky": return "Rocky Linux" + (versionID.map { ":" + $0.split(separator: ".")[0] } ?? "")
            case "almalinux": return "AlmaLinux" + (versionID.map { ":" + $0.split(separator: ".")[0] } ?? "")
            // Red Hat's advisories name products (`Red Hat:enterprise_linux:9::baseos`), not releases alone.
            case "rhel": return "Red Hat"
            default: return id.prefix(1).uppercased() + id.dropFirst() + (versionID.map { ":" + $0 } ?? "")
            }
        }

        /// The purl `distro` qualifier: `debian-12`, `alpine-3.18.4`.
        var distro: String { id + (versionID.map { "-" + $0 } ?? "") }

        static func parse(_ text: String) -> Release? {
            var fields: [String: String] = [:]
            for line in text.split(whereSeparator: \.isNewline) {
                guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
                var value = line[line.index(after: equals)...]
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = value.dropFirst().dropLast()
                }
                fields[String(line[..<equals]).trimmingSpaces] = String(value)
            }
            guard let id = fields["ID"], !id.isEmpty else { return nil }
            return Release(id: id.lowercased(), versionID: fields["VERSION_ID"].flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// The os-release of the root filesystem a package database at `path` belongs to (`prefix` is the
    /// database's place under that root, `var/lib/dpkg/status`).
    static func release(of file: ManifestFile, databaseDepth: Int, default fallback: String) -> (Release, note: String?) {
        let up = String(repeating: "../", count: databaseDepth)
        for candidate in ["etc/os-release", "usr/lib/os-release"] {
            if let text = file.readRelative(up + candidate), let release = Release.parse(text) { return (release, nil) }
        }
        return (Release(id: fallback, versionID: nil),
                "no os-release beside it; its packages are listed but not matched against a release's advisories")
    }

    // MARK: - dpkg

    /// One stanza per package; only packages whose `Status` says `installed` (not removed ones whose
    /// configuration files remain). `Source: name (version)` names the source package advisories speak of.
    static func readDpkg(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let inStatusD = file.path.contains("var/lib/dpkg/status.d/")
        let depth = inStatusD ? 4 : 3
        let (release, note) = release(of: file, databaseDepth: depth, default: "debian")
        var catalog = Catalog(components: [])
        if let note { catalog.skipped.append(note) }
        for stanza in Self.stanzas(file.text) {
            let fields = stanza.fields
            guard let name = fields["Package"], !name.isEmpty else {
                catalog.skipped.append("line \(stanza.line): a stanza without 'Package'")
                continue
            }
            // status.d entries hold one installed package each and have no Status field.
            let status = fields["Status"] ?? (inStatusD ? "install ok installed" : "")
            guard status.split(separator: " ").last == "installed" else { continue }
            guard let version = fields["Version"], DpkgVersion(version) != nil else {
                catalog.skipped.append("line \(stanza.line): package '\(name)' has no valid 'Version'")
                continue
            }
            var qualifiers = ["distro": release.distro]
            if let architecture = fields["Architecture"], !architecture.isEmpty { qualifiers["arch"] = architecture }
            if let source = fields["Source"], !source.isEmpty {
                // `openssl` or `openssl (3.0.11-1~deb12u2)` when the source version differs.
                let parts = source.split(separator: " ", maxSplits: 1)
                let sourceName = String(parts[0])
                let sourceVersion = parts.count > 1 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "() ")) : nil
                qualifiers["upstream"] = sourceName + (sourceVersion.map { "@" + $0 } ?? "")
            }
            let vendor = release.id == "ubuntu" ? "ubuntu" : "debian"
            catalog.components.append(Component(
                name: name, version: version,
                purl: PackageURL.make(type: "deb", namespace: vendor, name: name, version: version, qualifiers: qualifiers),
                ecosystem: release.ecosystem, manifestPath: file.path))
        }
        return catalog
    }

    struct Stanza {
        var line: Int
        var fields: [String: String]
    }

    /// Deb822 paragraphs: `Field: value`, continuation lines start with a space, blank lines separate.
    static func stanzas(_ text: String) -> [Stanza] {
        var result: [Stanza] = []
        var current: [String: String] = [:]
        var first = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty {
                if !current.isEmpty { result.append(Stanza(line: first, fields: current)) }
                current = [:]
                continue
            }
            if current.isEmpty { first = index + 1 }
            if line.first == " " || line.first == "\t" { continue }  // continuation of a long field (descriptions)
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            current[key] = String(line[line.index(after: colon)...]).trimmingSpaces
        }
        if !current.isEmpty { result.append(Stanza(line: first, fields: current)) }
        return result
    }

    // MARK: - apk

    /// `P:` name, `V:` version, `A:` architecture, `o:` origin (the source package, which Alpine's
    /// advisories name), `L:` license; packages separated by blank lines.
    static func readAPK(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let (release, note) = release(of: file, databaseDepth: 3, default: "alpine")
        var catalog = Catalog(components: [])
        if let note { catalog.skipped.append(note) }
        var fields: [Character: String] = [:]
        var start = 1
        func flush() {
            defer { fields = [:] }
            guard !fields.isEmpty else { return }
            guard let name = fields["P"], !name.isEmpty else {
                catalog.skipped.append("line \(start): an entry without 'P:' (name)")
                return
            }
            guard let version = fields["V"], APKVersion(version) != nil else {
                catalog.skipped.append("line \(start): package '\(name)' has no valid 'V:' (version)")
                return
            }
            var qualifiers = ["distro": release.distro]
            if let architecture = fields["A"], !architecture.isEmpty { qualifiers["arch"] = architecture }
            if let origin = fields["o"], !origin.isEmpty, origin != name { qualifiers["upstream"] = origin }
            catalog.components.append(Component(
                name: name, version: version,
                purl: PackageURL.make(type: "apk", namespace: "alpine", name: name, version: version, qualifiers: qualifiers),
                ecosystem: release.ecosystem, licenses: fields["L"].map { [$0] } ?? [], manifestPath: file.path))
        }
        for (index, raw) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty {
                flush()
                start = index + 2
                continue
            }
            guard line.count >= 2, line[line.index(after: line.startIndex)] == ":", let key = line.first else { continue }
            // Files (`F:`, `R:`, …) repeat; the package fields come first and once.
            if fields[key] == nil { fields[key] = String(line.dropFirst(2)) }
        }
        flush()
        return catalog
    }

    // MARK: - Advisory lookup

    /// The name and version advisories know a distribution package by: its source package (the purl's
    /// `upstream` qualifier, `name` or `name@version`), else itself.
    static func advisoryIdentity(of component: Component) -> (name: String, version: String) {
        // RPM distributions' advisories name binary packages; Debian's and Alpine's name source packages.
        guard component.purl.hasPrefix("pkg:deb/") || component.purl.hasPrefix("pkg:apk/") else { return (component.name, component.version) }
        guard let query = component.purl.split(separator: "?", maxSplits: 1).last, component.purl.contains("?") else {
            return (component.name, component.version)
        }
        for pair in query.split(separator: "&") where pair.hasPrefix("upstream=") {
            let value = PackageURL.decode(String(pair.dropFirst("upstream=".count)))
            if let at = value.lastIndex(of: "@") {
                return (String(value[..<at]), String(value[value.index(after: at)...]))
            }
            return (value, component.version)
        }
        return (component.name, component.version)
    }

    /// Ecosystems whose advisories are per release (`Debian:12`): an advisory applies only to its own.
    static func isDistribution(_ ecosystem: String) -> Bool {
        [.dpkg, .apk, .rpm].contains(VersionScheme.of(ecosystem: ecosystem))
    }

    /// Whether an advisory's ecosystem is the component's release (`Ubuntu:22.04:LTS` is `Ubuntu:22.04`'s).
    static func sameRelease(advisory: String, component: String) -> Bool {
        advisory == component || advisory.hasPrefix(component + ":")
    }
}
