import CGeos

extension GEOSContext {
    /// A point.
    public func point(x: Double, y: Double) throws -> Geometry {
        try Geometry(owning: GEOSGeom_createPointFromXY_r(handle, x, y), in: self, operation: "GEOSGeom_createPointFromXY")
    }

    /// A coordinate sequence copied from two arrays (GEOS ≥ 3.10); NULL on failure.
    func coordinateSequence(xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count: Int) throws -> OpaquePointer {
        guard let sequence = GEOSCoordSeq_copyFromArrays_r(handle, xs, ys, nil, nil, UInt32(count)) else {
            throw error("GEOSCoordSeq_copyFromArrays")
        }
        return sequence
    }

    /// A linear ring from coordinates (first equals last).
    func linearRing(xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count: Int) throws -> Geometry {
        let sequence = try coordinateSequence(xs: xs, ys: ys, count: count)
        // GEOSGeom_createLinearRing_r takes ownership of the sequence, also on failure.
        return try Geometry(owning: GEOSGeom_createLinearRing_r(handle, sequence), in: self, operation: "GEOSGeom_createLinearRing")
    }

    /// A polygon from an exterior ring and holes, each given as a range of `xs`/`ys`.
    public func polygon(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>, rings: [Range<Int>]) throws -> Geometry {
        precondition(!rings.isEmpty, "a polygon needs an exterior ring")
        let built = try rings.map { ring in
            try linearRing(xs: xs.baseAddress! + ring.lowerBound, ys: ys.baseAddress! + ring.lowerBound, count: ring.count)
        }
        var holes = built.dropFirst().map { $0.releaseOwnership() as OpaquePointer? }
        let shell = built[0].releaseOwnership()
        // GEOSGeom_createPolygon_r takes ownership of the shell and holes (not of the array).
        let polygon = holes.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, UInt32(buffer.count))
        }
        return try Geometry(owning: polygon, in: self, operation: "GEOSGeom_createPolygon")
    }

    /// A collection (GEOSTypeID.multiPolygon, .geometryCollection, …) that takes ownership of
    /// its members: they must not be used afterwards.
    public func collection(_ type: Int32, taking members: [Geometry]) throws -> Geometry {
        var handles = members.map { $0.releaseOwnership() as OpaquePointer? }
        let collection = handles.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(handle, type, buffer.baseAddress, UInt32(buffer.count))
        }
        return try Geometry(owning: collection, in: self, operation: "GEOSGeom_createCollection")
    }

    /// An empty polygon.
    public func emptyPolygon() throws -> Geometry {
        try Geometry(owning: GEOSGeom_createEmptyPolygon_r(handle), in: self, operation: "GEOSGeom_createEmptyPolygon")
    }

    /// Reads well-known text (for tests and debugging).
    public func geometry(wkt: String) throws -> Geometry {
        guard let reader = GEOSWKTReader_create_r(handle) else { throw error("GEOSWKTReader_create") }
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        return try Geometry(owning: GEOSWKTReader_read_r(handle, reader, wkt), in: self, operation: "GEOSWKTReader_read")
    }

    /// A geometry from one feature of a `GeometryColumn` (polygonal or point features).
    public func geometry(feature: Int, of column: GeometryColumn) throws -> Geometry {
        try column.xs.withUnsafeBufferPointer { xs in
            try column.ys.withUnsafeBufferPointer { ys in
                let kind = column.kinds[feature]
                switch kind {
                case .point:
                    let c = column.coordinateRange(of: feature).lowerBound
                    return try point(x: xs[c], y: ys[c])
                case .polygon, .multiPolygon:
                    let polygons = try column.parts(of: feature).map { part in
                        try polygon(xs: xs, ys: ys, rings: column.rings(of: part).map { column.coordinates(of: $0) })
                    }
                    if kind == .polygon { return polygons[0] }
                    return try collection(GEOSTypeID.multiPolygon, taking: polygons)
                default:
                    throw GeoError.geos(operation: "geometry(feature:)", message: "\(kind.geoJSONName) is not supported here")
                }
            }
        }
    }
}
