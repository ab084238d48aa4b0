import Foundation
@testable import Geo
@_exported import TestSupport

/// Parses a GeoJSON document given as text.
func readGeoJSON(_ text: String, properties: Set<String> = [], source: String = "test.geojson") throws -> FeatureTable {
    try GeoJSONReader(properties: properties).parse(Data(text.utf8), source: source)
}

/// The `GeoError` that `body` throws, or nil when it throws nothing or something else.
func geoError(_ body: () throws -> Void) -> GeoError? {
    do {
        try body()
        return nil
    } catch let error as GeoError {
        return error
    } catch {
        return nil
    }
}

/// Twice the signed area of a closed ring (shoelace sum): positive when counter-clockwise.
func shoelace(_ xs: ArraySlice<Double>, _ ys: ArraySlice<Double>) -> Double {
    var sum = 0.0
    var i = xs.startIndex, j = ys.startIndex
    while i < xs.endIndex - 1 {
        sum += xs[i] * ys[j + 1] - xs[i + 1] * ys[j]
        i += 1
        j += 1
    }
    return sum
}

/// A fresh, empty temporary folder for one test.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = TestFolders.url("geotests-\(safe)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
