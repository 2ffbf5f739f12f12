import SecureScanCore

/// Package URLs (https://github.com/package-url/purl-spec): the identity of a component across tools.
enum PackageURL {
    /// `pkg:<type>/<namespace>/<name>@<version>?<qualifiers>`, each part percent-encoded as the spec says.
    static func make(type: String, namespace: String? = nil, name: String, version: String?, qualifiers: [String: String] = [:]) -> String {
        var purl = "pkg:" + type + "/"
        if let namespace, !namespace.isEmpty {
            purl += namespace.split(separator: "/").map { encode(String($0)) }.joined(separator: "/") + "/"
        }
        purl += encode(name)
        if let version, !version.isEmpty { purl += "@" + encode(version) }
        if !qualifiers.isEmpty {
            purl += "?" + qualifiers.keys.sorted().map { "\($0)=\(encode(qualifiers[$0]!))" }.joined(separator: "&")
        }
        return purl
    }

    /// Percent-encodes everything but unreserved characters (and `:` which the spec leaves as is).
    static func encode(_ text: String) -> String { PackageURLText.encode(text) }

    /// Percent-decodes a purl part (invalid escapes are kept as written).
    static func decode(_ text: String) -> String { PackageURLText.decode(text) }

    /// npm: a scoped name's scope is the namespace (`@babel/core` → namespace `@babel`, name `core`).
    static func npm(_ name: String, _ version: String?) -> String {
        if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
            return make(type: "npm", namespace: String(name[..<slash]), name: String(name[name.index(after: slash)...]), version: version)
        }
        return make(type: "npm", name: name, version: version)
    }

    /// PyPI names are normalized: lower case, runs of `-_.` become `-` (PEP 503).
    static func pypi(_ name: String, _ version: String?) -> String {
        make(type: "pypi", name: normalizedPythonName(name), version: version)
    }

    static func normalizedPythonName(_ name: String) -> String {
        var out = ""
        var lastWasSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.append(character)
                lastWasSeparator = false
            }
        }
        return out
    }

    /// Names with a path (`github.com/lib/pq`, `vendor/package`, `group:artifact`) split into namespace and name.
    static func pathed(type: String, _ path: String, _ version: String?, separator: Character = "/") -> String {
        guard let last = path.lastIndex(of: separator) else { return make(type: type, name: path, version: version) }
        return make(type: type, namespace: String(path[..<last]).replacingAll(String(separator), with: "/"),
                    name: String(path[path.index(after: last)...]), version: version)
    }
}
