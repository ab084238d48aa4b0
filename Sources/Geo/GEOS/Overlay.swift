import CGeos

/// Overlay operations, in full floating precision: GEOS's OverlayNG falls back to snapping
/// by itself where floating-point noding fails. (Snapping every result to a grid with the
/// *Prec_r variants was tried for the vlekkenkaart and cost three times as much for the same
/// areas.)
extension Geometry {
    /// The part of this geometry inside `other` (both in the same context).
    public func intersection(_ other: Geometry) throws -> Geometry {
        try Geometry(owning: GEOSIntersection_r(context.handle, handle, other.handle), in: context, operation: "GEOSIntersection")
    }

    /// The part of this geometry outside `other`.
    public func difference(_ other: Geometry) throws -> Geometry {
        try Geometry(owning: GEOSDifference_r(context.handle, handle, other.handle), in: context, operation: "GEOSDifference")
    }

    /// Whether the bounding boxes of the two geometries overlap (a cheap pre-test).
    public func envelopeIntersects(_ other: Geometry) throws -> Bool {
        let a = try envelope(), b = try other.envelope()
        return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
    }
}
