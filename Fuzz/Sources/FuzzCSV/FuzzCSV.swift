import Cirkels
import FuzzSupport
import Geo

/// CSV: `CSVReader` (every field of every row as bytes, text and number), `CSVPointReader`
/// with lon/lat and with x/y columns, and the CSV locations file of `cirkel check
/// --locations` (LocationsFile.swift). The readers take a path: the input is written to one.

let path = Scratch.write([], to: "fuzz.csv")
/// The stored WGS84 → RD New operation, as an index gives it (no PROJ search per input).
let projection = try! ProjectionDefinition.current()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Scratch.write(UnsafeRawBufferPointer(start: data, count: size), to: "fuzz.csv")
    do {
        let csv = try CSVReader(path: path)
        var rows = 0
        try csv.forEachRow { row in
            for k in csv.columns.indices {
                _ = row.bytes(k)
                _ = row.string(k)
                _ = row.double(k)
                _ = row.isEmpty(k)
            }
            rows += 1
        }
        _ = csv.index(of: "lon")
    } catch {
        expectGeoError(error, naming: path)
    }
    for coordinates in [CSVPointReader.Coordinates.lonLat(lon: "lon", lat: "lat"), .rd(x: "x", y: "y")] {
        do {
            let table = try CSVPointReader(coordinates: coordinates, properties: [], optionalProperties: ["name", "type", "id"]).read(path: path)
            checkTable(table)
        } catch {
            expectGeoError(error, naming: path)
        }
    }
    do {
        _ = try LocationsFile.read(path: path, projection: projection)
    } catch let error as CirkelError {
        guard error.description.contains(path) else { finding("the error does not name \(path): \(error)") }
    } catch {
        finding("untyped error \(type(of: error)): \(error)")
    }
    return 0
}
