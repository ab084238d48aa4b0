import CGeos

extension Geometry {
    /// Only the polygons of this geometry, as a Polygon or MultiPolygon. Overlays of areas
    /// can return lines or points where inputs touch (GEOS's non-strict mode); those have no
    /// area, and a later overlay would refuse the mixed-dimension collection. Polygons with
    /// an area below `minimumArea` are left out too.
    public func polygonalPart(minimumArea: Double = 0) throws -> Geometry {
        let type = typeID
        if minimumArea <= 0, type == GEOSTypeID.polygon || type == GEOSTypeID.multiPolygon { return self }
        guard type == GEOSTypeID.polygon || type == GEOSTypeID.multiPolygon || type == GEOSTypeID.geometryCollection else {
            return try context.emptyPolygon()
        }
        var polygons: [Geometry] = []
        try collectPolygonCopies(handle, into: &polygons)
        if minimumArea > 0 { polygons = try polygons.filter { try $0.area() >= minimumArea } }
        if polygons.isEmpty { return try context.emptyPolygon() }
        if polygons.count == 1 { return polygons[0] }
        return try context.collection(GEOSTypeID.multiPolygon, taking: polygons)
    }

    private func collectPolygonCopies(_ geometry: OpaquePointer, into polygons: inout [Geometry]) throws {
        let ctx = context.handle
        switch GEOSGeomTypeId_r(ctx, geometry) {
        case GEOSTypeID.polygon:
            // Children are borrowed from `self`; the copy is owned by the new wrapper.
            polygons.append(try Geometry(owning: GEOSGeom_clone_r(ctx, geometry), in: context, operation: "GEOSGeom_clone"))
        case GEOSTypeID.multiPolygon, GEOSTypeID.geometryCollection:
            let n = GEOSGetNumGeometries_r(ctx, geometry)
            guard n >= 0 else { throw context.error("GEOSGetNumGeometries") }
            for k in 0..<n {
                guard let child = GEOSGetGeometryN_r(ctx, geometry, k) else { throw context.error("GEOSGetGeometryN") }
                try collectPolygonCopies(child, into: &polygons)
            }
        default:
            return
        }
    }
}
