/// Facts about package ecosystems that SBOMs and vulnerability matching need.
public enum Ecosystem {
    /// The distribution source packages of an ecosystem come from by default, named as SPDX's
    /// `PackageSupplier` ("the actual distribution source for the package") and CycloneDX's `supplier`.
    public static func distributor(of ecosystem: String) -> String? {
        switch ecosystem {
        case "npm": "npm registry (registry.npmjs.org)"
        case "PyPI": "Python Package Index (pypi.org)"
        case "Go": "Go module proxy (proxy.golang.org)"
        case "crates.io": "crates.io"
        case "RubyGems": "RubyGems.org"
        case "Packagist": "Packagist (packagist.org)"
        case "Maven": "Maven Central (repo.maven.apache.org)"
        case "NuGet": "NuGet Gallery (nuget.org)"
        case "Hex": "Hex (hex.pm)"
        case "Pub": "pub.dev"
        case "conda": "Anaconda (conda.anaconda.org)"
        case "CocoaPods": "CocoaPods Trunk (cdn.cocoapods.org)"
        case "ConanCenter": "ConanCenter (center.conan.io)"
        case "Julia": "Julia General registry (pkg.julialang.org)"
        case "SwiftURL": "the package's source repository"
        default: nil
        }
    }
}
