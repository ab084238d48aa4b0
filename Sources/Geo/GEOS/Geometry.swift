import CGeos

/// Owns one GEOS geometry handle and destroys it in `deinit`.
///
/// The geometry belongs to the context it was made in; keep both on one thread at a time.
/// Functions that hand a geometry to GEOS (`GEOSGeom_createCollection_r` takes its children)
/// call `releaseOwnership()` first, so that exactly one owner frees it.
public final class Geometry {
    public let context: GEOSContext
    private(set) var pointer: OpaquePointer?

    /// Takes ownership of a handle GEOS returned; throws when it is NULL (GEOS's convention
    /// for failure).
    init(owning pointer: OpaquePointer?, in context: GEOSContext, operation: String) throws {
        guard let pointer else { throw context.error(operation) }
        self.context = context
        self.pointer = pointer
    }

    deinit {
        if let pointer { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    /// The handle, for calls that only borrow it.
    var handle: OpaquePointer {
        guard let pointer else { preconditionFailure("geometry used after its ownership was given to GEOS") }
        return pointer
    }

    /// Gives up the handle to a GEOS call that takes ownership of it.
    func releaseOwnership() -> OpaquePointer {
        let handle = self.handle
        pointer = nil
        return handle
    }

    // MARK: Properties

    /// GEOS's type id: 0 point, 3 polygon, 6 multipolygon, 7 collection, … (GEOSGeomTypes).
    public var typeID: Int32 {
        GEOSGeomTypeId_r(context.handle, handle)
    }

    public var isEmpty: Bool {
        // GEOSisEmpty_r returns 1 for empty, 0 for not, 2 on exception (taken as not empty;
        // the message is dropped so it cannot be reported for a later failure).
        let result = GEOSisEmpty_r(context.handle, handle)
        if result == 2 { context.clearError() }
        return result == 1
    }

    public func area() throws -> Double {
        var value = 0.0
        // GEOSArea_r returns 0 on exception, 1 otherwise.
        guard GEOSArea_r(context.handle, handle, &value) == 1 else { throw context.error("GEOSArea") }
        return value
    }

    public func isValid() -> Bool {
        // GEOSisValid_r returns 1 valid, 0 invalid, 2 on exception (taken as invalid).
        let result = GEOSisValid_r(context.handle, handle)
        if result == 2 { context.clearError() }
        return result == 1
    }

    /// The bounding box: (minX, minY, maxX, maxY).
    public func envelope() throws -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        // Each getter returns 0 on exception (including an empty geometry).
        guard GEOSGeom_getXMin_r(context.handle, handle, &minX) == 1,
              GEOSGeom_getYMin_r(context.handle, handle, &minY) == 1,
              GEOSGeom_getXMax_r(context.handle, handle, &maxX) == 1,
              GEOSGeom_getYMax_r(context.handle, handle, &maxY) == 1
        else { throw context.error("GEOSGeom_getXMin") }
        return (minX, minY, maxX, maxY)
    }

    /// The coordinates of a Point.
    public func pointCoordinates() throws -> (x: Double, y: Double) {
        var x = 0.0, y = 0.0
        // GEOSGeomGetX_r returns 0 on exception (not a point, or empty).
        guard GEOSGeomGetX_r(context.handle, handle, &x) == 1, GEOSGeomGetY_r(context.handle, handle, &y) == 1 else {
            throw context.error("GEOSGeomGetX")
        }
        return (x, y)
    }

    /// Well-known text, for messages and tests.
    public func wkt(decimals: Int32 = 3) -> String {
        guard let writer = GEOSWKTWriter_create_r(context.handle) else { return "<no WKT writer>" }
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, decimals)
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        guard let text = GEOSWKTWriter_write_r(context.handle, writer, handle) else { return "<WKT failed>" }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }
}

/// GEOS geometry type ids (GEOSGeomTypes in geos_c.h).
public enum GEOSTypeID {
    public static let point: Int32 = 0
    public static let lineString: Int32 = 1
    public static let linearRing: Int32 = 2
    public static let polygon: Int32 = 3
    public static let multiPoint: Int32 = 4
    public static let multiLineString: Int32 = 5
    public static let multiPolygon: Int32 = 6
    public static let geometryCollection: Int32 = 7
}

extension Geometry {
    /// A deep copy (GEOSGeom_clone_r), owned separately.
    public func clone() throws -> Geometry {
        try Geometry(owning: GEOSGeom_clone_r(context.handle, handle), in: context, operation: "GEOSGeom_clone")
    }
}
