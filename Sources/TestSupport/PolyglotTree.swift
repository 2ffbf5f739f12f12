import Foundation

/// A project tree of real lockfiles from the trivy corpus, each under the name its tool gives it, one
/// folder per ecosystem: what a monorepo scan sees.
package enum PolyglotTree {
    /// Path in the tree → fixture under `lockfiles/trivy-parser-testdata/`.
    package static let files: [String: String] = [
        "web/package-lock.json": "nodejs/npm/package-lock_v3.json",
        "web-legacy/package-lock.json": "nodejs/npm/package-lock_v1.json",
        "ui/yarn.lock": "nodejs/yarn/yarn_happy.lock",
        "ui-berry/yarn.lock": "nodejs/yarn/yarn_v2_happy.lock",
        "admin/pnpm-lock.yaml": "nodejs/pnpm/pnpm-lock_v6.yaml",
        "edge/bun.lock": "nodejs/bun/bun_happy.lock",
        "api/requirements.txt": "python/pip/requirements_flask.txt",
        "worker/poetry.lock": "python/poetry/poetry_normal.lock",
        "jobs/Pipfile.lock": "python/pipenv/Pipfile_normal.lock",
        "ml/uv.lock": "python/uv/uv_normal.lock",
        "svc/go.mod": "golang/mod/normal/go.mod",
        "svc/go.sum": "golang/mod/normal/go.sum",
        "rs/Cargo.lock": "rust/cargo/cargo_normal.lock",
        "rb/Gemfile.lock": "ruby/bundler/Gemfile_normal.lock",
        "php/composer.lock": "php/composer/composer_happy.lock",
        "java/pom.xml": "java/pom/happy/pom.xml",
        "kt/gradle.lockfile": "gradle/lockfile/happy.lockfile",
        "net/packages.lock.json": "nuget/lock/packages_lock_simple.json",
        "ios/Package.resolved": "swift/swift/happy-v2-Package.resolved",
        "ios/Podfile.lock": "swift/cocoapods/happy.lock",
        "ex/mix.lock": "hex/mix/happy.mix.lock",
        "dart/pubspec.lock": "dart/pub/happy.lock",
        "conda/environment.yml": "conda/environment/happy.yaml",
        "cpp/conan.lock": "c/conan/happy_v2.lock",
        "jl/Manifest.toml": "julia/manifest/primary/Manifest_v1.8.toml",
        "scala/build.sbt.lock": "sbt/lockfile/v1_happy.sbt.lock",
        "legacy-net/packages.config": "nuget/config/packages.config",
        "net/Directory.Packages.props": "nuget/packagesprops/Directory.Packages.props",
        "dotnet/app.deps.json": "dotnet/core_deps/happy.deps.json",
        "py/pyproject.toml": "python/pyproject/happy_with_optional.toml",
    ]

    /// Writes the tree into a new temporary directory and returns it.
    package static func make() throws -> URL {
        let directory = try Fixtures.makeTemporaryDirectory("polyglot")
        for (path, fixture) in files {
            let destination = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.url("lockfiles/trivy-parser-testdata/" + fixture), to: destination)
        }
        return directory
    }
}
