import Testing
import TestSupport
@testable import SecureScanCore

/// How secrets are shown, and scrubbing them out of other text.
@Suite struct RedactionTests {
    @Test(arguments: [
        ("AKIAIOSFODNN7EXAMPLE", "AKIA…MPLE"), ("hunter2", "h…"), ("Vx9-kT2mQ7rLp4Zs", "Vx…"),
        ("deployer:Qhrh8c0kmQRxhs6O", "deployer:Qh…"), ("", ""),
        // Counted in characters, not bytes, whatever the script; CR LF is one character.
        ("pässwörd-geheim-1234567", "päss…4567"), ("jürgen:ñandú", "jürgen:ñ…"), ("ab\r\ncd", "a…"),
        ("ab\r\ncdefghijklmnopqrstu", "ab\r\nc…rstu"),
    ])
    func redactsShowingLittle(secret: String, shown: String) {
        #expect(Redaction.redact(secret) == shown)
    }

    @Test func scrubbingReplacesEveryOccurrence() {
        let redactor = Redactor(values: ["Vx9-kT2mQ7rLp4Zs", "short"])
        let text = "ENV A=Vx9-kT2mQ7rLp4Zs B=Vx9-kT2mQ7rLp4Zs C=short"
        #expect(redactor.scrub(text) == "ENV A=Vx… B=Vx… C=short")
    }

    @Test func scrubbingAFindingCoversEveryTextField() {
        var finding = Finding.sample(title: "uses Vx9-kT2mQ7rLp4Zs")
        finding.evidence = "RUN curl -u admin:Vx9-kT2mQ7rLp4Zs"
        finding.properties = ["cmd": "Vx9-kT2mQ7rLp4Zs"]
        let scrubbed = Redactor(values: ["Vx9-kT2mQ7rLp4Zs"]).scrub(finding)
        #expect(!String(describing: scrubbed).contains("Vx9-kT2mQ7rLp4Zs"))
    }
}
