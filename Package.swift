// swift-tools-version:6.0
// cirkel: a geospatial analysis engine for woonzorgcirkels.
// Layers: CGeos/CProj/CSQLite (system C libraries) → Geo (domain-free geometry) → Cirkels (the
// analysis of ../shared/SPEC.md) → cirkel-cli (the `cirkel` command).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    // GEOS's C API exposes the non-reentrant functions unless this is set; we only use *_r.
    .define("GEOS_USE_ONLY_R_API"),
]

let package = Package(
    name: "cirkel",
    products: [
        .executable(name: "cirkel", targets: ["cirkel-cli"]),
        .library(name: "Cirkels", targets: ["Cirkels"]),
        .library(name: "Geo", targets: ["Geo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGeos",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CProj",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev", "proj-data"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Geo",
            dependencies: ["CGeos", "CProj", "CSQLite"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Cirkels",
            dependencies: ["Geo", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cirkel-cli",
            dependencies: ["Cirkels", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets (not a product).
        .target(name: "TestSupport", dependencies: ["CSQLite"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoTests", dependencies: ["Geo", "CGeos", "CSQLite", "TestSupport"]),
        .testTarget(name: "CirkelsTests", dependencies: ["Cirkels", "Geo", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["cirkel-cli", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
