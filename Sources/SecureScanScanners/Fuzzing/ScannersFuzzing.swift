import SecureScanCore

/// The parsers of this module that read untrusted bytes, as the fuzz harness (`securescan-fuzz`) calls them:
/// each takes bytes, parses them as a scan would, and discards the result. Errors are expected outcomes;
/// a crash, a hang or a leak is a bug.
@_spi(Fuzzing) public enum ScannersFuzzing {
    /// Every lockfile and manifest format read as text, by id, with a file name it reads.
    public static let lockfileFormats: [(id: String, name: String)] = Catalogers.all.compactMap { format in
        guard format.readPath == nil, let name = canonicalNames.first(where: { format.matches(lastComponent($0), $0) }) else { return nil }
        return (format.id, name)
    }

    /// Names tried, in order, to find one each format reads.
    static let canonicalNames = [
        "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "requirements.txt", "Pipfile.lock", "poetry.lock", "uv.lock",
        "pylock.toml", "go.mod", "go.sum", "Cargo.lock", "Gemfile.lock", "composer.lock", "gradle.lockfile",
        "packages.lock.json", "Package.resolved", "mix.lock", "pubspec.lock", "environment.yml", "conan.lock",
        "Manifest.toml", "bun.lock", "app.deps.json", "build.sbt.lock", "Podfile.lock", "packages.config",
        "Directory.Packages.props", "pom.xml", "pyproject.toml", "bom.cdx.json", "sbom.spdx.json",
        "var/lib/dpkg/status", "lib/apk/db/installed",
    ]

    /// The format id that reads a file at `path`, if any (for seeding a corpus from real files).
    public static func lockfileFormat(forPath path: String) -> String? {
        Catalogers.format(forName: lastComponent(path), path: path).flatMap { $0.readPath == nil ? $0.id : nil }
    }

    /// Reads `bytes` as the lockfile format `index` of ``lockfileFormats``.
    public static func lockfile(_ index: Int, _ bytes: [UInt8]) {
        let (id, name) = lockfileFormats[index % lockfileFormats.count]
        guard let format = Catalogers.all.first(where: { $0.id == id }) else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? format.read(ManifestFile(path: name, text: text, readRelative: { _ in nil }, findRelative: { _ in [] }))
    }

    /// Parses a Dockerfile and runs every rule over it.
    public static func dockerfile(_ bytes: [UInt8]) {
        _ = DockerfileScanner().findings(in: DockerfileModel(path: "Dockerfile", text: String(decoding: bytes, as: UTF8.self)))
    }

    /// Splits shell text into commands, as `RUN` lines are read.
    public static func shell(_ bytes: [UInt8]) {
        _ = ShellScript.commands(in: String(decoding: bytes, as: UTF8.self))
    }

    public static func toml(_ bytes: [UInt8]) {
        _ = try? TOMLParser.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// YAML as the lockfile readers take it (every document of a stream).
    public static func yaml(_ bytes: [UInt8]) {
        _ = try? YAMLTree.parseAll(String(decoding: bytes, as: UTF8.self), file: ManifestFile(path: "fuzz.yaml", text: ""))
    }

    private static let detector = try? SecretDetector(rules: SecretRules.all)

    /// The secrets engine over arbitrary text, as code and as other text, and the report of what it finds.
    public static func secrets(_ bytes: [UInt8]) {
        guard let detector else { return }
        let scratch = detector.makeScratch()
        bytes.withUnsafeBufferPointer { buffer in
            for inSourceCode in [false, true] {
                let located = detector.detect(buffer, inSourceCode: inSourceCode, scratch: scratch)
                if !located.isEmpty { _ = SecretReport(bytes: buffer, located: located, rules: detector.rules, path: "fuzz.txt").drafts }
            }
        }
    }

    private static func lastComponent(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}

@_spi(Fuzzing) extension ScannersFuzzing {
    public static var secretRuleCount: Int { SecretRules.all.count }
}
