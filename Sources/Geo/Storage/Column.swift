/// The numbers a `Column` can hold: fixed-width, bit-copyable, with a zero that is a safe
/// stand-in (a valid index, an empty range) where a damaged archive chunk cannot be trusted.
public protocol ColumnElement: BitwiseCopyable, Sendable {
    static var zero: Self { get }
}

extension Double: ColumnElement {}
extension Int32: ColumnElement {}
extension Int64: ColumnElement {}
extension UInt8: ColumnElement {}

/// A read-only array of numbers in memory that a `Column` does not itself own: either a
/// buffer it copied an array into, or a window into a memory-mapped archive. Spatial indexes
/// and per-building results keep their numbers in columns, so the same structure works on an
/// array built in memory and, without copying or reading it all, on millions of numbers
/// mapped from a `cirkel index` file.
///
/// A column from an archive checks each 64 KiB chunk of its section against the chunk's
/// checksum the first time an element in it is read (`ChunkVerifier`). A damaged chunk's
/// elements read as `zero`, and the damage is kept for `BinaryArchiveReader.checkIntegrity()`,
/// which the caller runs before it uses any answer: so a query over a few hundred elements
/// of a 400 MB file hashes a few chunks, not the file, and damage is still never silent.
public struct Column<Element: ColumnElement>: RandomAccessCollection, @unchecked Sendable {
    // @unchecked: `base` points into memory that `owner` keeps alive and that nobody writes
    // while any column exists; the verifier is thread-safe.
    private let base: UnsafePointer<Element>?
    public let count: Int
    /// Keeps the memory alive: a `ColumnBuffer` or the archive's mapping.
    private let owner: AnyObject
    /// Nil when the memory needs no checking (an array copied in). Kept strongly for its
    /// lifetime, and read through `uncheckedVerifier` in the subscript: binding the optional
    /// reference there would retain and release it on every element read, in the innermost
    /// loops of reach and clusters.
    private let verifier: ChunkVerifier?
    private let uncheckedVerifier: Unmanaged<ChunkVerifier>?

    /// A column holding a copy of `values`.
    public init(_ values: [Element]) {
        let buffer = ColumnBuffer(values)
        base = UnsafePointer(buffer.pointer)
        count = values.count
        owner = buffer
        verifier = nil
        uncheckedVerifier = nil
    }

    /// A whole archive section of `count` elements at `base`, kept alive by `owner`, checked
    /// chunk by chunk by `verifier`.
    init(base: UnsafePointer<Element>?, count: Int, owner: AnyObject, verifier: ChunkVerifier) {
        precondition(count == 0 || base != nil)
        self.base = base
        self.count = count
        self.owner = owner
        self.verifier = verifier
        uncheckedVerifier = Unmanaged.passUnretained(verifier)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inline(__always)
    public subscript(i: Int) -> Element {
        // Checked in release builds as well: a column may come from a file.
        precondition(i >= 0 && i < count, "column index out of range")
        if let verifier = uncheckedVerifier,
           !verifier._withUnsafeGuaranteedRef({ $0.isIntact(byteOffset: i &* MemoryLayout<Element>.stride) }) {
            return .zero
        }
        return base.unsafelyUnwrapped[i]
    }

    /// The elements as an array (every chunk checked once).
    public var array: [Element] { Array(self) }
}

/// Memory a `Column` copied an array into; freed with the last column using it.
final class ColumnBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked: written once in init, read-only afterwards.
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        pointer = .allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { pointer.initialize(from: start, count: source.count) }
        }
    }

    deinit { pointer.deallocate() }
}
