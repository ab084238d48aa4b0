import CGeos

/// Owns a GEOS prepared geometry, for many predicate tests against one geometry. Keeps the
/// geometry it was prepared from alive, as GEOS requires.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let pointer: OpaquePointer

    public init(_ geometry: Geometry) throws {
        guard let pointer = GEOSPrepare_r(geometry.context.handle, geometry.handle) else {
            throw geometry.context.error("GEOSPrepare")
        }
        self.geometry = geometry
        self.pointer = pointer
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.context.handle, pointer)
    }

    /// Whether the geometry covers (contains, boundary included) the point (x, y).
    public func covers(x: Double, y: Double) throws -> Bool {
        let context = geometry.context
        let point = try context.point(x: x, y: y)
        // GEOSPreparedCovers_r returns 1 true, 0 false, 2 on exception.
        switch GEOSPreparedCovers_r(context.handle, pointer, point.handle) {
        case 1: return true
        case 0: return false
        default: throw context.error("GEOSPreparedCovers")
        }
    }
}
