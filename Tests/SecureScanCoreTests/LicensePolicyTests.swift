import Testing
@testable import SecureScanCore

/// License classification and the license policy.
@Suite struct LicensePolicyTests {
    static func component(_ licenses: [String], name: String = "pkg") -> Component {
        Component(name: name, version: "1.0", purl: "pkg:npm/\(name)@1.0", ecosystem: "npm", licenses: licenses, manifestPath: "package-lock.json")
    }

    @Test(arguments: [
        ("MIT", "MIT", "id"), ("mit", "MIT", "id"), ("Apache 2.0", "Apache-2.0", "id"), ("The MIT License (MIT)", "MIT", "id"),
        ("Apache License, Version 2.0", "Apache-2.0", "id"), ("GNU General Public License v3 (GPLv3)", "GPL-3.0-only", "id"),
        ("http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0", "id"), ("https://opensource.org/licenses/MIT", "MIT", "id"),
        ("MIT or BSD-2-Clause", "MIT OR BSD-2-Clause", "expression"), ("(MIT AND Zlib) OR apache-2.0", "(MIT AND Zlib) OR Apache-2.0", "expression"),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0", "expression"),
        ("GPL-2.0+", "GPL-2.0+", "id"), ("LGPL-2.1+", "LGPL-2.1+", "id"), ("LGPL-2.1-only+", "LGPL-2.1-only+", "expression"),
        ("BSD", "BSD", "name"), ("Custom License", "Custom License", "name"), ("MIT AND", "MIT AND", "name"),
    ])
    func declaredLicensesAreClassified(text: String, expected: String, kind: String) throws {
        let license = try #require(DeclaredLicense(text))
        #expect(license.description == expected)
        switch license {
        case .id: #expect(kind == "id")
        case .expression: #expect(kind == "expression")
        case .name: #expect(kind == "name")
        }
    }

    @Test func familiesFollowTheExpression() {
        #expect(DeclaredLicense("MIT OR GPL-3.0-only")?.family == .permissive)
        #expect(DeclaredLicense("MIT AND GPL-3.0-only")?.family == .strongCopyleft)
        #expect(DeclaredLicense("MPL-2.0")?.family == .weakCopyleft)
        #expect(DeclaredLicense("Custom")?.family == .unknown)
    }

    @Test func copyleftIsFlaggedAtLowByDefault() {
        let findings = LicensePolicy().evaluate(Self.component(["GPL-3.0-only"]))
        #expect(findings.map(\.ruleID) == ["license/copyleft"])
        #expect(findings.first?.severity == .low)
        #expect(findings.first?.identity == .license(package: "npm:pkg", license: "GPL-3.0-only"))
        #expect(LicensePolicy().evaluate(Self.component(["MIT OR GPL-3.0-only"])).isEmpty, "a permissive alternative may be chosen")
        #expect(LicensePolicy().evaluate(Self.component(["LGPL-2.1-only"])).first?.title.contains("weak copyleft") == true)
    }

    @Test func theDenyListNeedsEveryAlternativeDenied() {
        var policy = LicensePolicy()
        policy.deny = ["GPL-3.0-only"]
        #expect(policy.evaluate(Self.component(["GPL-3.0-only"])).map(\.ruleID) == ["license/denied"])
        #expect(policy.evaluate(Self.component(["GPL-3.0-only"])).first?.severity == .high)
        #expect(policy.evaluate(Self.component(["MIT AND GPL-3.0-only"])).map(\.ruleID) == ["license/denied"])
        #expect(policy.evaluate(Self.component(["MIT OR GPL-3.0-only"])).isEmpty)
        #expect(policy.evaluate(Self.component(["GPL-3.0-only", "MIT"])).isEmpty, "two declared licenses are alternatives")
    }

    @Test func theAllowListFlagsEverythingElse() {
        var policy = LicensePolicy()
        policy.allow = ["MIT", "Apache-2.0"]
        #expect(policy.evaluate(Self.component(["BSD-3-Clause"])).map(\.ruleID) == ["license/not-allowed"])
        #expect(policy.evaluate(Self.component(["MIT"])).isEmpty)
        #expect(policy.evaluate(Self.component(["Apache-2.0 AND MIT"])).isEmpty)
        #expect(policy.evaluate(Self.component(["Apache-2.0 AND BSD-2-Clause"])).map(\.ruleID) == ["license/not-allowed"])
        policy.allow = ["MIT", "GPL-3.0-only"]
        #expect(policy.evaluate(Self.component(["GPL-3.0-only"])).isEmpty, "an explicitly allowed copyleft license is not flagged")
    }

    @Test func unknownLicensesAreReportedAsSuchAndUndeclaredOnesAreNot() {
        let findings = LicensePolicy().evaluate(Self.component(["Custom Corp License"]))
        #expect(findings.map(\.ruleID) == ["license/unknown"])
        #expect(findings.first?.severity == .info)
        #expect(LicensePolicy().evaluate(Self.component([])).isEmpty)
        var quiet = LicensePolicy()
        quiet.unknown = nil
        quiet.copyleft = nil
        #expect(quiet.evaluate(Self.component(["Custom Corp License"])).isEmpty)
        #expect(quiet.evaluate(Self.component(["AGPL-3.0-only"])).isEmpty)
    }
}
