/// Parsing one features array on several workers.
///
/// Where a feature starts cannot be known without reading everything before it (a '{' may sit
/// inside a string). But a raw line break never does (JSON strings cannot hold one), and most
/// large GeoJSON files put one feature on a line. So the array is cut at byte offsets, each cut
/// moved to the next line that begins with '{', and every piece is parsed on its own, as a
/// guess. The guess is then proven: piece 0 starts at the true first feature, and each piece
/// must end exactly where the next one began (after a whole number of features and a comma);
/// by induction every piece began at a feature. The last piece must end at the array's ']'.
/// If any piece fails to parse or to meet its neighbour (a pretty-printed file, or an error
/// in the data), the array is parsed again by one worker, which gives the exact error.
extension GeoJSONReader {
    /// Below this many bytes, one worker parses the features array.
    public static let minimumBytesToSplit = 4 << 20
}

extension Parser {
    /// How far past a cut to look for a line beginning with '{' before giving up.
    static let searchLimit = 1 << 20

    /// What one piece's parser found.
    private struct Piece {
        var parser: Parser
        /// Where the next feature starts (or, when the array ended, the position after ']').
        var end: Int
        var arrayEnded: Bool
    }

    /// Parses the features array in parallel pieces, starting just after its '['. Returns
    /// false, with nothing consumed, where the array is not split (small, or one worker, or
    /// the guess failed); the caller then parses it alone.
    mutating func parseFeaturesInParallel() throws -> Bool {
        let workers = parallelism.workers
        scanner.skipWhitespace()
        let first = scanner.position
        let bytes = scanner.bytes
        guard workers > 1, bytes.count - first >= splitThreshold, scanner.peek() == UInt8(ascii: "{") else { return false }
        var starts = [first]
        for k in 1..<workers {
            let cut = first + (bytes.count - first) * k / workers
            guard let start = Self.lineStartingAnObject(in: bytes, from: max(cut, starts.last! + 1)) else { return false }
            starts.append(start)
        }
        let pieces = ResultSlots<Piece>(count: workers)
        let source = self.source, wanted = self.wanted
        let progress = parallelism.progress
        try? parallelism.run(chunks: workers) { k in
            var parser = Parser(scanner: JSONScanner(bytes: bytes, position: starts[k]), source: source, wanted: wanted,
                                parallelism: Parallelism(workers: 1, progress: progress))
            let limit = k + 1 < workers ? starts[k + 1] : Int.max
            let ended = try parser.parseFeatures(before: limit)
            pieces.set(k, Piece(parser: parser, end: parser.scanner.position, arrayEnded: ended))
        }
        // Parsed again by one worker: its progress starts over.
        func startOver() -> Bool {
            progress.restartCount()
            return false
        }
        for k in 0..<workers {
            guard let piece = pieces.value(k) else { return startOver() }
            let meetsNext = k + 1 < workers ? !piece.arrayEnded && piece.end == starts[k + 1] : piece.arrayEnded
            guard meetsNext else { return startOver() }
        }
        let parsers = (0..<workers).map { pieces.value($0)!.parser }
        reserve(forAbsorbing: parsers)
        for parser in parsers { absorb(parser) }
        scanner = JSONScanner(bytes: bytes, position: pieces.value(workers - 1)!.end)
        return true
    }

    /// Parses features from the current position (a '{') until the next one would start at
    /// or after `limit`, or the array ends (then returns true, after its ']').
    private mutating func parseFeatures(before limit: Int) throws -> Bool {
        repeat {
            try parseFeature()
            countProgress()
            guard try scanner.continueAfterElement(closing: UInt8(ascii: "]"), "the features array") else { return true }
            scanner.skipWhitespace()
        } while scanner.position < limit
        return false
    }

    /// Makes room for the features of `others` at once (appending piece by piece would grow
    /// every array several times, each time copying it into freshly zeroed pages).
    private mutating func reserve(forAbsorbing others: [Parser]) {
        let features = others.reduce(table.count) { $0 + $1.table.count }
        var g = table.geometries
        table.geometries = GeometryColumn() // keep `g` uniquely referenced
        g.reserve(features: features, parts: others.reduce(g.partCount) { $0 + $1.table.geometries.partCount },
                  rings: others.reduce(g.ringCount) { $0 + $1.table.geometries.ringCount },
                  coordinates: others.reduce(g.xs.count) { $0 + $1.table.geometries.xs.count })
        table.geometries = g
        table.featureIDs.reserveCapacity(features)
        for k in columns.indices { columns[k].reserveCapacity(features) }
    }

    /// Appends the features another parser read (the next piece of the same array).
    private mutating func absorb(_ other: Parser) {
        table.geometries.append(contentsOf: other.table.geometries)
        table.featureIDs += other.table.featureIDs
        for k in columns.indices { columns[k] += other.columns[k] }
    }

    /// The position of the '{' that first begins a line (after optional whitespace) at or
    /// after `offset`.
    private static func lineStartingAnObject(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        var i = offset
        let end = min(bytes.count, offset + searchLimit)
        while i < end {
            if bytes[i] == 0x0A {
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D || bytes[j] == 0x0A { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "{") { return j }
                i = j
            } else {
                i += 1
            }
        }
        return nil
    }
}
