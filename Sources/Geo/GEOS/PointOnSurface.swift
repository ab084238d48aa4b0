import CGeos

extension Geometry {
    /// A point guaranteed to lie in the interior of a polygonal geometry (GEOSPointOnSurface).
    public func pointOnSurface() throws -> (x: Double, y: Double) {
        let point = try Geometry(owning: GEOSPointOnSurface_r(context.handle, handle), in: context, operation: "GEOSPointOnSurface")
        return try point.pointCoordinates()
    }
}
