import Foundation

/// A new file written front to back with `write(2)`, straight from the caller's bytes (no
/// copy into `Data`, no second buffer), so that a large output can be written in pieces as
/// they are made. Owns the file descriptor and closes it in `deinit`; `close()` reports what
/// closing a written file can report (a full disk, for instance).
public final class OutputFile {
    public let path: String
    /// The path named in errors (the file's final place, when it is written elsewhere first).
    public let reportedPath: String
    private var descriptor: Int32
    public private(set) var byteCount = 0

    /// Creates (or truncates) `path`.
    public init(path: String, reportedPath: String? = nil) throws {
        self.path = path
        self.reportedPath = reportedPath ?? path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw GeoError.io(path: self.reportedPath, reason: "cannot create (\(String(cString: strerror(errno))))")
        }
    }

    deinit {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
    }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(descriptor >= 0, "write after close")
        var offset = 0
        while offset < bytes.count {
            // write(2) may write less than asked (and is interrupted by signals): go on.
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw GeoError.io(path: reportedPath, reason: "cannot write (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
        byteCount += bytes.count
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ buffer: ByteBuffer) throws {
        try write(buffer.bytes)
    }

    /// Closes the file; errors that only show when closing are thrown here.
    public func close() throws {
        guard descriptor >= 0 else { return }
        let result = Foundation.close(descriptor)
        descriptor = -1
        if result != 0 {
            throw GeoError.io(path: reportedPath, reason: "cannot finish writing (\(String(cString: strerror(errno))))")
        }
    }
}
