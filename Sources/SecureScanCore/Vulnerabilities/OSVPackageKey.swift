/// The key a package is looked up by in an advisory database: OSV ecosystem (without a `:suffix`) and
/// the name as that ecosystem compares names (PyPI per PEP 503, case-insensitive NuGet and Packagist).
public enum OSVPackageKey {
    public static func make(ecosystem: String, name: String) -> String {
        let base = ecosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ecosystem
        return base + "/" + normalized(name: name, ecosystem: base)
    }

    public static func normalized(name: String, ecosystem: String) -> String {
        switch ecosystem {
        case "PyPI":
            var out = ""
            var separator = false
            for character in name.lowercased() {
                if character == "-" || character == "_" || character == "." {
                    if !separator { out.append("-") }
                    separator = true
                } else {
                    out.append(character)
                    separator = false
                }
            }
            return out
        case "NuGet", "Packagist": return name.lowercased()
        default: return name
        }
    }
}
