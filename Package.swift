// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "accord",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "accord", targets: ["CLI"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Agreement", targets: ["Agreement"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        .target(
            name: "Store",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Agreement"),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI"
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store"], resources: []),
        .testTarget(name: "AgreementTests", dependencies: ["Agreement"]),
        .testTarget(name: "CLITests", dependencies: ["Store"]),
    ]
)
