/// A text file made of pieces that can be formatted independently (the rows of a table, the
/// features of a layer): a head, `chunkCount` chunks, a tail.
///
/// `write(to:parallelism:)` formats a batch of chunks in parallel, writes them in order, and
/// goes on with the next batch: a file of any size needs memory for one batch only, and its
/// bytes do not depend on the number of workers.
public struct ChunkedText {
    public let head: [UInt8]
    public let chunkCount: Int
    public let chunk: (Int) throws -> ByteBuffer
    public let tail: [UInt8]

    public init(head: [UInt8], chunkCount: Int, tail: [UInt8], chunk: @escaping (Int) throws -> ByteBuffer) {
        self.head = head
        self.chunkCount = chunkCount
        self.chunk = chunk
        self.tail = tail
    }

    /// A text that is all head.
    public init(bytes: [UInt8]) {
        self.init(head: bytes, chunkCount: 0, tail: []) { _ in ByteBuffer() }
    }

    /// Chunks that `items` items split into, `perChunk` at a time.
    public static func chunks(items: Int, perChunk: Int) -> Int {
        (items + perChunk - 1) / perChunk
    }

    /// The range of items in chunk `k`.
    public static func items(ofChunk k: Int, items: Int, perChunk: Int) -> Range<Int> {
        (k * perChunk)..<min(items, (k + 1) * perChunk)
    }

    public func write(to file: OutputFile, parallelism: Parallelism) throws {
        try file.write(head)
        // Two chunks per worker in a batch, so a slow chunk leaves the other workers some work.
        let batch = max(1, 2 * parallelism.workers)
        for start in stride(from: 0, to: chunkCount, by: batch) {
            let count = min(batch, chunkCount - start)
            let made = ResultSlots<ByteBuffer>(count: count)
            try parallelism.run(chunks: count) { k in made.set(k, try chunk(start + k)) }
            for k in 0..<count { try file.write(made.value(k)!) }
        }
        try file.write(tail)
    }

    /// The whole text in memory (for small files and tests).
    public func bytes(parallelism: Parallelism = Parallelism(workers: 1)) throws -> [UInt8] {
        var all = head
        let made = ResultSlots<ByteBuffer>(count: chunkCount)
        try parallelism.run(chunks: chunkCount) { k in made.set(k, try chunk(k)) }
        for k in 0..<chunkCount { all += made.value(k)!.bytes }
        return all + tail
    }
}
