/// Every lockfile and manifest format the `dependencies` scanner reads, in the order they are tried.
enum Catalogers {
    static let all: [LockfileFormat] = [
        NPMLock.format,
        YarnLock.format,
        PnpmLock.format,
        PythonRequirements.format,
        PipfileLock.format,
        PythonTOMLLocks.poetry,
        PythonTOMLLocks.uv,
        PythonTOMLLocks.pylock,
        GoModules.mod,
        GoModules.sum,
        CargoLock.format,
        GemfileLock.format,
        ComposerLock.format,
        GradleLockfile.format,
        NuGetLock.format,
        SwiftPMResolved.format,
        MixLock.format,
        PubspecLock.format,
        CondaEnvironment.format,
        ConanLock.format,
        JuliaManifest.format,
        BunLock.format,
        DotnetDeps.format,
        SbtLock.format,
        PodfileLock.format,
        NuGetPackagesConfig.format,
        NuGetPackagesProps.format,
        MavenPOM.format,
        PyProject.format,
        SBOMDocuments.format,
        DistroPackages.dpkg,
        DistroPackages.apk,
        RPMDatabase.format,
    ]

    /// The format that reads this file, if any.
    static func format(forName name: String, path: String) -> LockfileFormat? {
        all.first { $0.matches(name, path) }
    }
}
