/// Ways for parallel chunks (`Parallelism`) to hand back results: each chunk writes only
/// its own slots, so no lock is needed and the result does not depend on the thread count.

/// A raw pointer that may cross into parallel chunks; every chunk writes a disjoint range.
public struct SendablePointer<T>: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<T>
    public init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// One result slot per work item, filled from parallel chunks that each own disjoint slots.
public final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    public init(count: Int) {
        buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    /// Each index is written by exactly one chunk, so no lock is needed.
    public func set(_ index: Int, _ value: T) { buffer[index] = value }
    public func value(_ index: Int) -> T? { buffer[index] }
}
