/// Per building and criterion the distance to the nearest matching voorziening, and from
/// it the levels, score, completeness and qualification of SPEC §3.
public struct Reach: Sendable {
    public let profile: Profile
    /// `distances[c][b]`: d_c of building b (infinite when there is no matching voorziening).
    public let distances: [[Double]]
    public let scores: [Double]
    public let complete: [Bool]
    public let qualifying: [Bool]

    public init(profile: Profile, buildings: Buildings, voorzieningen: Voorzieningen, parallelism: Parallelism) throws {
        self.profile = profile
        let distances = try Self.nearestDistances(CriterionIndex.all(for: profile, voorzieningen: voorzieningen),
                                                  buildings: buildings, parallelism: parallelism)
        let n = buildings.count
        var scores = [Double](repeating: 0, count: n)
        var complete = [Bool](repeating: true, count: n)
        var qualifying = [Bool](repeating: false, count: n)
        for b in 0..<n {
            var score = 0.0
            var isComplete = true
            for (c, criterion) in profile.criteria.enumerated() {
                let level = criterion.level(at: distances[c][b])
                score += criterion.points(for: level)
                if criterion.required && level == .none { isComplete = false }
            }
            scores[b] = score
            complete[b] = isComplete
            qualifying[b] = buildings.qualifies(b, complete: isComplete)
        }
        self.distances = distances
        self.scores = scores
        self.complete = complete
        self.qualifying = qualifying
    }

    /// Per index, every building's distance to its nearest member (infinite when it has none).
    static func nearestDistances(_ indexes: [CriterionIndex], buildings: Buildings, parallelism: Parallelism) throws -> [[Double]] {
        let n = buildings.count
        let progress = parallelism.progress
        progress.expect(n * indexes.count, .items("distances"))
        return try indexes.map { index in
            var d = [Double](repeating: .infinity, count: n)
            try d.withUnsafeMutableBufferPointer { buffer in
                let out = SendablePointer(buffer.baseAddress!)
                try parallelism.forEachRange(count: n) { range, _ in
                    for b in range {
                        out.pointer[b] = index.nearest(to: buildings.xs[b], buildings.ys[b]).distance
                        if b & 0x3FFF == 0x3FFF { progress.advance(by: 0x4000) }
                    }
                }
            }
            return d
        }
    }

    /// The level of every criterion for building b.
    public func levels(of b: Int) -> [Level] {
        profile.criteria.enumerated().map { c, criterion in criterion.level(at: distances[c][b]) }
    }

    /// A building's signature as one number (base 3, one digit per criterion, first
    /// criterion most significant), comparable with `Signature.key`.
    public func signatureKey(of b: Int) -> UInt64 {
        var key: UInt64 = 0
        for (c, criterion) in profile.criteria.enumerated() {
            key = key * 3 + UInt64(criterion.level(at: distances[c][b]).rawValue)
        }
        return key
    }
}

/// The levels of every criterion at one place: what distinguishes one vlek from another.
public struct Signature: Hashable, Sendable, Comparable {
    public let levels: [Level]

    public init(_ levels: [Level]) { self.levels = levels }

    public var key: UInt64 {
        levels.reduce(0) { $0 * 3 + UInt64($1.rawValue) }
    }

    public func score(in profile: Profile) -> Double {
        zip(profile.criteria, levels).reduce(0) { $0 + $1.0.points(for: $1.1) }
    }

    public func isComplete(in profile: Profile) -> Bool {
        zip(profile.criteria, levels).allSatisfy { !$0.0.required || $0.1 != .none }
    }

    /// Best levels first, criterion by criterion.
    public static func < (a: Signature, b: Signature) -> Bool {
        for (x, y) in zip(a.levels, b.levels) where x != y { return x > y }
        return false
    }
}
