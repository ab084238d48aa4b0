#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only bytes (an archive, a GeoJSON file being parsed), owned by exactly this object
/// for as long as anything uses them: a memory mapping of a file (pages are read from disk
/// only when touched, straight from the page cache, with no copy) or a copy of bytes held in
/// memory. Unmapped or freed in `deinit`.
final class ReadOnlyMemory: @unchecked Sendable {
    // @unchecked: the memory is read-only for the object's whole life.
    let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    /// Maps the file at `path` read-only. The file must not be changed in place while it is
    /// mapped (replacing it by renaming, as cirkel does, is safe).
    init(mapping path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw GeoError.io(path: path, reason: errno == ENOENT ? "no such file" : "cannot read the file")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw GeoError.io(path: path, reason: "cannot read the file (not a regular file)")
        }
        let length = Int(status.st_size)
        guard length > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            isMapped = false
            return
        }
        guard let start = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), start != MAP_FAILED else {
            throw GeoError.io(path: path, reason: "cannot map the file into memory")
        }
        bytes = UnsafeRawBufferPointer(start: start, count: length)
        isMapped = true
    }

    /// A copy of `source`.
    init(copying source: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, source.count), alignment: 16)
        source.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[0 ..< source.count])
        isMapped = false
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else if let start = bytes.baseAddress {
            start.deallocate()
        }
    }
}
