@testable import Geo
import FuzzSupport

/// WKB and the GeoPackage geometry blob, decoded as `GeoPackageReader.readPiece` decodes a
/// feature's blob: the header (GeoPackageGeometry.swift), a 2D point directly (WKBPoint.swift)
/// or else GEOS's WKB reader (WKB.swift) and `appendFeature`. The input is read twice: as a
/// blob, and as bare WKB. Where the direct point decoding answers, GEOS must read the same
/// point.

let source = "fuzz.wkb"
let context = GEOSContext()
let reader = try! WKBReader(context: context)

/// Reads WKB as the GeoPackage reader does; a thrown error must be a GeoError.
func decode(_ wkb: UnsafeRawBufferPointer) {
    var column = GeometryColumn()
    if let (x, y) = WKBPoint.coordinates(wkb) {
        column.appendPoint(x, y)
        // The direct decoding must agree with GEOS's reader (bit for bit, NaN included).
        let geometry: Geometry
        do { geometry = try reader.read(wkb) } catch { finding("GEOS cannot read the 2D point decoded directly (\(x), \(y)): \(error)") }
        var viaGEOS = GeometryColumn()
        let kind: GeometryKind?
        do { kind = try geometry.appendFeature(to: &viaGEOS) } catch { finding("GEOS's point is not appendable: \(error)") }
        if x.isNaN && y.isNaN {
            guard kind == nil else { finding("the empty point (NaN, NaN) is not empty to GEOS") }
        } else {
            guard kind == .point, viaGEOS.xs.count == 1,
                  viaGEOS.xs[0].bitPattern == x.bitPattern || (viaGEOS.xs[0].isNaN && x.isNaN),
                  viaGEOS.ys[0].bitPattern == y.bitPattern || (viaGEOS.ys[0].isNaN && y.isNaN) else {
                finding("the point decoded directly (\(x), \(y)) differs from GEOS's \(viaGEOS.xs) \(viaGEOS.ys)")
            }
        }
    } else {
        do {
            let geometry = try reader.read(wkb)
            _ = try geometry.appendFeature(to: &column)
        } catch {
            expectGeoError(error, naming: source, allowGEOS: true)
            return
        }
    }
    checkColumn(column, finite: false, closedRings: false, source: source)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWKB(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let blob = UnsafeRawBufferPointer(start: data, count: size)
    decode(blob)
    do {
        let header = try GeoPackageGeometryHeader(blob)
        guard header.wkbOffset <= blob.count else { finding("the WKB starts at \(header.wkbOffset), after the blob's \(blob.count) bytes") }
        if !header.isEmpty { decode(UnsafeRawBufferPointer(rebasing: blob[header.wkbOffset...])) }
    } catch {
        guard !error.reason.isEmpty else { finding("a header problem without a reason") }
    }
    return 0
}
