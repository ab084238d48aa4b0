import Foundation
import Testing
@testable import Geo

private struct ChunkError: Error, Equatable { let chunk: Int }

@Suite struct ParallelismTests {
    @Test func rangesPartitionTheCount() {
        for count in [0, 1, 2, 7, 100, 101, 1_000] {
            for pieces in [1, 2, 3, 8, 2_000] {
                let ranges = Parallelism.ranges(count: count, pieces: pieces)
                #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count) in \(pieces)")
                #expect(ranges.allSatisfy { !$0.isEmpty })
                #expect(ranges.count == min(count, pieces))
                if let longest = ranges.map(\.count).max(), let shortest = ranges.map(\.count).min() {
                    #expect(longest - shortest <= 1)
                }
            }
        }
        #expect(Parallelism.ranges(count: 10, pieces: 3) == [0..<3, 3..<6, 6..<10])
    }

    @Test(arguments: [1, 2, 5])
    func everyChunkRunsOnceAndTheFirstErrorByIndexIsRethrown(workers: Int) {
        let parallelism = Parallelism(workers: workers)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 40)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        do {
            try parallelism.run(chunks: 40) { k in
                counts[k] += 1
                if k == 31 || k == 17 { throw ChunkError(chunk: k) }
            }
            Issue.record("no error")
        } catch {
            #expect(error as? ChunkError == ChunkError(chunk: 17))
        }
        // With one worker the loop stops at the first error; with more, every chunk ran.
        if workers > 1 { #expect(counts.allSatisfy { $0 == 1 }) } else { #expect(Array(counts[0...17]).allSatisfy { $0 == 1 }) }
    }

    @Test func forEachRangeCoversEverythingOnce() throws {
        let parallelism = Parallelism(workers: 3)
        let seen = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1_000)
        seen.initialize(repeating: 0)
        defer { seen.deallocate() }
        let workerOf = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1_000)
        defer { workerOf.deallocate() }
        try parallelism.forEachRange(count: 1_000) { range, worker in
            for i in range { seen[i] += 1; workerOf[i] = worker }
        }
        #expect(seen.allSatisfy { $0 == 1 })
        #expect(Set(workerOf) == [0, 1, 2])
        #expect(Parallelism(workers: 0).workers == 1)
        try Parallelism(workers: 4).run(chunks: 0) { _ in Issue.record("ran a chunk of nothing") }
    }
}
