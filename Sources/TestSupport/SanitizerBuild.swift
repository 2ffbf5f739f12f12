import Foundation

/// Whether the tests run in a sanitized build (`make test-asan`, `make test-tsan` set
/// SECURESCAN_SANITIZER), where spawning and running code take several times as long. Bounds that
/// catch a hang (not ones that measure speed) are multiplied by ``overhead``.
public enum SanitizerBuild {
    static let name = ProcessInfo.processInfo.environment["SECURESCAN_SANITIZER"]
    public static let overhead: Double = name == nil ? 1 : 4
}
