import Foundation
import SecureScanCore

/// What `builtin_dast` checks in one HTTP response: the security headers a browser acts on, headers that
/// disclose the server's software, and each cookie's attributes. Pure: the response in, findings out.
enum WebResponseChecks {
    /// The response as fetched: the URL finally answered (after redirects within the site), its headers in
    /// order (names as sent), and whether the site was reached over HTTPS.
    struct Response: Sendable {
        var url: String
        var status: Int
        var headers: [(name: String, value: String)]
        /// The URL asked for first (the target), when redirects moved away from it.
        var requested: String

        var isHTTPS: Bool { url.lowercased().hasPrefix("https://") }

        func values(_ name: String) -> [String] {
            headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }

        func value(_ name: String) -> String? { values(name).first }

        var isHTML: Bool { value("Content-Type")?.lowercased().contains("text/html") ?? true }
    }

    /// A security header: its rule, how bad its absence is, and why it matters.
    struct Header {
        var name: String
        var severity: Severity
        var cwe: String
        var onlyOverHTTPS = false
        var onlyForHTML = false
        var remediation: String
    }

    static let securityHeaders = [
        Header(name: "Strict-Transport-Security", severity: .medium, cwe: "CWE-319", onlyOverHTTPS: true,
               remediation: "Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` on every HTTPS response."),
        Header(name: "Content-Security-Policy", severity: .medium, cwe: "CWE-1021", onlyForHTML: true,
               remediation: "Send a Content-Security-Policy that allows scripts only from your own origins (`default-src 'self'`), without 'unsafe-inline'."),
        Header(name: "X-Content-Type-Options", severity: .low, cwe: "CWE-693",
               remediation: "Send `X-Content-Type-Options: nosniff`."),
        Header(name: "X-Frame-Options", severity: .medium, cwe: "CWE-1021", onlyForHTML: true,
               remediation: "Send `X-Frame-Options: DENY` (or CSP `frame-ancestors 'none'`) so other sites cannot frame the page."),
        Header(name: "Referrer-Policy", severity: .low, cwe: "CWE-200",
               remediation: "Send `Referrer-Policy: strict-origin-when-cross-origin` (or `no-referrer`)."),
        Header(name: "Permissions-Policy", severity: .low, cwe: "CWE-693", onlyForHTML: true,
               remediation: "Send a Permissions-Policy that turns off the browser features the site does not use (`camera=(), microphone=(), geolocation=()`)."),
    ]

    /// Headers that tell an attacker which software (and often which version) answers.
    static let disclosureHeaders = ["Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator", "X-Runtime"]

    /// HSTS max-age below this (180 days) leaves most visits unprotected after the first.
    static let minimumHSTSAge = 15_552_000

    static func findings(_ response: Response, scanner: String) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        let url = response.url
        func add(_ rule: String, _ severity: Severity, _ title: String, _ description: String, cwe: String, remediation: String,
                 parameter: String, evidence: String? = nil) {
            findings.append(Finding.Draft(
                ruleID: scanner + "/" + rule, severity: severity, title: title, description: description,
                identity: .dast(urlTemplate: url, parameter: parameter), scanType: .dast, cwes: [cwe], remediation: remediation,
                evidence: evidence, properties: ["url": url, "target_url": response.requested, "status": String(response.status)]))
        }
        for header in securityHeaders {
            if header.onlyOverHTTPS && !response.isHTTPS { continue }
            if header.onlyForHTML && !response.isHTML { continue }
            // CSP `frame-ancestors` protects against framing as X-Frame-Options does.
            if header.name == "X-Frame-Options", response.value("Content-Security-Policy")?.lowercased().contains("frame-ancestors") == true { continue }
            guard let value = response.value(header.name) else {
                add("missing-header-" + header.name.lowercased(), header.severity, "Missing security header: \(header.name)",
                    "\(url) answers without \(header.name).", cwe: header.cwe, remediation: header.remediation, parameter: header.name)
                continue
            }
            switch header.name {
            case "Strict-Transport-Security":
                let age = maxAge(value)
                if age == nil || age! < minimumHSTSAge {
                    add("weak-hsts", .low, "Strict-Transport-Security max-age is short",
                        "\(url) sends `Strict-Transport-Security: \(value)`: browsers forget to insist on HTTPS after \(age.map { "\($0) seconds" } ?? "no time").",
                        cwe: "CWE-319", remediation: header.remediation, parameter: header.name, evidence: value)
                }
            case "Content-Security-Policy":
                let lowered = value.lowercased()
                let scripts = directive(lowered, "script-src") ?? directive(lowered, "default-src")
                if let scripts, scripts.contains("'unsafe-inline'") || scripts.contains("'unsafe-eval'") || scripts.split(separator: " ").contains("*") {
                    add("weak-csp", .low, "Content-Security-Policy allows inline or any scripts",
                        "\(url) sends a Content-Security-Policy whose script sources include 'unsafe-inline', 'unsafe-eval' or `*`, which lets injected scripts run.",
                        cwe: "CWE-79", remediation: header.remediation, parameter: header.name, evidence: value)
                }
            case "X-Content-Type-Options" where value.lowercased().trimmingSpaces != "nosniff":
                add("weak-content-type-options", .low, "X-Content-Type-Options is not nosniff",
                    "\(url) sends `X-Content-Type-Options: \(value)`; only `nosniff` stops content sniffing.",
                    cwe: "CWE-693", remediation: header.remediation, parameter: header.name, evidence: value)
            case "Referrer-Policy" where value.lowercased().contains("unsafe-url"):
                add("weak-referrer-policy", .low, "Referrer-Policy sends full URLs everywhere",
                    "\(url) sends `Referrer-Policy: \(value)`: every URL, query string included, goes to other sites.",
                    cwe: "CWE-200", remediation: header.remediation, parameter: header.name, evidence: value)
            default:
                break
            }
        }
        for name in disclosureHeaders {
            guard let value = response.value(name), !value.isEmpty else { continue }
            add("info-disclosure-" + name.lowercased(), .low, "Information disclosure header: \(name)",
                "\(url) names its software in `\(name): \(value)`" + (value.contains(where: \.isNumber) ? ", version included." : "."),
                cwe: "CWE-200", remediation: "Remove the `\(name)` header, or at least its version, in the server's configuration.",
                parameter: name, evidence: "\(name): \(value)")
        }
        for cookie in response.values("Set-Cookie") {
            let parts = cookie.split(separator: ";").map { String($0).trimmingSpaces }
            guard let first = parts.first, let equals = first.firstIndex(of: "=") else { continue }
            let name = String(first[..<equals])
            let attributes = parts.dropFirst().map { $0.lowercased() }
            let sameSite = attributes.first { $0.hasPrefix("samesite") }?.split(separator: "=").last.map { String($0).trimmingSpaces }
            let secure = attributes.contains("secure")
            // The value is not shown: a cookie is often a session token.
            let evidence = "Set-Cookie: \(name)=…" + (attributes.isEmpty ? "" : "; " + parts.dropFirst().joined(separator: "; "))
            if response.isHTTPS && !secure {
                add("cookie-missing-secure", .medium, "Cookie without Secure: \(name)",
                    "\(url) sets the cookie `\(name)` without `Secure`, so the browser also sends it over plain HTTP.",
                    cwe: "CWE-614", remediation: "Set the cookie with `Secure`.", parameter: "cookie:" + name, evidence: evidence)
            }
            if !attributes.contains("httponly") {
                add("cookie-missing-httponly", .medium, "Cookie without HttpOnly: \(name)",
                    "\(url) sets the cookie `\(name)` without `HttpOnly`, so scripts on the page (an injected one too) can read it.",
                    cwe: "CWE-1004", remediation: "Set the cookie with `HttpOnly` unless scripts must read it.", parameter: "cookie:" + name,
                    evidence: evidence)
            }
            if sameSite == nil {
                add("cookie-missing-samesite", .low, "Cookie without SameSite: \(name)",
                    "\(url) sets the cookie `\(name)` without `SameSite`; browsers that default to sending it cross-site allow request forgery.",
                    cwe: "CWE-1275", remediation: "Set the cookie with `SameSite=Lax` (or `Strict`).", parameter: "cookie:" + name,
                    evidence: evidence)
            } else if sameSite == "none" && !secure {
                add("cookie-samesite-none-insecure", .medium, "Cookie with SameSite=None but not Secure: \(name)",
                    "\(url) sets the cookie `\(name)` with `SameSite=None` and without `Secure`: browsers reject it, or send it cross-site over HTTP.",
                    cwe: "CWE-1275", remediation: "Cookies sent cross-site must be `Secure`.", parameter: "cookie:" + name, evidence: evidence)
            }
        }
        return findings
    }

    /// `max-age=31536000; includeSubDomains` → 31536000.
    static func maxAge(_ value: String) -> Int? {
        for part in value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces.lowercased() }
            if pair.count == 2, pair[0] == "max-age" { return Int(pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
        }
        return nil
    }

    /// One CSP directive's sources: `script-src 'self' 'unsafe-inline'` → `'self' 'unsafe-inline'`.
    static func directive(_ policy: String, _ name: String) -> String? {
        for part in policy.split(separator: ";") {
            let trimmed = String(part).trimmingSpaces
            if trimmed == name || trimmed.hasPrefix(name + " ") { return String(trimmed.dropFirst(name.count)) }
        }
        return nil
    }
}
