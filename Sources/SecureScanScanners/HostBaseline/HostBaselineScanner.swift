import Foundation
import SecureScanCore

/// `host-baseline`: the reference system's host checks (SSH, accounts, permissions, password policy,
/// kernel settings, sudoers, cron, listening ports), each a rule with the CIS Benchmark recommendation it
/// follows, run against a root filesystem: a scanned tree that is one (an unpacked container image, a
/// mounted disk: it has `etc/passwd` and an os-release) or, with `--host` (option `host: true`), the
/// running machine, where kernel settings are read from /proc/sys and listening sockets from /proc/net.
/// Nothing is run: every check reads files, so a root filesystem is judged as it would boot.
public struct HostBaselineScanner: ScannerAdapter {
    public static let scannerID = "host-baseline"
    public let id = HostBaselineScanner.scannerID
    public let scanType = ScanType.baseline
    public let summary = "SSH, account, password-policy, permission, sudo, cron and kernel checks of a root filesystem (or, with --host, this machine)"
    public let optionKeys = ["host"]

    public init() {}

    /// It runs on a root filesystem or with `--host`; a project tree has nothing of the kind.
    public var runsByDefault: Bool { false }
    /// A running host changes without the tree changing.
    public var reusesResults: Bool { false }
    public var fingerprintKinds: [String] { ["iac", "network"] }

    public func availability() async -> ScannerAvailability { .available(version: ToolInfo.current.version) }

    /// A root filesystem, or `--host`, brings it along.
    public func selectsItself(root: String, options: [String: [String: [String]]]) -> Bool {
        options[id]?["host"] == ["true"] || Self.isRootFilesystem(root)
    }

    /// Whether `root` is a root filesystem: it has `etc/passwd` and an os-release.
    public static func isRootFilesystem(_ root: String) -> Bool {
        let files = FileManager.default
        return files.fileExists(atPath: root + "/etc/passwd")
            && (files.fileExists(atPath: root + "/etc/os-release") || files.fileExists(atPath: root + "/usr/lib/os-release"))
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let host = target.option("host", of: id).first == "true"
        let root = host ? "" : target.root
        guard host || Self.isRootFilesystem(target.root) else {
            throw ScannersError.unavailable(reason: "\(target.root) is not a root filesystem (no etc/passwd and os-release)",
                                            installHint: "scan an unpacked image or mounted disk, or pass --host for this machine")
        }
        var reader = RootReader(root: root, host: host)
        var findings: [Finding.Draft] = []
        for file in ["etc/ssh/sshd_config"] + reader.children("etc/ssh/sshd_config.d", suffix: ".conf") {
            if let text = reader.text(file) { findings += HostBaselineChecks.ssh(text, path: reader.shown(file)) }
        }
        if let text = reader.text("etc/passwd") { findings += HostBaselineChecks.passwd(text, path: reader.shown("etc/passwd")) }
        if let text = reader.text("etc/shadow") { findings += HostBaselineChecks.shadow(text, path: reader.shown("etc/shadow")) }
        if let mode = reader.mode("etc/shadow"), mode & 0o004 != 0 {
            findings.append(HostBaselineChecks.finding(
                "shadow-permissions", "\(reader.shown("etc/shadow")) has mode \(String(mode & 0o777, radix: 8)): any user reads the password hashes.",
                path: reader.shown("etc/shadow"), resource: "etc/shadow:mode"))
        }
        if let text = reader.text("etc/login.defs") { findings += HostBaselineChecks.loginDefs(text, path: reader.shown("etc/login.defs")) }
        for file in ["etc/sudoers"] + reader.children("etc/sudoers.d", suffix: nil) {
            if let text = reader.text(file) { findings += HostBaselineChecks.sudoers(text, path: reader.shown(file)) }
        }
        findings += cron(&reader)
        findings += worldWritable(&reader)
        findings += sshDirectories(&reader)
        var settings: [String: (value: String, path: String, line: Int?)] = [:]
        if host {
            for key in ["net.ipv4.ip_forward", "net.ipv4.conf.all.accept_redirects", "kernel.randomize_va_space"] {
                let file = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
                if let value = try? String(contentsOfFile: file, encoding: .utf8) { settings[key] = (value.trimmingSpaces, file, nil) }
            }
        } else {
            for file in ["etc/sysctl.conf"] + reader.children("usr/lib/sysctl.d", suffix: ".conf") + reader.children("etc/sysctl.d", suffix: ".conf") {
                if let text = reader.text(file) { HostBaselineChecks.sysctlFile(text, path: reader.shown(file), into: &settings) }
            }
        }
        findings += HostBaselineChecks.sysctl(settings)
        if host {
            let tcp = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
            let tcp6 = (try? String(contentsOfFile: "/proc/net/tcp6", encoding: .utf8)) ?? ""
            for port in HostBaselineChecks.listeningPorts(tcp: tcp, tcp6: tcp6) where !HostBaselineChecks.expectedPorts.contains(port) {
                findings.append(HostBaselineChecks.finding(
                    "listening-port", "A service listens on port \(port) of every address of this machine.", path: nil,
                    resource: "port:\(port)", evidence: "0.0.0.0:\(port) LISTEN",
                    identity: .network(host: ProcessInfo.processInfo.hostName, port: port, transport: "tcp")))
            }
        }
        var observations = Observations(findings: findings)
        observations.notes += reader.notes
        observations.notes.append(host ? "checked this machine (/)" : "checked the root filesystem \(target.root)")
        return observations
    }

    /// `/etc/crontab` and `/etc/cron.d/*` writable by others, and the scripts root's entries run that others can change.
    private func cron(_ reader: inout RootReader) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        for file in ["etc/crontab"] + reader.children("etc/cron.d", suffix: nil) {
            if let mode = reader.mode(file), mode & 0o002 != 0 {
                findings.append(HostBaselineChecks.finding(
                    "crontab-permissions", "\(reader.shown(file)) has mode \(String(mode & 0o777, radix: 8)): any user can schedule commands as root.",
                    path: reader.shown(file), resource: file + ":mode"))
            }
            guard let text = reader.text(file) else { continue }
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" })
                // m h dom mon dow user command…
                guard fields.count >= 7, !fields[0].hasPrefix("#"), !fields[0].contains("="), fields[5] == "root" else { continue }
                let command = String(fields[6])
                guard command.hasPrefix("/"), let mode = reader.mode(String(command.dropFirst())), mode & 0o002 != 0 else { continue }
                findings.append(HostBaselineChecks.finding(
                    "cron-writable-script", "\(reader.shown(file)) runs \(command) as root, and any user can change it (mode \(String(mode & 0o777, radix: 8))).",
                    path: reader.shown(file), line: index + 1, resource: "cron:" + command, evidence: String(raw).trimmingSpaces))
            }
        }
        return findings
    }

    /// Regular files under /etc (three levels) that any user can write; at most 50 reported.
    private func worldWritable(_ reader: inout RootReader) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        var pending = [("etc", 0)]
        var more = 0
        while let (directory, depth) = pending.popLast() {
            for name in reader.children(directory, suffix: nil, relative: false).sorted() {
                let path = directory + "/" + name
                guard let (mode, kind) = reader.status(path) else { continue }
                if kind == .typeDirectory, depth < 2 { pending.append((path, depth + 1)) }
                guard kind == .typeRegular, mode & 0o002 != 0 else { continue }
                if findings.count == 50 { more += 1; continue }
                findings.append(HostBaselineChecks.finding(
                    "world-writable-file", "\(reader.shown(path)) has mode \(String(mode & 0o777, radix: 8)): any user can change it.",
                    path: reader.shown(path), resource: path + ":mode"))
            }
        }
        if more > 0 { reader.notes.append("\(more) more world-writable files under etc/ not listed") }
        return findings
    }

    /// `.ssh` directories of root and of the home directories, and their `authorized_keys`, open to group or others.
    private func sshDirectories(_ reader: inout RootReader) -> [Finding.Draft] {
        var findings: [Finding.Draft] = []
        let homes = ["root"] + reader.children("home", suffix: nil, relative: false).sorted().map { "home/" + $0 }
        for home in homes {
            for (path, allowed) in [(home + "/.ssh", 0o700), (home + "/.ssh/authorized_keys", 0o600)] {
                // Anything for group or others: sshd itself refuses keys in a directory others can write.
                guard let mode = reader.mode(path), mode & 0o077 != 0 else { continue }
                findings.append(HostBaselineChecks.finding(
                    "ssh-directory-permissions", "\(reader.shown(path)) has mode \(String(mode & 0o777, radix: 8)); sshd wants \(String(allowed, radix: 8)) or less.",
                    path: reader.shown(path), resource: path + ":mode"))
            }
        }
        return findings
    }
}

/// Files of the root being checked, by root-relative path; never following a symbolic link out of it.
struct RootReader {
    let root: String
    let host: Bool
    var notes: [String] = []

    func absolute(_ path: String) -> String { (root.isEmpty ? "" : root) + "/" + path }

    /// Whether `path` stays inside the root once every symbolic link on the way is followed: an image's
    /// `etc/ssh -> /etc/ssh` would otherwise make this machine's files pass for the image's.
    func staysInside(_ path: String) -> Bool {
        guard !host else { return true }
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: absolute(path)).resolvingSymlinksInPath().path
        return resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/")
    }

    /// How a path is shown: root-relative for a root filesystem, absolute for the running host.
    func shown(_ path: String) -> String { host ? "/" + path : path }

    func text(_ path: String) -> String? {
        guard let status = status(path), status.kind == .typeRegular else { return nil }
        guard let data = FileManager.default.contents(atPath: absolute(path)), data.count <= 4 << 20 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func mode(_ path: String) -> Int? { status(path)?.mode }

    /// The mode and kind of `path` itself (a symbolic link is reported as one, not followed).
    func status(_ path: String) -> (mode: Int, kind: FileAttributeType)? {
        guard staysInside((path as NSString).deletingLastPathComponent), let attributes = try? FileManager.default.attributesOfItem(atPath: absolute(path)),
              let permissions = attributes[.posixPermissions] as? Int, let type = attributes[.type] as? FileAttributeType else { return nil }
        return (permissions, type)
    }

    /// The entries of a directory (root-relative paths, or names with `relative: false`), filtered by suffix.
    func children(_ directory: String, suffix: String?, relative: Bool = true) -> [String] {
        guard status(directory)?.kind == .typeDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: absolute(directory)) else { return [] }
        return names.filter { suffix == nil || $0.hasSuffix(suffix!) }.sorted().map { relative ? directory + "/" + $0 : $0 }
    }
}
