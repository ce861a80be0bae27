// swift-tools-version:6.2
// libFuzzer targets for accord's parsers of untrusted bytes, in their own
// package so that the sanitizer build (its own .build/ here) never touches the
// main package's build or CI. Linux only: run scripts/fuzz.sh [SECONDS].
import PackageDescription

/// libFuzzer supplies `main`; each target only exports LLVMFuzzerTestOneInput.
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "accord-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "accord", path: ".."),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "fuzz-event",
            dependencies: [.product(name: "Store", package: "accord")],
            swiftSettings: fuzzSettings
        ),
        // The sync protocol's files (`Sources/Sync/Protocol`, a symlink), built
        // here on their own: they need only Store and Crypto, while the `Sync`
        // library would bring NIO, Hummingbird and AsyncHTTPClient into every
        // sanitizer build.
        .target(
            name: "SyncProtocol",
            dependencies: [.product(name: "Store", package: "accord"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "fuzz-sync",
            dependencies: ["SyncProtocol", .product(name: "Store", package: "accord")],
            swiftSettings: fuzzSettings
        ),
        .executableTarget(
            name: "fuzz-csv",
            dependencies: [.product(name: "Project", package: "accord")],
            swiftSettings: fuzzSettings
        ),
        .executableTarget(
            name: "fuzz-qdc",
            dependencies: [.product(name: "Interop", package: "accord")],
            swiftSettings: fuzzSettings
        ),
    ]
)
