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
        var borrowed: [OpaquePointer] = []
        try collectPolygons(handle, into: &borrowed)
        // Copies, owned by their own wrappers (the borrowed handles belong to `self`).
        var polygons = try borrowed.map {
            try Geometry(owning: GEOSGeom_clone_r(context.handle, $0), in: context, operation: "GEOSGeom_clone")
        }
        if minimumArea > 0 { polygons = try polygons.filter { try $0.area() >= minimumArea } }
        if polygons.isEmpty { return try context.emptyPolygon() }
        if polygons.count == 1 { return polygons[0] }
        return try context.collection(GEOSTypeID.multiPolygon, taking: polygons)
    }
}
