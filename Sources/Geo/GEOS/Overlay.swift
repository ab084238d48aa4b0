import CGeos

/// Overlay operations. With a `gridSize` (metres in a projected CRS), GEOS's OverlayNG
/// snaps every result vertex to that grid (GEOS*Prec_r, GEOS ≥ 3.9): the result is robust
/// and free of the floating-point slivers a full-precision difference can leave along
/// shared edges. Without it, full floating precision.
extension Geometry {
    /// The part of this geometry inside `other` (both in the same context).
    public func intersection(_ other: Geometry, gridSize: Double? = nil) throws -> Geometry {
        let result = gridSize.map { GEOSIntersectionPrec_r(context.handle, handle, other.handle, $0) }
            ?? GEOSIntersection_r(context.handle, handle, other.handle)
        return try Geometry(owning: result, in: context, operation: "GEOSIntersection")
    }

    /// The part of this geometry outside `other`.
    public func difference(_ other: Geometry, gridSize: Double? = nil) throws -> Geometry {
        let result = gridSize.map { GEOSDifferencePrec_r(context.handle, handle, other.handle, $0) }
            ?? GEOSDifference_r(context.handle, handle, other.handle)
        return try Geometry(owning: result, in: context, operation: "GEOSDifference")
    }

    /// Whether the bounding boxes of the two geometries overlap (a cheap pre-test).
    public func envelopeIntersects(_ other: Geometry) throws -> Bool {
        let a = try envelope(), b = try other.envelope()
        return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
    }
}
