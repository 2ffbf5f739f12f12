/// How `POST /dashboard/install/{scanner}` installs an external scanner: a package from a package
/// manager, pinned. Plans are data on each adapter; built-in scanners have none.
public struct InstallPlan: Sendable, Hashable {
    public enum Manager: String, Sendable, Hashable {
        /// A PyPI package, installed into its own virtual environment (tools' pins conflict).
        case pip
        /// A Debian package, installed with apt-get.
        case apt
    }

    public var manager: Manager
    public var package: String
    /// An exact version (`==` for pip, `=` for apt); nil installs the registry's current one.
    public var version: String?
    /// The executable the package provides, which the adapter runs.
    public var executable: String

    public init(manager: Manager, package: String, version: String? = nil, executable: String) {
        self.manager = manager
        self.package = package
        self.version = version
        self.executable = executable
    }

    /// `semgrep==1.95.0`, `nmap=7.93+dfsg1-1`, or the bare name.
    public var requirement: String {
        guard let version else { return package }
        return package + (manager == .pip ? "==" : "=") + version
    }

    /// The command a person would run instead.
    public var hint: String {
        switch manager {
        case .pip: "pip install \(requirement)"
        case .apt: "apt-get install \(requirement)"
        }
    }
}
