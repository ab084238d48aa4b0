import CGeos

extension GEOSContext {
    /// The union of many polygons (GEOSUnaryUnion over a collection that takes them);
    /// `gridSize` as in `Geometry.intersection`. Returns an empty polygon for no input.
    public func union(of polygons: [Geometry], gridSize: Double? = nil) throws -> Geometry {
        if polygons.isEmpty { return try emptyPolygon() }
        let collection = try self.collection(GEOSTypeID.geometryCollection, taking: polygons)
        return try collection.unaryUnion(gridSize: gridSize)
    }
}

extension Geometry {
    /// The union of all parts of this geometry; NULL from GEOS means failure.
    public func unaryUnion(gridSize: Double? = nil) throws -> Geometry {
        let result = gridSize.map { GEOSUnaryUnionPrec_r(context.handle, handle, $0) } ?? GEOSUnaryUnion_r(context.handle, handle)
        return try Geometry(owning: result, in: context, operation: "GEOSUnaryUnion")
    }
}
