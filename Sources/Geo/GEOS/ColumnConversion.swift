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
        default: throw GeoError.geos(operation: "reading a geometry", message: "a \(GEOSGeomType_r(ctx, handle).map { String(cString: $0) } ?? "geometry") is not a Point, LineString, Polygon or a Multi- of one of them")
        }
        switch kind {
        case .point, .lineString:
            try appendSequence(of: handle, to: &column)
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
                if kind == .multiPolygon { try appendRings(of: child, to: &column) } else { try appendSequence(of: child, to: &column) }
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
        try appendSequence(of: exterior, to: &column)
        let holes = GEOSGetNumInteriorRings_r(ctx, polygon)
        guard holes >= 0 else { throw context.error("GEOSGetNumInteriorRings") }
        for k in 0..<holes {
            guard let hole = GEOSGetInteriorRingN_r(ctx, polygon, k) else { throw context.error("GEOSGetInteriorRingN") }
            try appendSequence(of: hole, to: &column)
        }
    }

    /// The coordinates of a point, line or ring, as one ring of the column.
    private func appendSequence(of geometry: OpaquePointer, to column: inout GeometryColumn) throws {
        let ctx = context.handle
        guard let sequence = GEOSGeom_getCoordSeq_r(ctx, geometry) else { throw context.error("GEOSGeom_getCoordSeq") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(ctx, sequence, &size) == 1 else { throw context.error("GEOSCoordSeq_getSize") }
        for k in 0..<size {
            var x = 0.0, y = 0.0
            guard GEOSCoordSeq_getXY_r(ctx, sequence, k, &x, &y) == 1 else { throw context.error("GEOSCoordSeq_getXY") }
            column.appendCoordinate(x, y)
        }
        column.endRing()
    }
}
