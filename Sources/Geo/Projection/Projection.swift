import CProj

/// A PROJ transformation between two coordinate reference systems, applied to whole arrays.
///
/// Owns one PROJ context and one transformation object and destroys both in `deinit`. A PROJ
/// context must not be shared between threads: create one `Projection` per thread (about
/// 20 ms each), then transform millions of points per call.
public final class Projection {
    public let source: CoordinateReferenceSystem
    public let target: CoordinateReferenceSystem
    private let context: OpaquePointer
    private let transformation: OpaquePointer

    public init(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws {
        self.source = source
        self.target = target
        // proj_context_create returns NULL only when out of memory.
        guard let context = proj_context_create() else {
            throw GeoError.proj(operation: "proj_context_create", message: "could not create a PROJ context")
        }
        // Keep PROJ from printing its own messages to stderr; errors are read with proj_context_errno.
        proj_log_level(context, PJ_LOG_NONE)
        // proj_create_crs_to_crs returns NULL on failure (unknown CRS, missing proj.db).
        guard let raw = proj_create_crs_to_crs(context, source.epsg, target.epsg, nil) else {
            let message = Self.lastError(context)
            proj_context_destroy(context)
            throw GeoError.proj(operation: "proj_create_crs_to_crs(\(source.epsg) → \(target.epsg))", message: message)
        }
        // EPSG:4326 is latitude-first; normalising gives longitude, latitude as GeoJSON has it.
        guard let normalised = proj_normalize_for_visualization(context, raw) else {
            let message = Self.lastError(context)
            proj_destroy(raw)
            proj_context_destroy(context)
            throw GeoError.proj(operation: "proj_normalize_for_visualization", message: message)
        }
        proj_destroy(raw)
        self.context = context
        self.transformation = normalised
    }

    /// A transformation from a PROJ pipeline definition (as `definition(at:)` gives): no
    /// search of PROJ's database, so it takes well under a millisecond instead of about
    /// 20 ms. `source` and `target` name the systems the definition converts between.
    public init(definition: String, from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws {
        self.source = source
        self.target = target
        guard let context = proj_context_create() else {
            throw GeoError.proj(operation: "proj_context_create", message: "could not create a PROJ context")
        }
        proj_log_level(context, PJ_LOG_NONE)
        guard let transformation = proj_create(context, definition) else {
            let message = Self.lastError(context)
            proj_context_destroy(context)
            throw GeoError.proj(operation: "proj_create(\(definition))", message: message)
        }
        self.context = context
        self.transformation = transformation
    }

    /// The PROJ pipeline of the operation this transformation uses at (x, y) (in the source
    /// system). `proj_create_crs_to_crs` chooses among candidate operations per point, by
    /// their areas of use; where one operation covers a whole region (as for WGS84 → RD New
    /// over the Netherlands), its pipeline reproduces the transformation there exactly, and
    /// `init(definition:from:to:)` creates it without the database search.
    public func definition(at x: Double, _ y: Double) throws -> String {
        var px = x, py = y
        try transform(xs: &px, ys: &py, count: 1)
        guard let used = proj_trans_get_last_used_operation(transformation) else {
            throw GeoError.proj(operation: "proj_trans_get_last_used_operation", message: Self.lastError(context))
        }
        defer { proj_destroy(used) }
        guard let text = proj_as_proj_string(context, used, PJ_PROJ_5, nil) else {
            throw GeoError.proj(operation: "proj_as_proj_string", message: Self.lastError(context))
        }
        return String(cString: text)
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    private static func lastError(_ context: OpaquePointer) -> String {
        let code = proj_context_errno(context)
        guard code != 0, let text = proj_context_errno_string(context, code) else { return "unknown PROJ error" }
        return String(cString: text)
    }

    /// Transforms `xs[range]`, `ys[range]` in place. Points PROJ cannot transform become
    /// infinite (HUGE_VAL), which the caller's domain check then reports.
    public func transform(xs: inout [Double], ys: inout [Double], range: Range<Int>? = nil) throws {
        precondition(xs.count == ys.count, "xs and ys must have the same length")
        let range = range ?? 0..<xs.count
        guard !range.isEmpty else { return }
        try xs.withUnsafeMutableBufferPointer { xBuffer in
            try ys.withUnsafeMutableBufferPointer { yBuffer in
                try transform(xs: xBuffer.baseAddress! + range.lowerBound, ys: yBuffer.baseAddress! + range.lowerBound, count: range.count)
            }
        }
    }

    /// Transforms `count` points at the given pointers in place.
    public func transform(xs: UnsafeMutablePointer<Double>, ys: UnsafeMutablePointer<Double>, count: Int) throws {
        let stride = MemoryLayout<Double>.stride
        // proj_trans_generic returns the number of points transformed; failed points are set
        // to HUGE_VAL and the context's errno is set.
        let done = proj_trans_generic(transformation, PJ_FWD,
                                      xs, stride, count,
                                      ys, stride, count,
                                      nil, 0, 0,
                                      nil, 0, 0)
        if done != count {
            throw GeoError.proj(operation: "proj_trans_generic", message: "transformed \(done) of \(count) points: \(Self.lastError(context))")
        }
        proj_errno_reset(transformation)
    }
}
