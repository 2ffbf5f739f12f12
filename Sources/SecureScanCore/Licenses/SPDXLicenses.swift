/// Lookups over the SPDX License List (``LicenseData``): canonical ids, and the names, aliases and URLs
/// that package metadata uses instead of ids.
public enum SPDXLicenses {
    private static let licensesByLowercasedId: [String: String] = {
        var table: [String: String] = [:]
        for id in LicenseData.names.keys where !LicenseData.exceptions.contains(id) { table[id.lowercased()] = id }
        return table
    }()

    private static let exceptionsByLowercasedId: [String: String] = {
        Dictionary(LicenseData.exceptions.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }()

    /// Full names (normalized) and common aliases → id.
    private static let idsByName: [String: String] = {
        var table: [String: String] = [:]
        for (id, name) in LicenseData.names where !LicenseData.exceptions.contains(id) {
            let key = nameKey(name)
            if table[key] == nil || id.count < table[key]!.count { table[key] = id }
        }
        for (alias, id) in LicenseAliases.all { table[nameKey(alias)] = id }
        return table
    }()

    /// The canonical spelling of a license id (not an exception), if it is one.
    public static func canonicalLicense(_ text: String) -> String? { licensesByLowercasedId[text.lowercased()] }

    /// The canonical spelling of an exception id, if it is one.
    public static func canonicalException(_ text: String) -> String? { exceptionsByLowercasedId[text.lowercased()] }

    /// `LicenseRef-x` or `DocumentRef-y:LicenseRef-x`.
    public static func isReference(_ text: String) -> Bool {
        let reference = text.split(separator: ":").last.map(String.init) ?? text
        return reference.hasPrefix("LicenseRef-") && reference.count > "LicenseRef-".count
            && reference.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
    }

    /// The id a name, alias or license URL stands for.
    public static func id(forName text: String) -> String? {
        if let id = idsByName[nameKey(text)] { return id }
        return id(forURL: text)
    }

    public static func name(of id: String) -> String? { LicenseData.names[id] }

    /// `https://opensource.org/licenses/MIT`, `http://www.apache.org/licenses/LICENSE-2.0.txt`,
    /// `https://spdx.org/licenses/BSD-3-Clause.html`, `https://www.gnu.org/licenses/gpl-3.0.html`.
    static func id(forURL text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        var path = lower.split(separator: "?").first.map(String.init) ?? lower
        while path.hasSuffix("/") { path.removeLast() }
        for suffix in [".html", ".txt", ".php", ".md"] where path.hasSuffix(suffix) { path = String(path.dropLast(suffix.count)) }
        if let alias = LicenseAliases.urls.first(where: { path.hasSuffix($0.key) })?.value { return alias }
        guard let last = path.split(separator: "/").last else { return nil }
        return canonicalLicense(String(last))
    }

    /// Lower case, punctuation to spaces, runs of spaces collapsed, a leading "the" dropped.
    static func nameKey(_ text: String) -> String {
        var key = ""
        var space = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "." || character == "+" {
                if space, !key.isEmpty { key.append(" ") }
                key.append(character)
                space = false
            } else {
                space = true
            }
        }
        if key.hasPrefix("the ") { key.removeFirst(4) }
        return key
    }
}
