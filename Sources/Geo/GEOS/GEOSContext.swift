import CGeos

/// Owns one GEOS context handle (`GEOS_init_r` … `GEOS_finish_r`) and collects the messages
/// GEOS reports through it, so a failed call becomes a `GeoError.geos` with GEOS's own words.
///
/// A context is not thread-safe: use one per thread. Creating one is cheap. Geometries made
/// through a context keep it alive.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last error message GEOS reported on this context.
    fileprivate(set) var lastErrorMessage: String?

    public init() {
        // GEOS_init_r returns NULL only when out of memory; nothing can continue then.
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r failed: out of memory") }
        self.handle = handle
        // The handler receives an already formatted message and our userdata pointer. The
        // context outlives the handle's use, so an unretained reference is safe.
        let handler: GEOSMessageHandler_r = { message, userdata in
            guard let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastErrorMessage = message.map { String(cString: $0) } ?? "unknown GEOS error"
        }
        GEOSContext_setErrorMessageHandler_r(handle, handler, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// Forgets a message whose failure was handled without throwing.
    func clearError() {
        lastErrorMessage = nil
    }

    /// An error for a failed call, with the message GEOS reported (and clears it).
    func error(_ operation: String) -> GeoError {
        let message = lastErrorMessage ?? "no message from GEOS"
        lastErrorMessage = nil
        return .geos(operation: operation, message: message)
    }
}
