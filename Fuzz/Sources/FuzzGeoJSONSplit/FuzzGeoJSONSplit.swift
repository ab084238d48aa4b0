@testable import Geo
import FuzzSupport

/// GeoJSON in parallel pieces (FeatureSplitting.swift): the input is parsed by one worker
/// and by 2–4 workers with the split threshold at 0, so that a small document is cut into
/// pieces as a large one is. The two must give the same table, or the same error.

let source = "fuzz.geojson"
let properties: Set<String> = ["id", "units", "name", "type"]

func describe(_ result: Result<FeatureTable, Error>) -> String {
    switch result {
    case let .success(table): return "\(table.count) features"
    case let .failure(error): return "\(error)"
    }
}

func same(_ a: FeatureTable, _ b: FeatureTable) -> Bool {
    let g = a.geometries, h = b.geometries
    return a.count == b.count && g.kinds == h.kinds && g.xs == h.xs && g.ys == h.ys && g.partStart == h.partStart
        && g.ringStart == h.ringStart && g.coordinateStart == h.coordinateStart && a.featureIDs == b.featureIDs
        && a.properties == b.properties && a.crs == b.crs
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSONSplit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let one = Result { try GeoJSONReader(properties: properties).parse(bytes, source: source) }
    var split = GeoJSONReader(properties: properties, parallelism: Parallelism(workers: 2 + size % 3))
    split.splitThreshold = 0
    let many = Result { try split.parse(bytes, source: source) }
    switch (one, many) {
    case let (.success(a), .success(b)):
        guard same(a, b) else { finding("\(split.parallelism.workers) workers read another table than one: \(a.count) vs \(b.count) features") }
        checkTable(b)
    case let (.failure(a), .failure(b)):
        guard let a = a as? GeoError, let b = b as? GeoError, a == b else {
            finding("\(split.parallelism.workers) workers fail otherwise than one: \(b) vs \(a)")
        }
        expectGeoError(a, naming: source)
    default:
        finding("one worker: \(describe(one)); \(split.parallelism.workers) workers: \(describe(many))")
    }
    return 0
}
