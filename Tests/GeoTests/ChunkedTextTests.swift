import Foundation
import Synchronization
import Testing
@testable import Geo

@Suite struct ChunkedTextTests {
    /// Chunk k holds the numbers of its items, one per line.
    static func numbers(_ count: Int, perChunk: Int) -> ChunkedText {
        ChunkedText(head: Array("head\n".utf8), chunkCount: ChunkedText.chunks(items: count, perChunk: perChunk), tail: Array("tail\n".utf8)) { k in
            var buffer = ByteBuffer()
            for i in ChunkedText.items(ofChunk: k, items: count, perChunk: perChunk) {
                buffer.appendInteger(i)
                buffer.append(0x0A)
            }
            return buffer
        }
    }

    @Test func chunksCoverEveryItemOnce() {
        #expect(ChunkedText.chunks(items: 0, perChunk: 4) == 0)
        #expect(ChunkedText.chunks(items: 8, perChunk: 4) == 2)
        #expect(ChunkedText.chunks(items: 9, perChunk: 4) == 3)
        #expect(ChunkedText.items(ofChunk: 2, items: 9, perChunk: 4) == 8..<9)
    }

    @Test func theFileIsTheSameForAnyNumberOfWorkers() throws {
        let expected = "head\n" + (0..<1001).map { "\($0)\n" }.joined() + "tail\n"
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for workers in [1, 2, 3, 8] {
            let path = folder.appendingPathComponent("n\(workers).txt").path
            let file = try OutputFile(path: path)
            try Self.numbers(1001, perChunk: 10).write(to: file, parallelism: Parallelism(workers: workers))
            try file.close()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
            #expect(file.byteCount == expected.utf8.count)
            #expect(try Self.numbers(1001, perChunk: 10).bytes(parallelism: Parallelism(workers: workers)) == Array(expected.utf8))
        }
        #expect(try ChunkedText(bytes: [1, 2, 3]).bytes() == [1, 2, 3])
    }

    @Test func aFailingChunkFailsTheWrite() throws {
        struct Broken: Error {}
        let text = ChunkedText(head: [], chunkCount: 10, tail: []) { k in
            if k == 7 { throw Broken() }
            return ByteBuffer()
        }
        #expect(throws: Broken.self) { try text.bytes(parallelism: Parallelism(workers: 2)) }
    }

    @Test func anUnwritablePathIsAnErrorNamingIt() throws {
        #expect(throws: GeoError.self) { try OutputFile(path: "/nonexistent-folder/x.csv", reportedPath: "uit/x.csv") }
        do {
            _ = try OutputFile(path: "/nonexistent-folder/x.csv", reportedPath: "uit/x.csv")
        } catch let error as GeoError {
            #expect(error.description.hasPrefix("uit/x.csv: cannot create"))
        }
    }

    @Test func aPoolCreatesNoMoreResourcesThanRunAtOnce() throws {
        let made = Atomic<Int>(0)
        let pool = ResourcePool<Int> { made.add(1, ordering: .relaxed).newValue }
        let used = ResultSlots<Int>(count: 200)
        try Parallelism(workers: 2).run(chunks: 200) { k in used.set(k, try pool.use { $0 }) }
        #expect(made.load(ordering: .relaxed) <= 2 && made.load(ordering: .relaxed) >= 1)
        #expect((0..<200).allSatisfy { used.value($0) != nil })
    }
}
