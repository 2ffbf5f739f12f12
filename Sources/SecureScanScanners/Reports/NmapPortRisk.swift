import SecureScanCore

/// How risky an open port is, by the service that usually listens there. The list covers protocols
/// that send credentials in clear, remote administration, and data stores that are often left without
/// authentication; every other open port is reported for the inventory at info.
struct NmapPortRisk: Sendable {
    var rule: String
    var title: String
    var severity: Severity
    var reason: String
    var remediation: String
    var cwes: [String]

    struct Entry: Sendable {
        var ports: [Int]
        var services: [String]
        var transport: String
        var rule: String
        var title: String
        var severity: Severity
        var reason: String
        var cwes: [String]
    }

    static let table: [Entry] = [
        Entry(ports: [23], services: ["telnet"], transport: "tcp", rule: "cleartext-telnet", title: "Telnet open", severity: .high,
              reason: "Telnet sends logins and sessions unencrypted.", cwes: ["CWE-319"]),
        Entry(ports: [21], services: ["ftp"], transport: "tcp", rule: "cleartext-ftp", title: "FTP open", severity: .medium,
              reason: "FTP sends credentials and data unencrypted.", cwes: ["CWE-319"]),
        Entry(ports: [69], services: ["tftp"], transport: "udp", rule: "tftp", title: "TFTP open", severity: .high,
              reason: "TFTP has no authentication at all.", cwes: ["CWE-306"]),
        Entry(ports: [512, 513, 514], services: ["exec", "login", "shell", "rsh", "rlogin"], transport: "tcp", rule: "r-services", title: "BSD r-service open",
              severity: .high, reason: "rexec, rlogin and rsh trust host names and send credentials unencrypted.", cwes: ["CWE-319", "CWE-287"]),
        Entry(ports: [2375], services: ["docker"], transport: "tcp", rule: "docker-api", title: "Docker API without TLS", severity: .critical,
              reason: "The unencrypted Docker API gives whoever reaches it root on the host.", cwes: ["CWE-306"]),
        Entry(ports: [6379], services: ["redis"], transport: "tcp", rule: "exposed-datastore", title: "Redis open", severity: .high,
              reason: "Redis often runs without authentication and can be used to write files on the host.", cwes: ["CWE-306"]),
        Entry(ports: [27017, 27018], services: ["mongodb", "mongod"], transport: "tcp", rule: "exposed-datastore", title: "MongoDB open", severity: .high,
              reason: "MongoDB instances are often reachable without authentication.", cwes: ["CWE-306"]),
        Entry(ports: [11211], services: ["memcache", "memcached"], transport: "tcp", rule: "exposed-datastore", title: "Memcached open", severity: .high,
              reason: "Memcached has no authentication by default and amplifies UDP floods.", cwes: ["CWE-306"]),
        Entry(ports: [9200, 9300], services: ["elasticsearch", "wap-wsp"], transport: "tcp", rule: "exposed-datastore", title: "Elasticsearch open",
              severity: .high, reason: "Elasticsearch without security enabled lets anyone read and delete indices.", cwes: ["CWE-306"]),
        Entry(ports: [2379, 2380], services: ["etcd", "etcd-client", "etcd-server"], transport: "tcp", rule: "exposed-datastore", title: "etcd open",
              severity: .high, reason: "etcd holds cluster secrets and often accepts clients without certificates.", cwes: ["CWE-306"]),
        Entry(ports: [10250, 10255], services: [], transport: "tcp", rule: "kubelet-api", title: "Kubelet API open", severity: .high,
              reason: "An exposed kubelet can run commands in every pod on the node.", cwes: ["CWE-306"]),
        Entry(ports: [3306], services: ["mysql"], transport: "tcp", rule: "exposed-database", title: "MySQL open", severity: .medium,
              reason: "A database port reachable from the network invites password guessing and exploits.", cwes: ["CWE-284"]),
        Entry(ports: [5432], services: ["postgresql"], transport: "tcp", rule: "exposed-database", title: "PostgreSQL open", severity: .medium,
              reason: "A database port reachable from the network invites password guessing and exploits.", cwes: ["CWE-284"]),
        Entry(ports: [1433, 1434], services: ["ms-sql-s", "ms-sql-m"], transport: "tcp", rule: "exposed-database", title: "SQL Server open", severity: .medium,
              reason: "A database port reachable from the network invites password guessing and exploits.", cwes: ["CWE-284"]),
        Entry(ports: [1521], services: ["oracle", "oracle-tns"], transport: "tcp", rule: "exposed-database", title: "Oracle listener open", severity: .medium,
              reason: "A database port reachable from the network invites password guessing and exploits.", cwes: ["CWE-284"]),
        Entry(ports: [139, 445], services: ["netbios-ssn", "microsoft-ds", "smb"], transport: "tcp", rule: "smb", title: "SMB open", severity: .medium,
              reason: "SMB exposed beyond the local network is a common ransomware entry point.", cwes: ["CWE-284"]),
        Entry(ports: [3389], services: ["ms-wbt-server", "rdp"], transport: "tcp", rule: "remote-desktop", title: "RDP open", severity: .medium,
              reason: "Remote desktop reachable from the network is a target for password guessing and exploits.", cwes: ["CWE-284"]),
        Entry(ports: [5900, 5901], services: ["vnc"], transport: "tcp", rule: "remote-desktop", title: "VNC open", severity: .high,
              reason: "VNC often uses weak or no passwords and no encryption.", cwes: ["CWE-319"]),
        Entry(ports: [161], services: ["snmp"], transport: "udp", rule: "snmp", title: "SNMP open", severity: .medium,
              reason: "SNMP v1/v2c community strings travel in clear and default to well-known values.", cwes: ["CWE-319"]),
        Entry(ports: [389], services: ["ldap"], transport: "tcp", rule: "cleartext-ldap", title: "LDAP without TLS open", severity: .medium,
              reason: "Plain LDAP binds send directory credentials unencrypted.", cwes: ["CWE-319"]),
        Entry(ports: [110, 143], services: ["pop3", "imap"], transport: "tcp", rule: "cleartext-mail", title: "Unencrypted mail access open", severity: .medium,
              reason: "POP3 and IMAP without TLS send mailbox passwords unencrypted.", cwes: ["CWE-319"]),
    ]

    /// The classification of one open port; the service name wins over the port number when nmap identified it.
    static func classify(port: Int, transport: String, service: String, tunnel: String?) -> NmapPortRisk {
        let name = service.lowercased()
        let tls = tunnel == "ssl"
        let byService = name.isEmpty ? nil : table.first { $0.services.contains(name) }
        let byPort = table.first { $0.ports.contains(port) && $0.transport == transport.lowercased() }
        if let entry = byService ?? byPort, !(tls && entry.cwes == ["CWE-319"]) {
            return NmapPortRisk(rule: entry.rule, title: entry.title, severity: entry.severity, reason: entry.reason,
                                remediation: "Close the port or restrict it to the hosts that need it (firewall, bind address), and require authentication and TLS.",
                                cwes: entry.cwes)
        }
        return NmapPortRisk(rule: "open-port", title: "Open port", severity: .info,
                            reason: "The port accepts connections. Listed for the inventory: check that it is meant to be reachable.",
                            remediation: "Close the port if nothing should listen there, or restrict who can reach it.", cwes: [])
    }
}
