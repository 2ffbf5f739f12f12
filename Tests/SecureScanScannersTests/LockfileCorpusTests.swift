import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// The catalogers against trivy's parser test inputs and expected package lists
/// (`fixtures/lockfiles/trivy-parser-testdata/<eco>/<format>/EXPECTED_PACKAGES.tsv`), compared as
/// (name, version) sets. Every difference from trivy must be listed in ``conventions`` with its reason.
@Suite struct LockfileCorpusTests {
    static let root = Fixtures.url("lockfiles/trivy-parser-testdata")

    /// Corpus folder → the format that reads its files.
    static let formats: [String: String] = [
        "nodejs/npm": "npm-package-lock",
        "nodejs/yarn": "yarn-lock",
        "nodejs/pnpm": "pnpm-lock",
        "python/pip": "pip-requirements",
        "python/pipenv": "pipfile-lock",
        "python/poetry": "poetry-lock",
        "python/uv": "uv-lock",
        "python/pylock": "pylock",
        "golang/mod": "go-mod",
        "golang/sum": "go-sum",
        "rust/cargo": "cargo-lock",
        "ruby/bundler": "gemfile-lock",
        "php/composer": "composer-lock",
        "gradle/lockfile": "gradle-lockfile",
        "nuget/lock": "nuget-lock",
        "swift/swift": "swiftpm-resolved",
        "hex/mix": "mix-lock",
        "dart/pub": "pubspec-lock",
        "conda/environment": "conda-environment",
        "c/conan": "conan-lock",
        "julia/manifest": "julia-manifest",
        "nodejs/bun": "bun-lock",
        "dotnet/core_deps": "dotnet-deps",
        "sbt/lockfile": "sbt-lock",
        "swift/cocoapods": "podfile-lock",
        "nuget/config": "nuget-packages-config",
        "nuget/packagesprops": "nuget-packages-props",
    ]

    /// Differences from trivy that are deliberate: file → (name@version → reason). A `-` prefix marks a row
    /// trivy lists that we do not; a `+` prefix one we list that trivy does not.
    static let minimumVersion = """
        a requirement with only a lower bound is reported at that minimum version, the lowest it may resolve to \
        (trivy does this only with its useMinVersion option, which its requirements_compatible case enables)
        """

    static let sdkPackage = """
        an `sdk` package ships inside the Flutter SDK: pub records no version of its own (0.0.0) and nothing \
        can be fetched or upgraded separately, so it is not a component
        """

    static let localSource = """
        a package built from a local folder, tarball or git repository is inventoried, marked with its source \
        and never matched against registry advisories; trivy leaves it out
        """

    static let conventions: [String: [String: String]] = [
        "replaced-with-local-path/go.mod": ["+golang.org/x/xerrors@": localSource],
        "replaced-with-local-path-and-version/go.mod": ["+golang.org/x/xerrors@": localSource],
        "yarn_with_local.lock": ["+local-package@0.0.1": localSource],
        "yarn_with_git.lock": ["+mapbox-gl-feature-drag-and-drop@1.1.1": localSource],
        "requirements_operator.txt": [
            "+requests@2.31.0": minimumVersion, "+keyring@4.1.1": minimumVersion, "+numpy@3.4.1": minimumVersion,
            "+Mopidy-Dirble@1.1": minimumVersion,
        ],
        "replaced/go.mod": [
            "-github.com/aquasecurity/go-dep-parser@v0.0.0-20211110174639-8257534ffed3":
                "trivy's second case for this file turns `replace` off; we always apply it, as the go command does",
        ],
        "go116/go.mod": [
            "+gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b":
                "an `// indirect` requirement is a module the build selects at that version; trivy drops them from go.mod files before Go 1.17",
        ],
        "happy.lock": [
            "-flutter_test@0.0.0": sdkPackage, "-flutter_test@3.3.0": sdkPackage,
        ],
        "yarn_v2_happy.lock": [
            "+fsevents@2.1.3": "a yarn `patch:` entry is the patched package, and it is installed; trivy leaves patched packages out",
        ],
    ]

    /// Folders where trivy leaves development dependencies out; we keep them, with `development` scope.
    static let devOmittedByTrivy: Set<String> = ["nodejs/pnpm", "c/conan", "nuget/config", "sbt/lockfile"]

    struct Case {
        var file: String
        var expected: Set<String>
        var expectsError: Bool
    }

    static func cases(in folder: String) throws -> [Case] {
        let text = try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent("EXPECTED_PACKAGES.tsv"), encoding: .utf8)
        var cases: [String: Case] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if line.hasPrefix("# "), fields.count >= 2, fields[1].hasPrefix("case=") {
                let file = String(fields[0].dropFirst(2))
                if cases[file] == nil { order.append(file) }
                cases[file] = Case(file: file, expected: cases[file]?.expected ?? [], expectsError: line.contains("expects error"))
                continue
            }
            guard !line.hasPrefix("#"), !line.hasPrefix("file\t"), fields.count >= 3 else { continue }
            if cases[fields[0]] == nil {
                order.append(fields[0])
                cases[fields[0]] = Case(file: fields[0], expected: [], expectsError: false)
            }
            // trivy writes `unknown` where a file gives no version; we leave the version empty.
            cases[fields[0]]?.expected.insert("\(fields[1])@\(fields[2] == "unknown" ? "" : fields[2])")
        }
        return order.compactMap { cases[$0] }
    }

    static func components(_ folder: String, _ file: String) throws -> [Component] {
        let format = try #require(Catalogers.all.first { $0.id == formats[folder] }, "no format \(formats[folder] ?? "?")")
        let url = root.appendingPathComponent(folder).appendingPathComponent(file)
        let data = try Data(contentsOf: url)
        let text = ManifestText.decode(Array(data)) ?? ""
        let directory = url.deletingLastPathComponent()
        return try format.parse(ManifestFile(path: file, text: text, readRelative: { relative in
            try? String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
        }))
    }

    static func parse(_ folder: String, _ file: String) throws -> Set<String> {
        Set(try components(folder, file).map { "\($0.name)@\($0.version)" })
    }

    /// Per folder: matched rows, expected rows, and the unexplained differences.
    static func compare(_ folder: String) throws -> (matched: Int, expected: Int, unexplained: [String]) {
        var matched = 0, expected = 0
        var unexplained: [String] = []
        for item in try cases(in: folder) {
            let known = conventions[item.file] ?? [:]
            if item.expectsError {
                do {
                    let parsed = try parse(folder, item.file)
                    unexplained.append("\(item.file): expected an error, got \(parsed.count) packages")
                } catch {}
                continue
            }
            let actual: Set<String>
            var development = Set<String>()
            do {
                let parsed = try components(folder, item.file)
                actual = Set(parsed.map { "\($0.name)@\($0.version)" })
                development = Set(parsed.filter { $0.scope == .development }.map { "\($0.name)@\($0.version)" })
            } catch {
                unexplained.append("\(item.file): \(error)")
                expected += item.expected.count
                continue
            }
            expected += item.expected.count
            matched += item.expected.intersection(actual).count
            for missing in item.expected.subtracting(actual) where known["-" + missing] == nil {
                unexplained.append("\(item.file): missing \(missing)")
            }
            for extra in actual.subtracting(item.expected)
            where known["+" + extra] == nil && !(devOmittedByTrivy.contains(folder) && development.contains(extra)) {
                unexplained.append("\(item.file): extra \(extra)")
            }
        }
        return (matched, expected, unexplained)
    }

    @Test(arguments: formats.keys.sorted())
    func everyDifferenceFromTrivyIsADeliberateConvention(folder: String) throws {
        let result = try Self.compare(folder)
        print("lockfile corpus \(folder): \(result.matched)/\(result.expected) rows")
        #expect(result.unexplained.isEmpty, "\(folder):\n\(result.unexplained.joined(separator: "\n"))")
    }

    @Test func atLeast98PercentOfAllTrivyRowsMatch() throws {
        var matched = 0, expected = 0
        for folder in Self.formats.keys {
            let result = try Self.compare(folder)
            matched += result.matched
            expected += result.expected
        }
        print("lockfile corpus overall: \(matched)/\(expected) rows")
        #expect(Double(matched) >= 0.98 * Double(expected))
    }

    @Test func everyCorpusFolderWithExpectationsIsCovered() throws {
        let folders = try FileManager.default.subpathsOfDirectory(atPath: Self.root.path)
            .filter { $0.hasSuffix("/EXPECTED_PACKAGES.tsv") }
            .map { String($0.dropLast("/EXPECTED_PACKAGES.tsv".count)) }
        #expect(Set(folders) == Set(Self.formats.keys))
    }
}
