// swift-tools-version:6.2
// The benchmarks of accord, in their own package so that their release build
// (its own .build/ here) never competes with the main package's build folder.
// Run: cd Benchmarks && swift build -c release && .build/release/accord-bench all
import PackageDescription

let package = Package(
    name: "accord-benchmarks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "accord-bench", targets: ["accord-bench"]),
    ],
    dependencies: [
        .package(name: "accord", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
    ],
    targets: [
        .executableTarget(
            name: "accord-bench",
            dependencies: [
                .product(name: "Store", package: "accord"),
                .product(name: "Project", package: "accord"),
                .product(name: "Agreement", package: "accord"),
                .product(name: "Sync", package: "accord"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)
