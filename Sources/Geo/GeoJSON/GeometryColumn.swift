/// The geometries of many features as flat arrays (structure of arrays), so that millions of
/// features cost a handful of allocations.
///
/// Every geometry is parts → rings → coordinates: a Point is one part with one ring of one
/// coordinate; a LineString one part with one ring (the line); a MultiPoint one part per
/// point; a Polygon one part whose rings are the exterior ring then the holes; a MultiPolygon
/// one part per polygon. Offsets are cumulative, with one more entry than items.
public struct GeometryColumn: Sendable {
    public private(set) var kinds: [GeometryKind] = []
    public internal(set) var xs: [Double] = []
    public internal(set) var ys: [Double] = []
    /// Feature f owns parts `partStart[f] ..< partStart[f + 1]`.
    public private(set) var partStart: [Int32] = [0]
    /// Part p owns rings `ringStart[p] ..< ringStart[p + 1]`.
    public private(set) var ringStart: [Int32] = [0]
    /// Ring r owns coordinates `coordinateStart[r] ..< coordinateStart[r + 1]`.
    public private(set) var coordinateStart: [Int32] = [0]

    public init() {}

    public var count: Int { kinds.count }

    public func parts(of feature: Int) -> Range<Int> {
        Int(partStart[feature])..<Int(partStart[feature + 1])
    }

    public func rings(of part: Int) -> Range<Int> {
        Int(ringStart[part])..<Int(ringStart[part + 1])
    }

    public func coordinates(of ring: Int) -> Range<Int> {
        Int(coordinateStart[ring])..<Int(coordinateStart[ring + 1])
    }

    /// All coordinates of a feature, as one range (they are stored contiguously).
    public func coordinateRange(of feature: Int) -> Range<Int> {
        let firstRing = Int(ringStart[Int(partStart[feature])])
        let endRing = Int(ringStart[Int(partStart[feature + 1])])
        return Int(coordinateStart[firstRing])..<Int(coordinateStart[endRing])
    }

    // MARK: Building

    public var partCount: Int { ringStart.count - 1 }
    public var ringCount: Int { coordinateStart.count - 1 }

    /// Makes room for this many features, parts, rings and coordinates in all (parts and
    /// rings default to one per feature, as for points and simple polygons).
    public mutating func reserve(features: Int, parts: Int? = nil, rings: Int? = nil, coordinates: Int) {
        let parts = parts ?? features, rings = rings ?? parts
        kinds.reserveCapacity(features)
        partStart.reserveCapacity(features + 1)
        ringStart.reserveCapacity(parts + 1)
        coordinateStart.reserveCapacity(rings + 1)
        xs.reserveCapacity(coordinates)
        ys.reserveCapacity(coordinates)
    }

    /// Appends one coordinate to the ring under construction.
    @inline(__always)
    public mutating func appendCoordinate(_ x: Double, _ y: Double) {
        xs.append(x)
        ys.append(y)
    }

    /// Closes the ring under construction (its coordinates are those appended since the last
    /// ring ended).
    public mutating func endRing() {
        coordinateStart.append(Int32(truncatingIfNeeded: xs.count))
    }

    /// Closes the part under construction.
    public mutating func endPart() {
        ringStart.append(Int32(truncatingIfNeeded: coordinateStart.count - 1))
    }

    /// Closes the feature under construction.
    public mutating func endFeature(kind: GeometryKind) {
        kinds.append(kind)
        partStart.append(Int32(truncatingIfNeeded: ringStart.count - 1))
    }

    /// Appends a whole point feature.
    public mutating func appendPoint(_ x: Double, _ y: Double) {
        appendCoordinate(x, y)
        endRing()
        endPart()
        endFeature(kind: .point)
    }

    /// Replaces every coordinate (for an in-place projection of the whole column).
    public mutating func withMutableCoordinates<R>(_ body: (inout [Double], inout [Double]) throws -> R) rethrows -> R {
        try body(&xs, &ys)
    }
}

extension GeometryColumn {
    /// Appends the parts of feature `feature` of `other` to the feature under construction
    /// (end it with `endFeature`). Used to merge pieces computed in parallel.
    public mutating func appendParts(of feature: Int, from other: GeometryColumn) {
        guard feature < other.count else { return }
        for part in other.parts(of: feature) {
            for ring in other.rings(of: part) {
                for c in other.coordinates(of: ring) { appendCoordinate(other.xs[c], other.ys[c]) }
                endRing()
            }
            endPart()
        }
    }
}

extension GeometryColumn {
    /// A column from its raw arrays (as stored in a binary archive), checked so that a damaged
    /// file cannot produce offsets outside the arrays. `source` names it in errors.
    public init(kinds: [UInt8], xs: [Double], ys: [Double], partStart: [Int32], ringStart: [Int32],
                coordinateStart: [Int32], source: String) throws {
        func fail(_ reason: String) -> GeoError { .document(file: source, reason: "damaged geometry: \(reason)") }
        guard xs.count == ys.count else { throw fail("\(xs.count) x and \(ys.count) y coordinates") }
        guard partStart.count == kinds.count + 1, ringStart.first == 0, coordinateStart.first == 0, partStart.first == 0 else {
            throw fail("offset tables do not match \(kinds.count) features")
        }
        func monotone(_ offsets: [Int32], ending end: Int) -> Bool {
            zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 } && Int(offsets.last!) == end
        }
        guard monotone(partStart, ending: ringStart.count - 1), monotone(ringStart, ending: coordinateStart.count - 1),
              monotone(coordinateStart, ending: xs.count) else { throw fail("offsets out of order or out of range") }
        var decoded: [GeometryKind] = []
        decoded.reserveCapacity(kinds.count)
        for raw in kinds {
            guard let kind = GeometryKind(rawValue: raw) else { throw fail("unknown geometry kind \(raw)") }
            decoded.append(kind)
        }
        self.init()
        self.kinds = decoded
        self.xs = xs
        self.ys = ys
        self.partStart = partStart
        self.ringStart = ringStart
        self.coordinateStart = coordinateStart
    }
}

extension GeometryColumn {
    /// A column of its own holding features `features` of `other`.
    public init(features: Range<Int>, of other: GeometryColumn) {
        self.init()
        let coordinates = features.isEmpty ? 0
            : other.coordinateRange(of: features.upperBound - 1).upperBound - other.coordinateRange(of: features.lowerBound).lowerBound
        reserve(features: features.count, coordinates: coordinates)
        for f in features {
            appendParts(of: f, from: other)
            endFeature(kind: other.kinds[f])
        }
    }
}

extension GeometryColumn {
    /// Appends every feature of `other` (whose offsets are shifted to follow this column's).
    public mutating func append(contentsOf other: GeometryColumn) {
        let parts = Int32(ringStart.count - 1), rings = Int32(coordinateStart.count - 1), coordinates = Int32(xs.count)
        kinds += other.kinds
        xs += other.xs
        ys += other.ys
        partStart += other.partStart.dropFirst().map { $0 + parts }
        ringStart += other.ringStart.dropFirst().map { $0 + rings }
        coordinateStart += other.coordinateStart.dropFirst().map { $0 + coordinates }
    }
}
