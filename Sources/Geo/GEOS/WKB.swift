import CGeos

extension Geometry {
    /// Well-known binary (for copying a geometry, and for other formats' readers).
    public func wkb() throws -> [UInt8] {
        guard let writer = GEOSWKBWriter_create_r(context.handle) else { throw context.error("GEOSWKBWriter_create") }
        defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(context.handle, writer, handle, &size) else { throw context.error("GEOSWKBWriter_write") }
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}

extension GEOSContext {
    /// Reads well-known binary.
    public func geometry(wkb: [UInt8]) throws -> Geometry {
        guard let reader = GEOSWKBReader_create_r(handle) else { throw error("GEOSWKBReader_create") }
        defer { GEOSWKBReader_destroy_r(handle, reader) }
        return try Geometry(owning: GEOSWKBReader_read_r(handle, reader, wkb, wkb.count), in: self, operation: "GEOSWKBReader_read")
    }
}
