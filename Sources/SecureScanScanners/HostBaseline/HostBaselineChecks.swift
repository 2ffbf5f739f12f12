import SecureScanCore

/// The checks of `host-baseline` over a root filesystem's configuration: pure functions from file contents
/// (and modes) to findings. Each rule names the CIS Benchmark recommendation it follows (by title, as every
/// distribution's benchmark words it; with its section where one was checked).
enum HostBaselineChecks {
    struct Rule: Sendable {
        var id: String
        var severity: Severity
        var title: String
        var cis: String
        var cwe: String
        var remediation: String
    }

    static let scanner = "host-baseline"

    static let rules: [String: Rule] = Dictionary(uniqueKeysWithValues: [
        Rule(id: "ssh-root-login", severity: .high, title: "SSH allows root to log in",
             cis: "Ensure sshd PermitRootLogin is disabled (CIS Debian Linux 11 v2.0.0 §5.1.20)", cwe: "CWE-250",
             remediation: "Set `PermitRootLogin no` in /etc/ssh/sshd_config (before any Include or Match)."),
        Rule(id: "ssh-empty-passwords", severity: .high, title: "SSH accepts empty passwords",
             cis: "Ensure sshd PermitEmptyPasswords is disabled", cwe: "CWE-258",
             remediation: "Set `PermitEmptyPasswords no` in /etc/ssh/sshd_config."),
        Rule(id: "ssh-password-authentication", severity: .low, title: "SSH accepts passwords",
             cis: "Ensure sshd access is configured (keys rather than passwords)", cwe: "CWE-309",
             remediation: "Set `PasswordAuthentication no` once every user logs in with a key."),
        Rule(id: "uid0-account", severity: .high, title: "An account other than root has UID 0",
             cis: "Ensure root is the only UID 0 account", cwe: "CWE-250",
             remediation: "Give the account its own UID, or remove it."),
        Rule(id: "empty-password", severity: .critical, title: "An account has an empty password",
             cis: "Ensure /etc/shadow password fields are not empty", cwe: "CWE-258",
             remediation: "Lock the account (`passwd -l NAME`) or set a password."),
        Rule(id: "shadow-permissions", severity: .high, title: "/etc/shadow is readable by others",
             cis: "Ensure permissions on /etc/shadow are configured", cwe: "CWE-732",
             remediation: "`chown root:shadow /etc/shadow && chmod 640 /etc/shadow`."),
        Rule(id: "password-max-days", severity: .medium, title: "Passwords never expire, or expire late",
             cis: "Ensure password expiration is configured (PASS_MAX_DAYS 365 or less)", cwe: "CWE-262",
             remediation: "Set `PASS_MAX_DAYS 365` (or less) in /etc/login.defs, and `chage --maxdays` for existing users."),
        Rule(id: "password-min-days", severity: .low, title: "Passwords can be changed again at once",
             cis: "Ensure minimum password days is configured (PASS_MIN_DAYS 1 or more)", cwe: "CWE-262",
             remediation: "Set `PASS_MIN_DAYS 1` in /etc/login.defs."),
        Rule(id: "sudo-nopasswd", severity: .high, title: "sudo grants rights without a password",
             cis: "Ensure users must provide password for privilege escalation", cwe: "CWE-250",
             remediation: "Remove NOPASSWD from the sudoers entry, or limit it to the one command that needs it."),
        Rule(id: "crontab-permissions", severity: .high, title: "A cron table can be changed by any user",
             cis: "Ensure permissions on /etc/crontab are configured", cwe: "CWE-732",
             remediation: "`chown root:root` the file and `chmod og-rwx` it."),
        Rule(id: "cron-writable-script", severity: .critical, title: "Root's cron runs a script any user can change",
             cis: "Ensure permissions on /etc/crontab are configured (and on what it runs)", cwe: "CWE-732",
             remediation: "`chown root:root` the script and `chmod o-w` it (and its directory)."),
        Rule(id: "world-writable-file", severity: .medium, title: "A system file can be changed by any user",
             cis: "Ensure world writable files and directories are secured", cwe: "CWE-732",
             remediation: "`chmod o-w` the file."),
        Rule(id: "ip-forwarding", severity: .medium, title: "The system forwards IP packets",
             cis: "Ensure ip forwarding is disabled", cwe: "CWE-16",
             remediation: "Set `net.ipv4.ip_forward = 0` in /etc/sysctl.d/ (unless the machine is a router)."),
        Rule(id: "icmp-redirects", severity: .medium, title: "The system accepts ICMP redirects",
             cis: "Ensure ICMP redirects are not accepted", cwe: "CWE-16",
             remediation: "Set `net.ipv4.conf.all.accept_redirects = 0` and `net.ipv4.conf.default.accept_redirects = 0`."),
        Rule(id: "aslr-disabled", severity: .medium, title: "Address space layout randomization is off or partial",
             cis: "Ensure address space layout randomization is enabled", cwe: "CWE-16",
             remediation: "Set `kernel.randomize_va_space = 2`."),
        Rule(id: "ssh-directory-permissions", severity: .high, title: "An .ssh directory or authorized_keys is open to others",
             cis: "Ensure access to SSH keys is configured", cwe: "CWE-732",
             remediation: "`chmod 700 ~/.ssh && chmod 600 ~/.ssh/authorized_keys`."),
        Rule(id: "listening-port", severity: .low, title: "A service listens on every address",
             cis: "Ensure nonessential services are removed or masked", cwe: "CWE-16",
             remediation: "Bind the service to the addresses that need it, or stop it."),
    ].map { ($0.id, $0) })

    /// A finding of `rule` about `resource` in `path` (root-relative) at `line`.
    static func finding(_ ruleID: String, _ description: String, path: String?, line: Int? = nil, resource: String,
                        evidence: String? = nil, identity: FindingIdentity? = nil) -> Finding.Draft {
        let rule = rules[ruleID]!
        return Finding.Draft(
            ruleID: scanner + "/" + rule.id, severity: rule.severity, title: rule.title, description: description,
            location: path.map { Location(path: $0, startLine: line) }, identity: identity ?? .iac(resource: resource), scanType: .baseline,
            cwes: [rule.cwe], remediation: rule.remediation, references: [], evidence: evidence,
            properties: ["cis": rule.cis, "check": rule.id])
    }

    // MARK: - sshd_config

    /// The first value of each keyword outside `Match` blocks (sshd uses the first one it reads).
    static func sshdSettings(_ text: String) -> [String: (value: String, line: Int)] {
        var settings: [String: (value: String, line: Int)] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?.trimmingSpaces ?? ""
            guard !line.isEmpty else { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" })
            let key = parts[0].lowercased()
            if key == "match" { break }
            if settings[key] == nil, parts.count > 1 { settings[key] = (String(parts[1]).trimmingSpaces.lowercased(), index + 1) }
        }
        return settings
    }

    static func ssh(_ text: String, path: String) -> [Finding.Draft] {
        let settings = sshdSettings(text)
        var findings: [Finding.Draft] = []
        if let root = settings["permitrootlogin"], root.value == "yes" {
            findings.append(finding("ssh-root-login", "\(path) sets `PermitRootLogin yes`: root can log in over SSH with a password or key.",
                                    path: path, line: root.line, resource: path + ":PermitRootLogin", evidence: "PermitRootLogin yes"))
        }
        if let empty = settings["permitemptypasswords"], empty.value == "yes" {
            findings.append(finding("ssh-empty-passwords", "\(path) sets `PermitEmptyPasswords yes`: an account without a password logs in over SSH.",
                                    path: path, line: empty.line, resource: path + ":PermitEmptyPasswords", evidence: "PermitEmptyPasswords yes"))
        }
        if let passwords = settings["passwordauthentication"], passwords.value == "yes" {
            findings.append(finding("ssh-password-authentication", "\(path) sets `PasswordAuthentication yes`: SSH logins can be guessed.",
                                    path: path, line: passwords.line, resource: path + ":PasswordAuthentication", evidence: "PasswordAuthentication yes"))
        }
        return findings
    }

    // MARK: - Accounts

    static func passwd(_ text: String, path: String) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 4, fields[2] == "0", fields[0] != "root" else { continue }
            findings.append(finding("uid0-account", "\(path) gives the account `\(fields[0])` UID 0: it is root under another name.",
                                    path: path, line: index + 1, resource: "account:" + fields[0], evidence: String(fields[0]) + ":…:0:…"))
        }
        return findings
    }

    /// Accounts whose password field is empty (no password at all); `!`, `*` and hashes are fine. The hashes
    /// themselves are never shown.
    static func shadow(_ text: String, path: String) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty, fields[1].isEmpty else { continue }
            findings.append(finding("empty-password", "\(path): the account `\(fields[0])` has no password; anyone can log in as it where passwords are accepted.",
                                    path: path, line: index + 1, resource: "account:" + fields[0], evidence: String(fields[0]) + "::…"))
        }
        return findings
    }

    static func loginDefs(_ text: String, path: String) -> [Finding.Draft] {
        var values: [String: (Int, Int)] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let parts = raw.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, !parts[0].hasPrefix("#"), let value = Int(parts[1]) else { continue }
            values[String(parts[0])] = (value, index + 1)
        }
        var findings: [Finding.Draft] = []
        let maximum = values["PASS_MAX_DAYS"]
        if maximum == nil || maximum!.0 > 365 {
            findings.append(finding("password-max-days", maximum.map { "\(path) sets PASS_MAX_DAYS \($0.0): passwords last longer than a year." }
                                    ?? "\(path) does not set PASS_MAX_DAYS: passwords never expire.",
                                    path: path, line: maximum?.1, resource: path + ":PASS_MAX_DAYS", evidence: maximum.map { "PASS_MAX_DAYS \($0.0)" }))
        }
        if let minimum = values["PASS_MIN_DAYS"], minimum.0 < 1 {
            findings.append(finding("password-min-days", "\(path) sets PASS_MIN_DAYS \(minimum.0): a changed password can be changed straight back.",
                                    path: path, line: minimum.1, resource: path + ":PASS_MIN_DAYS", evidence: "PASS_MIN_DAYS \(minimum.0)"))
        }
        return findings
    }

    // MARK: - sudo

    /// `NOPASSWD:` in a user or group specification (not in a comment or a `Defaults` line).
    static func sudoers(_ text: String, path: String) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces
            guard !line.hasPrefix("#"), !line.hasPrefix("Defaults"), line.contains("NOPASSWD") else { continue }
            let who = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? "?"
            let everything = line.hasSuffix("ALL")
            findings.append(finding("sudo-nopasswd",
                                    "\(path): `\(who)` may run \(everything ? "any command" : "commands") as root without a password.",
                                    path: path, line: index + 1, resource: path + ":" + who, evidence: line))
        }
        return findings
    }

    // MARK: - sysctl

    /// Kernel settings from sysctl files (`key = value`, later files win) or from /proc/sys on a running host.
    static func sysctl(_ settings: [String: (value: String, path: String, line: Int?)]) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        func check(_ key: String, bad: (String) -> Bool, rule: String, _ description: (String) -> String) {
            guard let setting = settings[key], bad(setting.value) else { return }
            findings.append(finding(rule, description(setting.value), path: setting.path, line: setting.line, resource: "sysctl:" + key,
                                    evidence: "\(key) = \(setting.value)"))
        }
        check("net.ipv4.ip_forward", bad: { $0 != "0" }, rule: "ip-forwarding") { "net.ipv4.ip_forward is \($0): the machine routes packets between networks." }
        check("net.ipv4.conf.all.accept_redirects", bad: { $0 != "0" }, rule: "icmp-redirects") {
            "net.ipv4.conf.all.accept_redirects is \($0): an ICMP redirect can change the machine's routes."
        }
        check("kernel.randomize_va_space", bad: { $0 != "2" }, rule: "aslr-disabled") {
            "kernel.randomize_va_space is \($0) (2 randomizes stack, libraries and heap): memory corruption is easier to exploit."
        }
        return findings
    }

    /// `key = value` lines of a sysctl.conf-style file.
    static func sysctlFile(_ text: String, path: String, into settings: inout [String: (value: String, path: String, line: Int?)]) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces
            guard !line.hasPrefix("#"), !line.hasPrefix(";"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingSpaces.replacingSlashes()
            settings[key] = (String(line[line.index(after: equals)...]).trimmingSpaces, path, index + 1)
        }
    }

    // MARK: - Listening sockets (running host)

    /// TCP sockets in LISTEN state bound to every address (`0.0.0.0` or `::`), from /proc/net/tcp and tcp6.
    static func listeningPorts(tcp: String, tcp6: String) -> [Int] {
        var ports = Set<Int>()
        for (text, any) in [(tcp, "00000000"), (tcp6, "00000000000000000000000000000000")] {
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }
                let local = fields[1].split(separator: ":")
                guard local.count == 2, local[0] == any, let port = Int(local[1], radix: 16) else { continue }
                ports.insert(port)
            }
        }
        return ports.sorted()
    }

    /// Ports a listening service is expected on.
    static let expectedPorts: Set<Int> = [22, 53, 80, 443]
}

extension String {
    /// `net/ipv4/ip_forward` → `net.ipv4.ip_forward` (sysctl accepts both).
    fileprivate func replacingSlashes() -> String { String(map { $0 == "/" ? "." : $0 }) }
}

extension Substring {
    fileprivate var trimmingSpaces: String { String(self).trimmingSpaces }
}
