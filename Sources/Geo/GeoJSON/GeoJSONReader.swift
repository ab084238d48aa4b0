import Foundation

/// Reads a GeoJSON FeatureCollection straight from its bytes into a `FeatureTable`.
///
/// Coordinates go from the byte scanner directly into flat arrays; only the properties named
/// in `properties` are decoded (all others are skipped after a syntax check). Syntax errors
/// carry the line and column, semantic errors the feature index.
///
/// With more than one worker, a large features array is parsed in parallel pieces (see
/// `FeatureSplitting`); the result, and every error, is the same as with one.
public struct GeoJSONReader {
    /// The property names to keep as columns.
    public var properties: Set<String>
    public var parallelism: Parallelism
    /// A features array of fewer bytes is parsed by one worker: `minimumBytesToSplit`, smaller
    /// in tests and in the fuzzer (Fuzz/), so that small documents are split too.
    var splitThreshold = GeoJSONReader.minimumBytesToSplit

    public init(properties: Set<String>, parallelism: Parallelism = Parallelism(workers: 1)) {
        self.properties = properties
        self.parallelism = parallelism
    }

    /// Reads and parses a file (mapped into memory, not copied).
    public func read(path: String) throws -> FeatureTable {
        let memory = try ReadOnlyMemory(mapping: path)
        return try withExtendedLifetime(memory) { try parse(memory.bytes.bindMemory(to: UInt8.self), source: path) }
    }

    /// Parses a document held in memory; `source` names it in errors.
    public func parse(_ data: Data, source: String) throws -> FeatureTable {
        try data.withUnsafeBytes { raw in
            try parse(raw.bindMemory(to: UInt8.self), source: source)
        }
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> FeatureTable {
        var parser = Parser(scanner: JSONScanner(bytes: bytes), source: source, wanted: properties, parallelism: parallelism)
        parser.splitThreshold = splitThreshold
        parallelism.progress.expect(bytes.count, .bytes, detail: source.split(separator: "/").last.map(String.init))
        do {
            try parser.parseDocument()
        } catch let error as JSONScanError {
            let (line, column) = parser.scanner.lineAndColumn(of: error.offset)
            throw GeoError.syntax(file: source, line: line, column: column, reason: error.reason)
        }
        parallelism.progress.finishCount()
        return parser.table
    }
}

/// Thrown inside the parser for a problem with one feature; turned into `GeoError.feature`.
private struct FeatureProblem: Error {
    let reason: String
}

struct Parser {
    var scanner: JSONScanner
    let source: String
    let wanted: Set<String>
    let parallelism: Parallelism
    /// See `GeoJSONReader.splitThreshold`.
    var splitThreshold = GeoJSONReader.minimumBytesToSplit
    /// The wanted names as UTF-8, for comparison without allocation.
    let wantedKeys: [(name: String, utf8: [UInt8])]
    var table: FeatureTable
    /// Per wanted property, the value of the feature being parsed.
    var pending: [PropertyValue]
    /// Per wanted property (same order as `wantedKeys`), the column so far; moved into
    /// `table.properties` when the document ends (no hashing per feature).
    var columns: [[PropertyValue]]
    var sawType = false
    /// How far progress has been counted (bytes of the document).
    var countedPosition: Int

    init(scanner: JSONScanner, source: String, wanted: Set<String>, parallelism: Parallelism) {
        self.scanner = scanner
        self.source = source
        self.wanted = wanted
        self.parallelism = parallelism
        self.wantedKeys = wanted.sorted().map { ($0, Array($0.utf8)) }
        self.table = FeatureTable(source: source)
        self.pending = Array(repeating: .absent, count: wanted.count)
        self.columns = Array(repeating: [], count: wanted.count)
        self.countedPosition = scanner.position
    }

    /// Counts the bytes read since the last call off on the progress meter, every 4,096
    /// features (a feature is a few hundred bytes).
    @inline(__always)
    mutating func countProgress() {
        guard table.count & 0xFFF == 0 else { return }
        parallelism.progress.advance(by: scanner.position - countedPosition)
        countedPosition = scanner.position
    }

    mutating func parseDocument() throws {
        guard scanner.peek() == UInt8(ascii: "{") else {
            if scanner.isAtEnd { throw GeoError.document(file: source, reason: "the file is empty") }
            throw scanner.fail("a GeoJSON file must start with '{'")
        }
        try scanner.expect(UInt8(ascii: "{"), "'{'")
        var type: String?
        var sawFeatures = false
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.scanRawString()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                if scanner.rawString(key, equals: "type") {
                    type = try scanner.parseString()
                } else if scanner.rawString(key, equals: "features") {
                    sawFeatures = true
                    try parseFeatures()
                } else if scanner.rawString(key, equals: "crs") {
                    let crsValue = try scanner.parseValue()
                    table.crs = try crs(from: crsValue)
                } else {
                    try scanner.skipValue()
                }
            } while try scanner.continueAfterElement(closing: UInt8(ascii: "}"), "the top-level object")
        }
        if scanner.peek() != nil { throw scanner.fail("unexpected data after the end of the document") }
        guard type == "FeatureCollection" else {
            let found = type.map { "\"\($0)\"" } ?? "no \"type\""
            throw GeoError.document(file: source, reason: "expected a FeatureCollection, found \(found)")
        }
        guard sawFeatures else { throw GeoError.document(file: source, reason: "the FeatureCollection has no \"features\" array") }
        for (k, key) in wantedKeys.enumerated() { table.properties[key.name] = columns[k] }
    }

    func crs(from value: JSONValue) throws -> CoordinateReferenceSystem {
        if value == .null { return .wgs84 }
        guard let name = value["properties"]?["name"]?.stringValue else {
            throw GeoError.document(file: source, reason: "the \"crs\" member has no properties.name; cirkel reads WGS84 or EPSG:28992")
        }
        guard let crs = CoordinateReferenceSystem(crsName: name) else {
            throw GeoError.document(file: source, reason: "unsupported coordinate reference system \"\(name)\"; cirkel reads WGS84 (no crs member) or EPSG:28992 (RD New)")
        }
        return crs
    }

    mutating func parseFeatures() throws {
        try scanner.expect(UInt8(ascii: "["), "'[' to start the features array")
        if try parseFeaturesInParallel() { return }
        try parseFeatureElements()
    }

    /// Parses the elements of the features array, from just after its '[' to its ']'.
    mutating func parseFeatureElements() throws {
        if scanner.consume(UInt8(ascii: "]")) { return }
        repeat {
            let index = table.count
            do {
                try parseFeature()
            } catch let problem as FeatureProblem {
                throw GeoError.feature(file: source, index: index, reason: problem.reason)
            }
            countProgress()
        } while try scanner.continueAfterElement(closing: UInt8(ascii: "]"), "the features array")
    }

    mutating func parseFeature() throws {
        try scanner.expect(UInt8(ascii: "{"), "'{' to start a feature")
        for k in pending.indices { pending[k] = .absent }
        var featureType: String?
        var featureID: PropertyValue = .absent
        var geometry: ParsedGeometry?
        var sawGeometry = false
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.scanRawString()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                if scanner.rawString(key, equals: "type") {
                    featureType = try scanner.parseString()
                } else if scanner.rawString(key, equals: "geometry") {
                    sawGeometry = true
                    geometry = try parseGeometry()
                } else if scanner.rawString(key, equals: "properties") {
                    try parseProperties()
                } else if scanner.rawString(key, equals: "id") {
                    featureID = try parsePropertyValue()
                } else {
                    try scanner.skipValue()
                }
            } while try scanner.continueAfterElement(closing: UInt8(ascii: "}"), "a feature")
        }
        guard featureType == "Feature" else {
            throw FeatureProblem(reason: "expected \"type\": \"Feature\", found \(featureType.map { "\"\($0)\"" } ?? "no type")")
        }
        guard sawGeometry else { throw FeatureProblem(reason: "the feature has no \"geometry\" member") }
        guard let geometry else { throw FeatureProblem(reason: "the geometry is null (the feature has no location)") }
        try append(geometry)
        table.featureIDs.append(featureID)
        for k in columns.indices { columns[k].append(pending[k]) }
    }

    mutating func parseProperties() throws {
        if scanner.peek() == UInt8(ascii: "n") {
            try scanner.expectLiteral("null")
            return
        }
        try scanner.expect(UInt8(ascii: "{"), "'{' or null for properties")
        if scanner.consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try scanner.scanRawString()
            try scanner.expect(UInt8(ascii: ":"), "':'")
            if let slot = try wantedSlot(for: key) {
                pending[slot] = try parsePropertyValue()
            } else {
                try scanner.skipValue()
            }
        } while try scanner.continueAfterElement(closing: UInt8(ascii: "}"), "properties")
    }

    func wantedSlot(for key: JSONScanner.RawString) throws -> Int? {
        if key.hasEscapes {
            let name = try scanner.decode(key)
            return wantedKeys.firstIndex { $0.name == name }
        }
        let length = key.end - key.start
        outer: for (k, candidate) in wantedKeys.enumerated() where candidate.utf8.count == length {
            for i in 0..<length where scanner.bytes[key.start + i] != candidate.utf8[i] { continue outer }
            return k
        }
        return nil
    }

    mutating func parsePropertyValue() throws -> PropertyValue {
        switch scanner.peek() {
        case UInt8(ascii: "\""): return .string(try scanner.parseString())
        case UInt8(ascii: "t"): try scanner.expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try scanner.expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try scanner.expectLiteral("null"); return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try scanner.skipValue()
            return .compound
        default: return .number(try scanner.parseNumber())
        }
    }

    // MARK: Geometry

    /// A geometry as parsed, before it is appended: its positions and the nested list ends.
    struct ParsedGeometry {
        var kind: GeometryKind
        var nesting: Int
    }

    /// Scratch for the geometry being parsed; `listEnds[h]` holds, for every list of height h
    /// (1: list of positions, 2: list of lists, 3: list of lists of lists), the cumulative
    /// number of its children when it ended.
    var xs: [Double] = []
    var ys: [Double] = []
    var listEnds: [[Int]] = [[], [], [], []]

    mutating func parseGeometry() throws -> ParsedGeometry? {
        if scanner.peek() == UInt8(ascii: "n") {
            try scanner.expectLiteral("null")
            return nil
        }
        try scanner.expect(UInt8(ascii: "{"), "'{' or null for the geometry")
        xs.removeAll(keepingCapacity: true)
        ys.removeAll(keepingCapacity: true)
        for h in listEnds.indices { listEnds[h].removeAll(keepingCapacity: true) }
        var typeName: String?
        var nesting: Int?
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.scanRawString()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                if scanner.rawString(key, equals: "type") {
                    typeName = try scanner.parseString()
                } else if scanner.rawString(key, equals: "coordinates") {
                    nesting = try parseCoordinates(depth: 0)
                } else {
                    try scanner.skipValue()
                }
            } while try scanner.continueAfterElement(closing: UInt8(ascii: "}"), "a geometry")
        }
        guard let typeName else { throw FeatureProblem(reason: "the geometry has no \"type\"") }
        guard let kind = GeometryKind(geoJSONName: typeName) else {
            throw FeatureProblem(reason: "unsupported geometry type \"\(typeName)\" (cirkel reads Point, Polygon, MultiPolygon, MultiPoint, LineString, MultiLineString)")
        }
        guard let nesting else { throw FeatureProblem(reason: "the \(typeName) has no \"coordinates\"") }
        guard nesting == kind.coordinateNesting else {
            throw FeatureProblem(reason: "the coordinates of a \(typeName) must be nested \(kind.coordinateNesting + 1) levels deep, found \(nesting + 1)")
        }
        return ParsedGeometry(kind: kind, nesting: nesting)
    }

    /// Parses a coordinates array and returns its height (0 for a single position).
    mutating func parseCoordinates(depth: Int) throws -> Int {
        guard depth <= 4 else { throw FeatureProblem(reason: "coordinates nested deeper than a MultiPolygon") }
        try scanner.expect(UInt8(ascii: "["), "'[' in coordinates")
        guard let next = scanner.peek() else { throw scanner.fail("unexpected end of file in coordinates") }
        if next == UInt8(ascii: "]") {
            throw FeatureProblem(reason: "empty coordinate array (the geometry has no location)")
        }
        if next != UInt8(ascii: "[") {
            // A position: two or three numbers (a third, the height, is ignored).
            let x = try scanner.parseNumber()
            try scanner.expect(UInt8(ascii: ","), "',' between the numbers of a position")
            let y = try scanner.parseNumber()
            var count = 2
            while try scanner.continueAfterElement(closing: UInt8(ascii: "]"), "a position") {
                _ = try scanner.parseNumber()
                count += 1
            }
            guard count <= 4 else { throw FeatureProblem(reason: "a position has \(count) numbers; expected 2 to 4 (x, y, and optionally height and measure, which are ignored)") }
            guard x.isFinite, y.isFinite else { throw FeatureProblem(reason: "a coordinate is not a finite number") }
            xs.append(x)
            ys.append(y)
            return 0
        }
        var childHeight: Int?
        repeat {
            let h = try parseCoordinates(depth: depth + 1)
            if let childHeight, childHeight != h {
                throw FeatureProblem(reason: "coordinates mix positions and lists at the same level")
            }
            childHeight = h
        } while try scanner.continueAfterElement(closing: UInt8(ascii: "]"), "coordinates")
        let height = childHeight! + 1
        let childCount = height == 1 ? xs.count : listEnds[height - 1].count
        listEnds[height].append(childCount)
        return height
    }

    /// Appends the parsed geometry to the table, checking rings.
    mutating func append(_ parsed: ParsedGeometry) throws {
        var g = table.geometries
        table.geometries = GeometryColumn() // keep `g` uniquely referenced while appending
        defer { table.geometries = g }
        func appendRing(_ range: Range<Int>, polygonRing: Bool) throws {
            if polygonRing {
                guard range.count >= 4 else { throw FeatureProblem(reason: "a polygon ring has \(range.count) positions; at least 4 are needed") }
                let first = range.lowerBound, last = range.upperBound - 1
                guard xs[first] == xs[last], ys[first] == ys[last] else {
                    throw FeatureProblem(reason: "a polygon ring is not closed (its first and last positions differ)")
                }
            } else if parsed.kind == .lineString || parsed.kind == .multiLineString {
                guard range.count >= 2 else { throw FeatureProblem(reason: "a line has fewer than 2 positions") }
            }
            for i in range { g.appendCoordinate(xs[i], ys[i]) }
            g.endRing()
        }
        switch parsed.kind {
        case .point:
            try appendRing(0..<1, polygonRing: false)
            g.endPart()
        case .multiPoint:
            for i in 0..<xs.count {
                try appendRing(i..<(i + 1), polygonRing: false)
                g.endPart()
            }
        case .lineString:
            try appendRing(0..<xs.count, polygonRing: false)
            g.endPart()
        case .multiLineString, .polygon:
            var start = 0
            for end in listEnds[1] {
                try appendRing(start..<end, polygonRing: parsed.kind == .polygon)
                start = end
                if parsed.kind == .multiLineString { g.endPart() }
            }
            if parsed.kind == .polygon { g.endPart() }
        case .multiPolygon:
            var ringIndex = 0
            var start = 0
            for polygonEnd in listEnds[2] {
                while ringIndex < polygonEnd {
                    let end = listEnds[1][ringIndex]
                    try appendRing(start..<end, polygonRing: true)
                    start = end
                    ringIndex += 1
                }
                g.endPart()
            }
        }
        g.endFeature(kind: parsed.kind)
    }
}
