// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "crier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crier", targets: ["crier"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(
            url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // libcurl, as the system provides it (Debian: libcurl4-openssl-dev).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The Swift face of libcurl; knows nothing of alerts.
        .target(name: "Curl", dependencies: ["CCurl"]),
        // The domain: no dependencies of ours.
        .target(name: "CrierCore"),
        // The one strict YAML reader (crier.yml, schedules, template.yml) and its error type.
        .target(name: "CrierYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "CrierTemplates",
            dependencies: [
                "CrierCore",
                "CrierYAML",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "CrierStore",
            dependencies: [
                "CrierCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CrierDelivery",
            dependencies: [
                "CrierCore",
                "Curl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP face (Hummingbird 2): routes, pages and limits, over protocols Runtime implements.
        .target(
            name: "CrierHTTP",
            dependencies: [
                "CrierCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The partner API's OpenAPI document: its one copy, compiled into the binary.
            resources: [.embedInCode("API/openapi.json")]
        ),
        .target(
            name: "CrierRuntime",
            dependencies: [
                "CrierCore",
                "CrierHTTP",
                "CrierYAML",
                "CrierTemplates",
                "CrierStore",
                "CrierDelivery",
                "Curl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "crier",
            dependencies: [
                "CrierRuntime",
                "CrierCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Measures delivery throughput and memory against local sinks (bench/delivery.sh runs it).
        .executableTarget(
            name: "crier-bench",
            dependencies: [
                "CrierRuntime",
                "CrierCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Helpers every test target shares: starting the real loopback servers.
        .target(name: "CrierTestSupport", path: "Tests/CrierTestSupport"),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "CrierTestSupport"]),
        .testTarget(name: "CrierCoreTests", dependencies: ["CrierCore"]),
        .testTarget(name: "CrierYAMLTests", dependencies: ["CrierYAML"]),
        .testTarget(
            name: "CrierTemplatesTests",
            dependencies: ["CrierTemplates", "CrierCore", "CrierYAML"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CrierHTTPTests",
            dependencies: [
                "CrierHTTP", "CrierCore", "CrierTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CrierStoreTests", dependencies: ["CrierStore", "CrierCore"]),
        .testTarget(
            name: "CrierDeliveryTests",
            dependencies: ["CrierDelivery", "CrierCore", "Curl", "CrierTestSupport"]
        ),
        .testTarget(
            name: "CrierRuntimeTests",
            dependencies: [
                "CrierRuntime", "CrierCore", "CrierYAML", "CrierStore", "CrierTemplates", "CrierTestSupport",
                "CrierHTTP",
                "CrierStoreDoubles", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["CrierTestSupport", "CrierStore", "CrierCore"],
            exclude: ["Fixtures"]
        ),
        // In-memory implementations of the store roles, for unit tests and the conformance suite.
        .target(
            name: "CrierStoreDoubles", dependencies: ["CrierRuntime", "CrierCore"], path: "Tests/CrierStoreDoubles"),
        // One suite of store behaviour, run against every implementation of each role.
        .testTarget(
            name: "StoreConformanceTests",
            dependencies: ["CrierStoreDoubles", "CrierRuntime", "CrierStore", "CrierCore", "CrierTestSupport"]
        ),
    ]
)

// Strict compiler everywhere: explicit existentials, imports internal unless said otherwise, and a
// module's members usable only where that module is imported (as swift-log builds).
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
