import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// `host-baseline` on root filesystems built by the test (a weak one with one fault per check, a hardened
/// one with none), on a project tree (not a root filesystem: skipped), and with `host: true` on this machine.
@Suite struct HostBaselineScannerTests {
    /// Writes `files` (path → (mode, text)) under a fresh directory and returns it.
    static func rootFilesystem(_ files: [String: (Int, String)]) throws -> URL {
        let root = try Fixtures.makeTemporaryDirectory("rootfs")
        for (path, (mode, text)) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if text == "<dir>" {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try Data(text.utf8).write(to: url)
            }
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
        return root
    }

    static let base: [String: (Int, String)] = [
        "etc/os-release": (0o644, "ID=debian\nVERSION_ID=\"12\"\n"),
        "etc/passwd": (0o644, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n"),
    ]

    static func scan(_ root: URL, host: Bool = false) async throws -> Observations {
        var target = ScanTarget(name: "image", root: root.path, tree: TargetTree(files: []))
        if host { target.options = [HostBaselineScanner.scannerID: ["host": ["true"]]] }
        return try await HostBaselineScanner().scan(target)
    }

    @Test func aWeakRootFilesystemFailsEveryCheckOnce() async throws {
        var files = Self.base
        files["etc/passwd"] = (0o644, "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/bash\n")
        files["etc/shadow"] = (0o644, "root:$6$salt$hash:19000:0:99999:7:::\nguest::19000:0:99999:7:::\nalice:!:19000::::::\n")
        files["etc/ssh/sshd_config"] = (0o644, "Include /etc/ssh/sshd_config.d/*.conf\n# PermitRootLogin no\nPermitRootLogin yes\nPermitEmptyPasswords yes\nMatch User bob\n  PermitRootLogin no\n")
        files["etc/ssh/sshd_config.d/50-cloud.conf"] = (0o644, "PasswordAuthentication yes\n")
        files["etc/login.defs"] = (0o644, "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\n")
        files["etc/sudoers.d/ci"] = (0o440, "# CI runner\nci ALL=(ALL) NOPASSWD: ALL\nDefaults env_reset\n")
        files["etc/crontab"] = (0o644, "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n0 3 * * * root /usr/local/bin/backup.sh\n")
        files["usr/local/bin/backup.sh"] = (0o777, "#!/bin/sh\n")
        files["etc/cron.d/cleanup"] = (0o666, "0 4 * * * root /bin/true\n")
        files["etc/app/settings.conf"] = (0o666, "x=1\n")
        files["etc/sysctl.d/99-router.conf"] = (0o644, "net.ipv4.ip_forward = 1\nkernel.randomize_va_space=0\n")
        files["root/.ssh"] = (0o755, "<dir>")
        files["home/alice/.ssh/authorized_keys"] = (0o644, "ssh-ed25519 AAAA alice\n")
        let root = try Self.rootFilesystem(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        let found = observations.findings.map { "\($0.ruleID.replacingOccurrences(of: "host-baseline/", with: "")) \($0.location?.path ?? "-"):\($0.location?.startLine.map(String.init) ?? "-")" }.sorted()
        #expect(found == [
            "aslr-disabled etc/sysctl.d/99-router.conf:2",
            "cron-writable-script etc/crontab:3",
            "crontab-permissions etc/cron.d/cleanup:-",
            "empty-password etc/shadow:2",
            "ip-forwarding etc/sysctl.d/99-router.conf:1",
            "password-max-days etc/login.defs:1",
            "password-min-days etc/login.defs:2",
            "shadow-permissions etc/shadow:-",
            "ssh-directory-permissions home/alice/.ssh/authorized_keys:-",
            "ssh-directory-permissions home/alice/.ssh:-",
            "ssh-directory-permissions root/.ssh:-",
            "ssh-empty-passwords etc/ssh/sshd_config:4",
            "ssh-password-authentication etc/ssh/sshd_config.d/50-cloud.conf:1",
            "ssh-root-login etc/ssh/sshd_config:3",
            "sudo-nopasswd etc/sudoers.d/ci:2",
            "uid0-account etc/passwd:2",
            "world-writable-file etc/app/settings.conf:-",
            "world-writable-file etc/cron.d/cleanup:-",
        ], "\(found)")
        // Every rule names its CIS recommendation; no password hash is ever shown.
        #expect(observations.findings.allSatisfy { $0.properties["cis"]?.hasPrefix("Ensure") == true })
        #expect(!observations.findings.contains { ($0.evidence ?? "").contains("$6$") || $0.description.contains("$6$") })
        #expect(Set(observations.findings.map { "\($0.ruleID) \($0.identity)" }).count == observations.findings.count)
    }

    @Test func aHardenedRootFilesystemPasses() async throws {
        var files = Self.base
        files["etc/shadow"] = (0o640, "root:$6$salt$hash:19000:1:365:7:::\nalice:!:19000::::::\n")
        files["etc/ssh/sshd_config"] = (0o644, "PermitRootLogin no\nPermitEmptyPasswords no\nPasswordAuthentication no\n")
        files["etc/login.defs"] = (0o644, "PASS_MAX_DAYS 365\nPASS_MIN_DAYS 1\n")
        files["etc/sudoers"] = (0o440, "root ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n")
        files["etc/crontab"] = (0o644, "0 3 * * * root /usr/local/bin/backup.sh\n")
        files["usr/local/bin/backup.sh"] = (0o755, "#!/bin/sh\n")
        files["etc/sysctl.d/10-hardening.conf"] = (0o644, "net.ipv4.ip_forward = 0\nkernel.randomize_va_space = 2\n")
        files["root/.ssh"] = (0o700, "<dir>")
        let root = try Self.rootFilesystem(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        #expect(observations.findings.isEmpty, "\(observations.findings.map(\.ruleID))")
    }

    /// An image whose `etc/ssh` is an absolute link (`/etc/ssh`, which on the scanning machine is its own)
    /// is judged by what the image holds, never by the files the link reaches outside it.
    @Test func linksOutOfTheRootAreNotFollowed() async throws {
        let root = try Self.rootFilesystem(Self.base)
        let outside = try Fixtures.makeTemporaryDirectory("outside")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try Data("PermitRootLogin yes\n".utf8).write(to: outside.appendingPathComponent("sshd_config"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("etc/ssh").path, withDestinationPath: outside.path)
        let observations = try await Self.scan(root)
        #expect(!observations.findings.contains { $0.ruleID == "host-baseline/ssh-root-login" })
    }

    @Test func aProjectTreeIsNotARootFilesystem() async throws {
        await #expect {
            _ = try await Self.scan(DemoApp.url)
        } throws: { error in
            if case ScannersError.unavailable(let reason, _) = error { return reason.contains("not a root filesystem") }
            return false
        }
        #expect(HostBaselineScanner.isRootFilesystem(Fixtures.url("rootfs/debian-12").path) == false)  // no etc/passwd there
    }

    @Test func theRunningHostIsCheckedFromSlash() async throws {
        let observations = try await Self.scan(URL(fileURLWithPath: "/nonexistent"), host: true)
        #expect(observations.notes.contains("checked this machine (/)"))
        let paths = observations.findings.compactMap { $0.location?.path }
        // Locations are relative to the root checked, here `/`.
        #expect(paths.allSatisfy { ["etc/", "proc/", "root/", "home/"].contains(where: $0.hasPrefix) }, "\(paths)")
    }

    @Test func listeningSocketsAreReadFromProcNet() {
        let tcp = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
               1: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
               2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
               3: 00000000:1F91 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0
            """
        #expect(HostBaselineChecks.listeningPorts(tcp: tcp, tcp6: "") == [22, 8080])
    }
}
