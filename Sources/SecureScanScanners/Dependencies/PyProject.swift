import Foundation
import SecureScanCore

/// `pyproject.toml` (PEP 621 `[project]`, PEP 735 `[dependency-groups]`, and Poetry's `[tool.poetry]`):
/// the project itself and its declared requirements. A requirement names a version the way
/// requirements.txt entries do: the pin, or the lowest version a range allows. When a lockfile sits next
/// to it (poetry.lock, uv.lock, pdm.lock, pylock.toml, Pipfile.lock), the lockfile is the record of what is
/// installed and the pyproject contributes only the project itself.
enum PyProject {
    static let format = LockfileFormat(id: "pyproject", matches: { name, _ in name == "pyproject.toml" }, read: read)

    static let lockfiles = ["poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Pipfile.lock"]

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let document = try PythonTOMLLocks.document(file)
        var catalog = Catalog(components: [])
        let project = document["project"]?.table ?? [:]
        let poetry = document["tool"]?["poetry"]?.table ?? [:]
        var requirements: [(text: String, scope: Component.Scope, field: String)] = []

        if let list = project["dependencies"] {
            guard let items = list.array else { throw file.invalid("field project.dependencies: expected an array of requirement strings") }
            for (index, item) in items.enumerated() {
                guard let text = item.string else { throw file.invalid("field project.dependencies[\(index)]: expected a requirement string") }
                requirements.append((text, .required, "project.dependencies[\(index)]"))
            }
        }
        for (groupsField, table, scope) in [("project.optional-dependencies", project["optional-dependencies"], Component.Scope.optional),
                                            ("dependency-groups", document["dependency-groups"], .development)] {
            for (group, list) in (table?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (index, item) in (list.array ?? []).enumerated() {
                    // PEP 735 `{include-group = "x"}` entries refer to another group, listed on its own.
                    guard let text = item.string else { continue }
                    requirements.append((text, scope, "\(groupsField).\(group)[\(index)]"))
                }
            }
        }
        var poetryTables: [(String, [String: TOMLValue], Component.Scope)] = [("tool.poetry.dependencies", poetry["dependencies"]?.table ?? [:], .required)]
        poetryTables.append(("tool.poetry.dev-dependencies", poetry["dev-dependencies"]?.table ?? [:], .development))
        for (group, value) in (poetry["group"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
            poetryTables.append(("tool.poetry.group.\(group).dependencies", value["dependencies"]?.table ?? [:], .development))
        }
        for (field, table, scope) in poetryTables {
            for (name, constraint) in table.sorted(by: { $0.key < $1.key }) where name.lowercased() != "python" {
                let specification: TOMLValue? = constraint.array?.first ?? constraint
                let text = specification?.string ?? specification?["version"]?.string ?? ""
                let optional = specification?["optional"]?.boolean == true
                guard let pep440 = poetryConstraint(text) else {
                    catalog.skipped.append("field \(field).\(name): `\(text)` pins no version")
                    continue
                }
                requirements.append((name + pep440, optional && scope == .required ? .optional : scope, "\(field).\(name)"))
            }
        }

        let locked = lockfiles.contains { file.readRelative($0) != nil }
        var seen = Set<String>()
        if !locked {
            for requirement in requirements {
                let cleaned = requirement.text.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
                guard let parsed = PythonRequirements.requirement(cleaned) else {
                    catalog.skipped.append("field \(requirement.field): `\(requirement.text)` pins no version")
                    continue
                }
                let purl = PackageURL.pypi(parsed.name, parsed.version)
                guard seen.insert(purl).inserted else { continue }
                catalog.components.append(Component(
                    name: parsed.name, version: parsed.version, purl: purl, ecosystem: "PyPI", scope: requirement.scope, manifestPath: file.path))
            }
        }
        if let name = project["name"]?.string ?? poetry["name"]?.string, let version = project["version"]?.string ?? poetry["version"]?.string {
            catalog.components.append(Component(
                name: name, version: version, purl: PackageURL.pypi(name, version), ecosystem: "PyPI",
                licenses: license(project["license"] ?? poetry["license"]), manifestPath: file.path,
                dependsOn: catalog.components.map(\.purl).sorted()))
        }
        catalog.components.sort { $0.purl < $1.purl }
        return catalog
    }

    /// PEP 621 `license = "MIT"` / `{text = "…"}` (a file reference names no license); Poetry's string.
    static func license(_ value: TOMLValue?) -> [String] {
        if let text = value?.string ?? value?["text"]?.string, !text.isEmpty { return [text] }
        return []
    }

    /// Poetry constraints in PEP 440 terms: `1.2.3` → `==1.2.3`, `^1.2`/`~1.2` → `>=1.2`; `*` pins nothing.
    static func poetryConstraint(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "*" { return nil }
        if trimmed.hasPrefix("^") || (trimmed.hasPrefix("~") && !trimmed.hasPrefix("~=")) {
            return ">=" + trimmed.drop { $0 == "^" || $0 == "~" }
        }
        if let first = trimmed.first, first.isNumber { return "==" + trimmed }
        return trimmed
    }
}
