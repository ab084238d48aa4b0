import Cirkels
import FuzzSupport
import Geo

/// Prepared index files (`.cirkelindex`, PreparedIndex.swift): the input, with its checksums
/// set to match (`fixArchiveChecksums`, so that the content is what varies), is loaded as
/// `cirkel check --index` loads it, its integrity checked, its whole state read (every
/// content check of `state()`), and its buurten looked up at a point of each.
///
/// Not done: queries through the search structures (`LocationChecker.check`). Their
/// contents are trusted as far as the checksums vouch (GridIndex.swift, KDTree.swift): a
/// forged index with matching checksums and an index out of range stops the process by
/// design (`Column`'s precondition), which this target would find at once and forever.

let path = Scratch.write([], to: "fuzz.cirkelindex")
let context = GEOSContext()

func expectCirkelError(_ error: Error) {
    guard let error = error as? CirkelError else { finding("untyped error \(type(of: error)): \(error)") }
    switch error {
    case let .geo(inner): expectGeoError(inner, naming: path, allowGEOS: true)
    case let .invalidProfile(source, _): guard source.contains(path) else { finding("the error does not name \(path): \(error)") }
    default: finding("an unexpected kind of error: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fixArchiveChecksums(&bytes)
    Scratch.write(bytes, to: "fuzz.cirkelindex")
    do {
        let prepared = try PreparedIndex.load(path: path, parallelism: Parallelism(workers: 1))
        try prepared.checkIntegrity()
        let state = try prepared.state()
        guard state.data.buildings.count == prepared.buildingCount else {
            finding("the state has \(state.data.buildings.count) buildings, the index \(prepared.buildingCount)")
        }
        let g = prepared.buurten.geometries
        for k in 0 ..< min(prepared.buurten.count, 8) {
            let c = g.coordinateRange(of: k)
            guard !c.isEmpty else { continue }
            do {
                _ = try prepared.buurtLookup.buurt(at: g.xs[c.lowerBound], g.ys[c.lowerBound], context: context)
            } catch {
                expectCirkelError(error)
            }
        }
    } catch {
        expectCirkelError(error)
    }
    return 0
}
