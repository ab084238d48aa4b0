import CGeos

extension GEOSContext {
    /// The union of many polygons (GEOSUnaryUnion over a collection that takes them).
    /// Returns an empty polygon for no input.
    public func union(of polygons: [Geometry]) throws -> Geometry {
        if polygons.isEmpty { return try emptyPolygon() }
        let collection = try self.collection(GEOSTypeID.geometryCollection, taking: polygons)
        return try collection.unaryUnion()
    }
}

extension Geometry {
    /// The union of all parts of this geometry; NULL from GEOS means failure.
    public func unaryUnion() throws -> Geometry {
        try Geometry(owning: GEOSUnaryUnion_r(context.handle, handle), in: context, operation: "GEOSUnaryUnion")
    }
}
