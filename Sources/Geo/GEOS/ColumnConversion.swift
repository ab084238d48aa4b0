import CGeos

extension Geometry {
    /// Appends this geometry to `column` as one feature of the same kind, coordinates as
    /// stored (rings keep their orientation; a third dimension is dropped). Returns nil, and
    /// appends nothing, for an empty geometry or a kind a column cannot hold (a
    /// GeometryCollection); `kind` then says which (nil for empty).
    public func appendFeature(to column: inout GeometryColumn) throws -> GeometryKind? {
        let ctx = context.handle
        guard GEOSisEmpty_r(ctx, handle) == 0 else { return nil }
        let kind: GeometryKind
        switch GEOSGeomTypeId_r(ctx, handle) {
        case GEOSTypeID.point: kind = .point
        case GEOSTypeID.lineString, GEOSTypeID.linearRing: kind = .lineString
        case GEOSTypeID.polygon: kind = .polygon
        case GEOSTypeID.multiPoint: kind = .multiPoint
        case GEOSTypeID.multiLineString: kind = .multiLineString
        case GEOSTypeID.multiPolygon: kind = .multiPolygon
        default:
            // GEOSGeomType_r returns a copy the caller frees with GEOSFree_r (NULL on exception).
            let name = GEOSGeomType_r(ctx, handle).map { text in
                defer { GEOSFree_r(ctx, text) }
                return String(cString: text)
            }
            throw GeoError.geos(operation: "reading a geometry", message: "a \(name ?? "geometry") is not a Point, LineString, Polygon or a Multi- of one of them")
        }
        switch kind {
        case .point, .lineString:
            try appendCoordinates(of: handle, to: &column)
            column.endPart()
        case .polygon:
            try appendRings(of: handle, to: &column)
            column.endPart()
        case .multiPoint, .multiLineString, .multiPolygon:
            let n = GEOSGetNumGeometries_r(ctx, handle)
            guard n >= 0 else { throw context.error("GEOSGetNumGeometries") }
            for k in 0..<n {
                // Children are borrowed from `self`, alive for the whole loop.
                guard let child = GEOSGetGeometryN_r(ctx, handle, k) else { throw context.error("GEOSGetGeometryN") }
                if GEOSisEmpty_r(ctx, child) == 1 { continue }
                if kind == .multiPolygon { try appendRings(of: child, to: &column) } else { try appendCoordinates(of: child, to: &column) }
                column.endPart()
            }
        }
        column.endFeature(kind: kind)
        return kind
    }

    /// The exterior ring and the holes of a polygon, each as a ring of the column.
    private func appendRings(of polygon: OpaquePointer, to column: inout GeometryColumn) throws {
        let ctx = context.handle
        guard let exterior = GEOSGetExteriorRing_r(ctx, polygon) else { throw context.error("GEOSGetExteriorRing") }
        try appendCoordinates(of: exterior, to: &column)
        let holes = GEOSGetNumInteriorRings_r(ctx, polygon)
        guard holes >= 0 else { throw context.error("GEOSGetNumInteriorRings") }
        for k in 0..<holes {
            guard let hole = GEOSGetInteriorRingN_r(ctx, polygon, k) else { throw context.error("GEOSGetInteriorRingN") }
            try appendCoordinates(of: hole, to: &column)
        }
    }

    /// Appends the coordinates of a point, line or ring (borrowed from `self`) as one ring of
    /// `column`, copied out in one call. With `counterClockwise`, a ring that turns the other
    /// way is appended reversed (GEOS 3.11 has no GEOSOrientPolygons; the orientation is read
    /// with GEOSCoordSeq_isCCW_r); without, as stored.
    func appendCoordinates(of geometry: OpaquePointer, counterClockwise wanted: Bool? = nil, to column: inout GeometryColumn) throws {
        let ctx = context.handle
        guard let sequence = GEOSGeom_getCoordSeq_r(ctx, geometry) else { throw context.error("GEOSGeom_getCoordSeq") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(ctx, sequence, &size) == 1 else { throw context.error("GEOSCoordSeq_getSize") }
        let n = Int(size)
        var reversed = false
        if let wanted {
            var isCCW: CChar = 0
            // GEOSCoordSeq_isCCW_r returns 0 on exception (fewer than 4 points).
            guard GEOSCoordSeq_isCCW_r(ctx, sequence, &isCCW) == 1 else { throw context.error("GEOSCoordSeq_isCCW") }
            reversed = (isCCW != 0) != wanted
        }
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, 2 * n)) { buffer in
            let xs = buffer.baseAddress!, ys = buffer.baseAddress! + n
            // GEOSCoordSeq_copyToArrays_r returns 0 on exception.
            guard GEOSCoordSeq_copyToArrays_r(ctx, sequence, xs, ys, nil, nil) == 1 else { throw context.error("GEOSCoordSeq_copyToArrays") }
            if reversed {
                for k in stride(from: n - 1, through: 0, by: -1) { column.appendCoordinate(xs[k], ys[k]) }
            } else {
                for k in 0..<n { column.appendCoordinate(xs[k], ys[k]) }
            }
        }
        column.endRing()
    }
}
