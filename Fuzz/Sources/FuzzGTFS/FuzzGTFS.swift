@testable import Cirkels
import FuzzSupport
import Geo

/// GTFS: a feed folder read by `GTFSStops.read(folder:)` and turned into haltes
/// (`GTFSHaltes.table`). The input is the feed's files separated by NUL bytes: stops.txt,
/// then routes.txt, trips.txt and stop_times.txt (those three only when all are given, as a
/// feed has all or none of them; two or three parts give a feed missing one, an error).

let folder = Scratch.folder
let names = ["stops.txt", "routes.txt", "trips.txt", "stop_times.txt"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGTFS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let parts = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    for (k, name) in names.enumerated() {
        if k < parts.count { Scratch.write(UnsafeRawBufferPointer(rebasing: parts[k]), to: name) } else { Scratch.remove(name) }
    }
    do {
        let stops = try GTFSStops.read(folder: folder)
        let n = stops.count
        guard [stops.names.count, stops.lons.count, stops.lats.count, stops.locationTypes.count, stops.parents.count, stops.routeTypes.count]
            .allSatisfy({ $0 == n }) else { finding("the stop columns differ in length") }
        for k in 0 ..< n where stops.locationTypes[k] <= 2 && !(stops.lons[k].isFinite && stops.lats[k].isFinite) {
            finding("stop \(k) of location_type \(stops.locationTypes[k]) has no finite coordinates")
        }
        checkTable(GTFSHaltes.table(stops, folder: folder))
    } catch {
        expectGeoError(error, naming: folder)
    }
    return 0
}
