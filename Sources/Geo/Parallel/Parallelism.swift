import Dispatch
import Foundation

/// How many worker threads the bulk stages use, and a way to run chunks of work on them.
/// Results never depend on the number of workers: chunks are fixed ranges and every chunk
/// writes only its own slots. The bulk stages also count their work off on its `progress`
/// meter, which therefore travels with it.
public struct Parallelism: Sendable {
    public let workers: Int
    public var progress: ProgressMeter

    public init(workers: Int, progress: ProgressMeter = .silent) {
        self.workers = max(1, workers)
        self.progress = progress
    }

    /// One worker per active core.
    public static var machine: Parallelism { Parallelism(workers: ProcessInfo.processInfo.activeProcessorCount) }

    /// Splits 0 ..< count into at most `pieces` contiguous ranges of nearly equal size.
    public static func ranges(count: Int, pieces: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let n = max(1, min(pieces, count))
        return (0..<n).map { k in (k * count / n)..<((k + 1) * count / n) }
    }

    /// Runs `body(chunkIndex)` for every chunk in 0 ..< chunks on at most `workers` threads
    /// at once (worker w takes chunks w, w + workers, …), and rethrows the first error (by
    /// chunk index) after all have finished.
    public func run(chunks: Int, _ body: @escaping (Int) throws -> Void) throws {
        guard chunks > 0 else { return }
        if workers == 1 || chunks == 1 {
            for k in 0..<chunks { try body(k) }
            return
        }
        let threads = min(workers, chunks)
        let errors = ErrorSlots(count: chunks)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            for k in stride(from: worker, to: chunks, by: threads) {
                do { try body(k) } catch { errors.set(k, error) }
            }
        }
        if let error = errors.first() { throw error }
    }

    /// Runs `body` over 0 ..< count split into one contiguous range per worker; each call
    /// gets its range and the worker's index (for per-thread resources). With fewer than
    /// `minimumPerWorker` items per worker, fewer workers are used: per-worker setup (a PROJ
    /// transformation costs about 20 ms) must not outweigh the work.
    public func forEachRange(count: Int, minimumPerWorker: Int = 1, _ body: @escaping (Range<Int>, Int) throws -> Void) throws {
        let useful = max(1, count / max(1, minimumPerWorker))
        let ranges = Self.ranges(count: count, pieces: min(workers, useful))
        try run(chunks: ranges.count) { k in try body(ranges[k], k) }
    }
}

/// Collects the errors of parallel chunks (a lock guards the slots).
private final class ErrorSlots: @unchecked Sendable {
    private var slots: [Error?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = error
    }

    func first() -> Error? {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }.first
    }
}
