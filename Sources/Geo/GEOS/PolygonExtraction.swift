import CGeos

extension Geometry {
    /// Appends the polygons of this geometry to `column` as one MultiPolygon feature, with
    /// exterior rings counter-clockwise and holes clockwise (RFC 7946). GEOS 3.11 has no
    /// GEOSOrientPolygons, so each ring's orientation is read with GEOSCoordSeq_isCCW_r and
    /// the ring reversed where needed. Lines and points that an overlay may return beside
    /// its polygons have no area and are left out. An empty geometry appends no feature and
    /// returns false.
    @discardableResult
    public func appendPolygons(to column: inout GeometryColumn) throws -> Bool {
        var polygons: [OpaquePointer] = []
        try collectPolygons(handle, into: &polygons)
        guard !polygons.isEmpty else { return false }
        let ctx = context.handle
        for polygon in polygons {
            // Children returned by GEOSGetExteriorRing_r/GEOSGetInteriorRingN_r are borrowed:
            // they belong to `self`, which is alive for the whole loop.
            guard let exterior = GEOSGetExteriorRing_r(ctx, polygon) else { throw context.error("GEOSGetExteriorRing") }
            try appendCoordinates(of: exterior, counterClockwise: true, to: &column)
            let holes = GEOSGetNumInteriorRings_r(ctx, polygon)
            guard holes >= 0 else { throw context.error("GEOSGetNumInteriorRings") }
            for k in 0..<holes {
                guard let hole = GEOSGetInteriorRingN_r(ctx, polygon, k) else { throw context.error("GEOSGetInteriorRingN") }
                try appendCoordinates(of: hole, counterClockwise: false, to: &column)
            }
            column.endPart()
        }
        column.endFeature(kind: .multiPolygon)
        return true
    }

    /// The polygons in `geometry` (itself, or its members, recursively), as handles borrowed
    /// from `self`: valid only while `self` is alive and unchanged.
    func collectPolygons(_ geometry: OpaquePointer, into polygons: inout [OpaquePointer]) throws {
        let ctx = context.handle
        if GEOSisEmpty_r(ctx, geometry) == 1 { return }
        switch GEOSGeomTypeId_r(ctx, geometry) {
        case GEOSTypeID.polygon:
            polygons.append(geometry)
        case GEOSTypeID.multiPolygon, GEOSTypeID.geometryCollection:
            let n = GEOSGetNumGeometries_r(ctx, geometry)
            guard n >= 0 else { throw context.error("GEOSGetNumGeometries") }
            for k in 0..<n {
                guard let child = GEOSGetGeometryN_r(ctx, geometry, k) else { throw context.error("GEOSGetGeometryN") }
                try collectPolygons(child, into: &polygons)
            }
        default:
            return // points and lines have no area
        }
    }
}
