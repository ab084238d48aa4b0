import Synchronization

/// Checks one archive section chunk by chunk (`BinaryArchiveFormat.chunkLength` bytes each,
/// the last one shorter) against the checksums of its table entry, each chunk at most once,
/// on first use, from any thread. Remembers damage for `firstDamage`.
final class ChunkVerifier: @unchecked Sendable {
    // @unchecked: the payload is read-only and the per-chunk states are atomics.
    enum State: UInt8 {
        case unchecked = 0, intact = 1, damaged = 2
    }

    let sectionName: String
    /// The section's payload (inside memory the reader keeps alive).
    private let payload: UnsafeRawBufferPointer
    private let checksums: [UInt64]
    private let states: UnsafeMutablePointer<Atomic<UInt8>>

    init(sectionName: String, payload: UnsafeRawBufferPointer, checksums: [UInt64]) {
        precondition(checksums.count == BinaryArchiveFormat.chunkCount(payloadLength: payload.count))
        self.sectionName = sectionName
        self.payload = payload
        self.checksums = checksums
        states = .allocate(capacity: max(1, checksums.count))
        for k in 0 ..< checksums.count { (states + k).initialize(to: Atomic(State.unchecked.rawValue)) }
    }

    deinit {
        states.deinitialize(count: checksums.count)
        states.deallocate()
    }

    /// Whether the chunk holding payload byte `byteOffset` matches its checksum (checked now
    /// if it was not yet).
    @inline(__always)
    func isIntact(byteOffset: Int) -> Bool {
        let chunk = byteOffset >> BinaryArchiveFormat.chunkShift
        let state = states[chunk].load(ordering: .acquiring)
        if state == State.intact.rawValue { return true }
        if state == State.damaged.rawValue { return false }
        return check(chunk)
    }

    /// Checks every chunk not checked yet; false when any chunk is damaged.
    func verifyAll() -> Bool {
        var intact = true
        for chunk in 0 ..< checksums.count {
            let state = states[chunk].load(ordering: .acquiring)
            intact = (state == State.unchecked.rawValue ? check(chunk) : state == State.intact.rawValue) && intact
        }
        return intact
    }

    /// The byte range of the first damaged chunk found so far, if any.
    var firstDamage: Range<Int>? {
        (0 ..< checksums.count).first { states[$0].load(ordering: .acquiring) == State.damaged.rawValue }.map(chunkRange)
    }

    private func chunkRange(_ chunk: Int) -> Range<Int> {
        let start = chunk << BinaryArchiveFormat.chunkShift
        return start ..< min(payload.count, start + BinaryArchiveFormat.chunkLength)
    }

    /// Hashes one chunk and records the outcome. Two threads may check the same chunk at
    /// once; both store the same state, so the race is harmless.
    private func check(_ chunk: Int) -> Bool {
        let intact = BinaryArchiveFormat.checksum(UnsafeRawBufferPointer(rebasing: payload[chunkRange(chunk)])) == checksums[chunk]
        states[chunk].store(intact ? State.intact.rawValue : State.damaged.rawValue, ordering: .releasing)
        return intact
    }
}
