import SecureScanCore

extension Component {
    /// Components covering what SBOM writers must handle: scoped npm names with integrity hashes, Maven
    /// coordinates, license ids, names, aliases and expressions, all three scopes, a package declared in
    /// two manifests, edges (one to a package that is not present), characters that need escaping, a
/// platform-specific optional package and a workspace member.
    package static let samples: [Component] = [
        Component(
            name: "@babel/core", version: "7.24.0", purl: "pkg:npm/%40babel/core@7.24.0", ecosystem: "npm", licenses: ["MIT"],
            manifestPath: "web/package-lock.json",
            hashes: ["SHA-512": String(repeating: "ab", count: 64)],
            dependsOn: ["pkg:npm/lodash@4.17.20", "pkg:npm/missing@1.0.0"]),
        Component(
            name: "lodash", version: "4.17.20", purl: "pkg:npm/lodash@4.17.20", ecosystem: "npm", licenses: ["MIT"],
            manifestPath: "web/package-lock.json", hashes: ["SHA-1": String(repeating: "cd", count: 20)]),
        Component(
            name: "lodash", version: "4.17.20", purl: "pkg:npm/lodash@4.17.20", ecosystem: "npm", licenses: ["MIT"],
            manifestPath: "admin/package-lock.json"),
        Component(
            name: "jest", version: "29.7.0", purl: "pkg:npm/jest@29.7.0", ecosystem: "npm", scope: .development,
            manifestPath: "web/package-lock.json"),
        Component(
            name: "org.apache.logging.log4j:log4j-core", version: "2.14.1", purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
            ecosystem: "Maven", licenses: ["Apache License, Version 2.0"], manifestPath: "svc/pom.xml"),
        Component(
            name: "requests", version: "2.25.0", purl: "pkg:pypi/requests@2.25.0", ecosystem: "PyPI",
            licenses: ["Apache 2.0"], manifestPath: "api/requirements.txt"),
        Component(
            name: "symfony/console", version: "v5.4.0", purl: "pkg:composer/symfony/console@v5.4.0", ecosystem: "Packagist",
            licenses: ["MIT or BSD-2-Clause"], scope: .optional, manifestPath: "php/composer.lock"),
        Component(
            name: "weird<&>\"pkg", version: "1.0", purl: "pkg:cargo/weird%3C%26%3E%22pkg@1.0", ecosystem: "crates.io",
            licenses: ["Custom Corp License <v2> & more", "GPL-3.0-or-later"], manifestPath: "rs/Cargo.lock"),
        Component(
            name: "golang.org/x/text", version: "v0.3.7", purl: "pkg:golang/golang.org/x/text@v0.3.7", ecosystem: "Go",
            manifestPath: "go.mod"),
        Component(
            name: "fsevents", version: "2.3.2", purl: "pkg:npm/fsevents@2.3.2", ecosystem: "npm", scope: .optional,
            manifestPath: "web/package-lock.json", properties: [Component.Property.os: "darwin"]),
        Component(
            name: "@acme/ui", version: "1.0.0", purl: "pkg:npm/%40acme/ui@1.0.0", ecosystem: "npm",
            manifestPath: "web/package-lock.json", properties: [Component.Property.source: "workspace:packages/ui"]),
    ]
}
