import Foundation
import SecureScanCore

/// .NET's `*.deps.json` (what a built application loads). A library counts when the runtime target deploys
/// files for it (`runtime`, `runtimeTargets` or `native` assets); one the target does not describe, or every
/// library when the runtime target itself is missing, counts too, since nothing says it is left out.
/// Self-contained runtime packs (`runtimepack.X`) are the packages `X`.
enum DotnetDeps {
    static let format = LockfileFormat(id: "dotnet-deps", matches: { name, _ in name.hasSuffix(".deps.json") }, parse: parse)

    private struct Document: Decodable {
        let runtimeTarget: RuntimeTarget?
        let targets: [String: [String: TargetEntry]]?
        let libraries: [String: Library]?

        struct RuntimeTarget: Decodable { let name: String? }
    }

    private struct TargetEntry: Decodable {
        let dependencies: [String: String]?
        let runtime: [String: JSONValue]?
        let runtimeTargets: [String: JSONValue]?
        let native: [String: JSONValue]?

        var deploysFiles: Bool { !(runtime ?? [:]).isEmpty || !(runtimeTargets ?? [:]).isEmpty || !(native ?? [:]).isEmpty }
    }

    private struct Library: Decodable {
        let type: String?
        let sha512: String?
    }

    static func packageName(_ name: some StringProtocol) -> String {
        name.hasPrefix("runtimepack.") ? String(name.dropFirst("runtimepack.".count)) : String(name)
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try LockfileJSON.decode(Document.self, from: file)
        let target = document.runtimeTarget?.name.flatMap { document.targets?[$0] }
        var components: [Component] = []
        for (key, library) in document.libraries ?? [:] {
            guard let slash = key.lastIndex(of: "/") else { throw file.invalid("field libraries.\(key): expected `Name/Version`") }
            let entry = target?[key]
            if let target, let entry, !entry.deploysFiles, target[key] != nil { continue }
            let name = packageName(key[..<slash])
            let version = String(key[key.index(after: slash)...])
            let edges = (entry?.dependencies ?? [:]).map { PackageURL.make(type: "nuget", name: packageName($0.key), version: $0.value) }
            components.append(Component(
                name: name, version: version, purl: PackageURL.make(type: "nuget", name: name, version: version), ecosystem: "NuGet",
                manifestPath: file.path, hashes: Integrity.hashes(library.sha512), dependsOn: Array(Set(edges)).sorted()))
        }
        return components.sorted { $0.purl < $1.purl }
    }
}
