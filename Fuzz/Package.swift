// swift-tools-version:6.0
// cirkel's fuzz targets: one libFuzzer executable per reader, a package of its own so that
// `swift build` and `swift test` in the project never build them. Build and run them with
// scripts/fuzz.sh (see README.md here); the build needs `--sanitize=fuzzer`, which links
// libFuzzer's main, so a target has no top-level code (-parse-as-library).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so cirkel's package identity is whatever
// the clone's folder is called (main, cirkel, …): read it from where this manifest lies.
let cirkel = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let readers: [(target: String, modules: [String])] = [
    ("FuzzGeoJSON", ["Geo"]),
    ("FuzzGeoJSONSplit", ["Geo"]),
    ("FuzzWKB", ["Geo"]),
    ("FuzzGeoPackage", ["Geo"]),
    ("FuzzCSV", ["Geo", "Cirkels"]),
    ("FuzzGTFS", ["Geo", "Cirkels"]),
    ("FuzzProfile", ["Cirkels"]),
    ("FuzzManifest", ["Cirkels"]),
    ("FuzzArchive", ["Geo"]),
    ("FuzzIndex", ["Geo", "Cirkels"]),
]

let package = Package(
    name: "cirkel-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // Writing inputs to files, the checksum fix-up of archives, the checks every target shares.
        .target(name: "FuzzSupport", dependencies: [.product(name: "Geo", package: cirkel)]),
    ] + readers.map { reader in
        .executableTarget(
            name: reader.target,
            dependencies: ["FuzzSupport"] + reader.modules.map { .product(name: $0, package: cirkel) },
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    },
    swiftLanguageModes: [.v5]
)
