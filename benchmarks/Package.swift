// swift-tools-version:6.1
// cirkel's per-stage benchmarks (ordo-one/package-benchmark), a package of their own so that
// `swift test` in the project does not build them. Run from this folder:
//   CIRKEL_BENCH_DATA=/tmp/cirkel-smoke-100k swift package --disable-sandbox benchmark
// (see README.md).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so cirkel's package identity is whatever
// the clone's folder is called (main, cirkel, …): read it from where this manifest lies.
let cirkel = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "cirkel-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Stages",
            dependencies: [
                .product(name: "Cirkels", package: cirkel),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Stages",
            swiftSettings: [.swiftLanguageMode(.v5)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
