// swift-tools-version:6.2
import PackageDescription

/// `make fuzz` builds with SECURESCAN_FUZZ=1 (into .build-fuzz, the `securescan-fuzz` product alone): this
/// package's own code gets libFuzzer's coverage instrumentation and AddressSanitizer; the dependencies are
/// built as usual.
let fuzzing = Context.environment["SECURESCAN_FUZZ"] == "1"
let fuzzSettings: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("FUZZING")] : []
let fuzzLinking: [LinkerSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])] : []

/// Every target compiles with these: a missing import or an implicit existential is a compile error,
/// which is how the module boundaries (the table in the README's Architecture section) are enforced.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
] + fuzzSettings


let package = Package(
    name: "securescan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "securescan", targets: ["securescan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries (installed by `make setup`).
        .systemLibrary(
            name: "CPCRE2", path: "Sources/CPCRE2", pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo", path: "Sources/CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CHyperscan", path: "Sources/CHyperscan", pkgConfig: "libhs",
            providers: [.apt(["libhyperscan-dev"])]
        ),

        // Pure values and functions: no I/O.
        .target(
            name: "SecureScanCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // XML through libxml2 as plain values, and XSD validation: the one place that touches libxml2.
        .target(name: "SecureScanXML", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
        // Scanners: the only module that reads scanned trees or starts processes.
        .target(
            name: "SecureScanScanners",
            dependencies: [
                "SecureScanCore", "SecureScanXML", "CPCRE2", "CHyperscan",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
                // builtin_dast's one request.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // rpm's sqlite package database, opened read-only.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The store: SQLite embedded (GRDB) or a shared PostgreSQL server (postgres-nio); neither library's
        // types leave this module.
        .target(
            name: "SecureScanStore",
            dependencies: ["SecureScanCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        // Artifact formats.
        .target(
            name: "SecureScanReports",
            dependencies: [
                "SecureScanCore", "SecureScanXML", "CPangoCairo",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // The order of things: scan, normalize, fingerprint, policy, diff, store, render, gate.
        .target(
            name: "SecureScanPipeline",
            dependencies: [
                "SecureScanCore", "SecureScanScanners", "SecureScanStore", "SecureScanReports",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API and the artifact site. Scanners only for the registry (the dashboard lists scanners and
        // installs them) and ScanExecutor; scans themselves go through the pipeline.
        .target(
            name: "SecureScanServer",
            dependencies: [
                "SecureScanCore", "SecureScanScanners", "SecureScanStore", "SecureScanReports", "SecureScanPipeline",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: parsing and printing, no logic.
        .executableTarget(
            name: "securescan",
            dependencies: [
                "SecureScanCore", "SecureScanScanners", "SecureScanStore", "SecureScanReports", "SecureScanPipeline", "SecureScanServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "CGlibcMalloc", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: swiftSettings
        ),
        // The fuzz harness: every parser of untrusted bytes as a target. Built normally it lists targets, writes
        // seed corpora and replays inputs; `make fuzz` builds it with -sanitize=fuzzer,address -D FUZZING.
        .target(
            name: "SecureScanFuzz",
            dependencies: ["SecureScanCore", "SecureScanScanners", "SecureScanPipeline", "SecureScanXML"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "securescan-fuzz", dependencies: ["SecureScanFuzz"], swiftSettings: swiftSettings, linkerSettings: fuzzLinking),
        // glibc's malloc tuning (mallopt), for the command's memory use on Linux.
        .systemLibrary(name: "CGlibcMalloc", path: "Sources/CGlibcMalloc"),
        .target(name: "TestSupport", dependencies: ["SecureScanCore", "SecureScanStore"], swiftSettings: swiftSettings),

        .testTarget(
            name: "SecureScanCoreTests",
            dependencies: ["SecureScanCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecureScanScannersTests",
            dependencies: ["SecureScanScanners", "SecureScanCore", "SecureScanXML", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecureScanStoreTests",
            dependencies: ["SecureScanStore", "SecureScanCore", "TestSupport",
                           // Only to build the errors postgres-nio raises when a session ends under a statement.
                           .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecureScanReportsTests",
            dependencies: ["SecureScanReports", "SecureScanCore", "SecureScanXML", "TestSupport"],
            exclude: ["__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecureScanPipelineTests",
            dependencies: [
                "SecureScanPipeline", "SecureScanScanners", "SecureScanStore", "SecureScanReports",
                "SecureScanCore", "TestSupport", "SecureScanFuzz",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecureScanServerTests",
            dependencies: [
                "SecureScanServer", "SecureScanStore", "SecureScanCore", "SecureScanScanners", "SecureScanPipeline", "SecureScanReports",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["SecureScanCore", "SecureScanStore", "SecureScanReports", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
