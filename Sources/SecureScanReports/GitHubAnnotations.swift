import SecureScanCore

/// GitHub Actions workflow commands that annotate findings on the files of a run or pull request
/// (`::error file=app.py,line=3,endLine=3,title=secrets/aws-access-token::AWS access key ID`): critical and
/// high findings are errors, medium warnings, low and info notices. Suppressed findings are left out.
public enum GitHubAnnotations {
    public static func commands(for findings: [Finding]) -> [String] {
        findings.filter(\.isOpen).map { finding in
            var properties: [(String, String)] = []
            if let location = finding.location {
                properties.append(("file", location.path))
                if let line = location.startLine {
                    properties.append(("line", String(line)))
                    properties.append(("endLine", String(max(location.endLine ?? line, line))))
                }
                if let column = location.startColumn { properties.append(("col", String(column))) }
            }
            properties.append(("title", "\(finding.severity.rawValue): \(finding.ruleID)"))
            let parameters = properties.map { "\($0.0)=\(escape($0.1, property: true))" }.joined(separator: ",")
            return "::\(command(finding.severity)) \(parameters)::\(escape("\(finding.title) (\(finding.scanner), \(finding.fingerprint.rawValue.prefix(16)))", property: false))"
        }
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "notice"
        }
    }

    /// The runner's escaping: `%`, CR and LF in messages, and also `:` and `,` in property values.
    static func escape(_ text: String, property: Bool) -> String {
        var out = ""
        for character in text {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.append(character)
            }
        }
        return out
    }
}
