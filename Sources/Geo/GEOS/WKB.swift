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

/// A GEOS WKB reader kept for many geometries (creating one per geometry would cost more
/// than reading a point). Owns the reader and destroys it in `deinit`.
public final class WKBReader {
    public let context: GEOSContext
    private let reader: OpaquePointer

    public init(context: GEOSContext) throws {
        guard let reader = GEOSWKBReader_create_r(context.handle) else { throw context.error("GEOSWKBReader_create") }
        self.context = context
        self.reader = reader
    }

    deinit {
        GEOSWKBReader_destroy_r(context.handle, reader)
    }

    /// Reads one geometry from WKB (ISO or extended, either byte order).
    public func read(_ bytes: UnsafeRawBufferPointer) throws -> Geometry {
        let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        return try Geometry(owning: GEOSWKBReader_read_r(context.handle, reader, start, bytes.count), in: context, operation: "GEOSWKBReader_read")
    }
}
