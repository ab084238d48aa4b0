import FuzzSupport
import Geo

/// GeoJSON: the byte scanner and the reader (one worker), on the input as a document. A
/// table read must be sound (`checkTable`) and every feature must become a GEOS geometry
/// or fail with a typed error.

let source = "fuzz.geojson"
/// The properties the analysis reads from buildings, voorzieningen, haltes and buurten.
let properties: Set<String> = ["id", "units", "nultreden", "type", "name", "code", "mode", "stop_id"]
let context = GEOSContext()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    do {
        let table = try GeoJSONReader(properties: properties).parse(UnsafeBufferPointer(start: data, count: size), source: source)
        checkTable(table)
        for f in 0 ..< min(table.count, 32) {
            do { _ = try context.geometry(feature: f, of: table.geometries) } catch { expectGeoError(error, naming: source, allowGEOS: true) }
        }
    } catch {
        expectGeoError(error, naming: source)
    }
    return 0
}
