import SecureScanCore

/// Declared license strings as SBOM formats need them.
enum SBOMLicenses {
    /// CycloneDX: one `expression` when any declared license is an expression (several are joined with
    /// AND, names becoming `LicenseRef-` ids), otherwise one `license` entry per id or name.
    static func cycloneDX(_ declared: [String]) -> [CycloneDXDocument.LicenseChoice]? {
        let licenses = unique(declared.compactMap(DeclaredLicense.init))
        guard !licenses.isEmpty else { return nil }
        let hasExpression = licenses.contains { if case .expression = $0 { true } else { false } }
        if hasExpression {
            return [.expression(licenses.count == 1 ? licenses[0].description : conjunction(licenses))]
        }
        return licenses.map { license in
            switch license {
            case .id(let id): .id(id)
            case .name(let name): .name(name)
            case .expression(let expression): .expression(expression.description)
            }
        }
    }

    /// SPDX: one expression for `licenseDeclared`, names as `LicenseRef-` ids (listed with their text in
    /// `hasExtractedLicensingInfos`); nil when nothing was declared.
    static func spdx(_ declared: [String]) -> String? {
        let licenses = unique(declared.compactMap(DeclaredLicense.init))
        guard !licenses.isEmpty else { return nil }
        return licenses.count == 1 ? term(licenses[0], wrap: false) : conjunction(licenses)
    }

    /// Every name (not id or expression) among declared licenses.
    static func names(_ declared: [String]) -> [String] {
        declared.compactMap(DeclaredLicense.init).compactMap { if case .name(let name) = $0 { name } else { nil } }
    }

    /// `LicenseRef-` plus the name's letters, digits, `.` and `-` (others become `-`).
    static func reference(forName name: String) -> String {
        "LicenseRef-" + String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
    }

    private static func conjunction(_ licenses: [DeclaredLicense]) -> String {
        licenses.map { term($0, wrap: true) }.joined(separator: " AND ")
    }

    private static func term(_ license: DeclaredLicense, wrap: Bool) -> String {
        switch license {
        case .id(let id): id
        case .name(let name): reference(forName: name)
        case .expression(let expression): wrap ? "(\(expression.description))" : expression.description
        }
    }

    private static func unique(_ licenses: [DeclaredLicense]) -> [DeclaredLicense] {
        var seen = Set<String>()
        return licenses.filter { seen.insert($0.description).inserted }
    }
}
