import Foundation
import SecureScanCore

/// conda's `environment.yml`: each dependency spec (`name=1.0=build`, `name==1.0`, `name 1.0 build`,
/// `name>=1.0`); only an exact version is a version. The `pip:` list is PyPI requirements.
enum CondaEnvironment {
    static let format = LockfileFormat(
        id: "conda-environment",
        matches: { name, _ in ["environment.yml", "environment.yaml", "env.yml", "env.yaml"].contains(name) },
        parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try YAMLTree.parse(file.text, file: file)
        guard case .mapping = document else { throw file.invalid("an environment file must be a mapping with `dependencies`") }
        var components: [String: Component] = [:]
        guard let dependencies = document["dependencies"] else { return [] }
        guard case .sequence(let items) = dependencies else { throw file.invalid("`dependencies` must be a list") }
        for item in items {
            switch item {
            case .scalar(let spec):
                guard let (name, version) = condaSpec(spec) else { continue }
                guard name.contains(where: \.isLetter) else {
                    throw file.invalid("dependency `\(spec)` is not a package spec (a package name has letters)")
                }
                let purl = PackageURL.make(type: "conda", name: name, version: version.isEmpty ? nil : version)
                components[purl] = Component(name: name, version: version, purl: purl, ecosystem: "conda", manifestPath: file.path)
            case .mapping(let pairs):
                for (key, value) in pairs where key == "pip" {
                    guard case .sequence(let requirements) = value else { throw file.invalid("`pip:` must be a list of requirements") }
                    for entry in requirements {
                        guard let line = entry.string else { throw file.invalid("a `pip:` entry must be a requirement string") }
                        guard let requirement = PythonRequirements.requirement(line) else { continue }
                        let purl = PackageURL.pypi(requirement.name, requirement.version)
                        components[purl] = Component(
                            name: requirement.name, version: requirement.version, purl: purl, ecosystem: "PyPI", manifestPath: file.path)
                    }
                }
            default:
                throw file.invalid("a dependency must be a spec string or a `pip:` list")
            }
        }
        return components.values.sorted { $0.purl < $1.purl }
    }

    /// `(name, exact version or "")` of a conda match spec.
    static func condaSpec(_ spec: String) -> (String, String)? {
        let text = spec.trimmingCharacters(in: .whitespaces)
        guard let nameEnd = text.firstIndex(where: { " =<>!|~".contains($0) }) else { return text.isEmpty ? nil : (text, "") }
        let name = String(text[..<nameEnd])
        guard !name.isEmpty else { return nil }
        var rest = text[nameEnd...].trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("==") { rest = String(rest.dropFirst(2)) } else if rest.hasPrefix("=") && !rest.hasPrefix("=>") { rest = String(rest.dropFirst()) } else if rest.first?.isNumber != true { return (name, "") }
        let version = String(rest.prefix(while: { !" =".contains($0) }))
        let exact = !version.isEmpty && version.allSatisfy { $0.isNumber || $0 == "." || $0.isLetter } && !version.contains("*")
        return (name, exact ? version : "")
    }
}
