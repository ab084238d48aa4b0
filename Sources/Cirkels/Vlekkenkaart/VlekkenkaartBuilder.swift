/// Computes the vlekkenkaart of SPEC §5.
///
/// 1. A disc of `radius_c` around every voorziening of criterion c (and of `ideal_c`).
/// 2. Regions: connected components of overlapping reach discs over all criteria. Regions
///    are disjoint, so each is computed on its own (in parallel, one GEOS context per
///    worker) and nothing needs merging afterwards.
/// 3. Per region, per criterion: R_c = union of reach discs, I_c = union of ideal discs.
///    Starting from the union of all R_c, every patch is split by each criterion into its
///    ideal (∩ I_c), reached (∩ R_c \ I_c) and none (\ R_c) parts; empty parts are dropped.
/// 4. Patches with the same signature across regions form one MultiPolygon.
///
/// Buildings are assigned to vlekken by their exact signature (SPEC §3 distances), which is
/// where the polygon would put them away from the edges; the invariant test checks this
/// geometrically.
public struct VlekkenkaartBuilder {
    public let profile: Profile
    public let shape: DiscShape
    public let parallelism: Parallelism
    // Overlays run in full floating precision (see Overlay.swift): snapping every overlay to
    // a 1 mm grid instead gave the same vlekken (areas within 1e-6) at three times the cost.
    /// Parts of a vlek smaller than this (m²) are dropped: slivers where two polygonal circles
    /// nearly touch, artefacts of the 64-gon (which lies up to 0.6 m inside a 500 m circle),
    /// not places anyone can build.
    public static let minimumPartArea = 1.0

    public init(profile: Profile, shape: DiscShape, parallelism: Parallelism) {
        self.profile = profile
        self.shape = shape
        self.parallelism = parallelism
    }

    struct Disc {
        let criterion: Int
        let x: Double
        let y: Double
    }

    struct Piece {
        let signature: Signature
        let area: Double
        let polygons: GeometryColumn
    }

    public func build(voorzieningen: Voorzieningen, buildings: Buildings, reach: Reach) throws -> Vlekkenkaart {
        // 1. Discs of every criterion. Two voorzieningen at the same spot give the same disc
        //    twice; that is harmless to the union.
        var discs: [Disc] = []
        for (c, criterion) in profile.criteria.enumerated() {
            for v in 0..<voorzieningen.count where criterion.types.contains(voorzieningen.types[v]) {
                discs.append(Disc(criterion: c, x: voorzieningen.xs[v], y: voorzieningen.ys[v]))
            }
        }
        // 2. Regions: discs i, j overlap when their centres are within r_i + r_j.
        let largest = profile.largestRadius
        let grid = GridIndex(xs: discs.map(\.x), ys: discs.map(\.y), cellSize: 2 * largest)
        var sets = DisjointSets(count: discs.count)
        grid.forEachPair(within: 2 * largest) { i, j, d in
            if d <= profile.criteria[discs[i].criterion].radius + profile.criteria[discs[j].criterion].radius {
                sets.union(i, j)
            }
        }
        let regions = sets.components()
        // 3. Each region on its own. Regions are spread over the workers round-robin by size
        //    so one huge region does not leave a worker idle with the small ones queued.
        let order = regions.indices.sorted { regions[$0].count > regions[$1].count }
        let workers = min(parallelism.workers, max(1, regions.count))
        let results = ResultSlots<[Piece]>(count: regions.count)
        try parallelism.run(chunks: workers) { worker in
            let context = GEOSContext()
            for position in stride(from: worker, to: order.count, by: workers) {
                let r = order[position]
                results.set(r, try partition(region: regions[r], discs: discs, context: context))
            }
        }
        // 4. Gather pieces by signature.
        var bySignature: [Signature: (area: Double, pieces: [GeometryColumn])] = [:]
        for r in regions.indices {
            for piece in results.value(r)! {
                bySignature[piece.signature, default: (0, [])].area += piece.area
                bySignature[piece.signature, default: (0, [])].pieces.append(piece.polygons)
            }
        }
        let signatures = bySignature.keys.sorted { a, b in
            let sa = a.score(in: profile), sb = b.score(in: profile)
            return sa != sb ? sa > sb : a < b
        }
        var indexOfKey: [UInt64: Int] = [:]
        for (k, s) in signatures.enumerated() { indexOfKey[s.key] = k }
        var vlekOfBuilding = [Int](repeating: -1, count: buildings.count)
        var buildingCount = [Int](repeating: 0, count: signatures.count)
        var unitCount = [Int](repeating: 0, count: signatures.count)
        for b in 0..<buildings.count {
            guard let k = indexOfKey[reach.signatureKey(of: b)] else { continue }
            vlekOfBuilding[b] = k
            buildingCount[k] += 1
            unitCount[k] += Int(buildings.units[b])
        }
        var geometries = GeometryColumn()
        var vlekken: [Vlek] = []
        for (k, signature) in signatures.enumerated() {
            let entry = bySignature[signature]!
            for piece in entry.pieces { geometries.appendParts(of: 0, from: piece) }
            geometries.endFeature(kind: .multiPolygon)
            vlekken.append(Vlek(signature: signature, score: signature.score(in: profile), complete: signature.isComplete(in: profile),
                                area: entry.area, buildings: buildingCount[k], units: unitCount[k]))
        }
        return Vlekkenkaart(vlekken: vlekken, geometries: geometries, vlekOfBuilding: vlekOfBuilding)
    }

    /// The patches of one region.
    func partition(region: [Int], discs: [Disc], context: GEOSContext) throws -> [Piece] {
        var reachAreas: [Geometry?] = []
        var idealAreas: [Geometry?] = []
        for (c, criterion) in profile.criteria.enumerated() {
            let members = region.filter { discs[$0].criterion == c }
            if members.isEmpty {
                reachAreas.append(nil)
                idealAreas.append(nil)
                continue
            }
            let reachDiscs = try members.map { try context.disc(x: discs[$0].x, y: discs[$0].y, radius: criterion.radius, shape: shape) }
            reachAreas.append(try context.union(of: reachDiscs))
            if let ideal = criterion.ideal {
                let idealDiscs = try members.map { try context.disc(x: discs[$0].x, y: discs[$0].y, radius: ideal, shape: shape) }
                idealAreas.append(try context.union(of: idealDiscs))
            } else {
                idealAreas.append(nil) // without an ideal radius the whole reach area is "ideal"
            }
        }
        // The union of all reach areas. `union(of:)` takes ownership of its inputs, so it
        // gets copies.
        let copies = try reachAreas.compactMap { $0 }.map { try $0.clone() }
        var patches: [(Geometry, [Level])] = [(try context.union(of: copies), [])]
        for (c, _) in profile.criteria.enumerated() {
            var next: [(Geometry, [Level])] = []
            for (patch, levels) in patches {
                guard let reachArea = reachAreas[c], try patch.envelopeIntersects(reachArea) else {
                    next.append((patch, levels + [.none]))
                    continue
                }
                let inside = try patch.intersection(reachArea).polygonalPart()
                let outside = try patch.difference(reachArea)
                if let idealArea = idealAreas[c] {
                    try keep(try inside.intersection(idealArea), levels + [.ideal], in: &next)
                    try keep(try inside.difference(idealArea), levels + [.reached], in: &next)
                } else {
                    try keep(inside, levels + [.ideal], in: &next)
                }
                try keep(outside, levels + [.none], in: &next)
            }
            patches = next
        }
        return try patches.compactMap { geometry, levels in
            // Every patch lies inside the union of the reach areas, so a patch outside all of
            // them can only be what rounding left over; it is no vlek.
            guard levels.contains(where: { $0 != .none }) else { return nil }
            let polygons = try geometry.polygonalPart(minimumArea: Self.minimumPartArea)
            var column = GeometryColumn()
            guard try polygons.appendPolygons(to: &column) else { return nil }
            return Piece(signature: Signature(levels), area: try polygons.area(), polygons: column)
        }
    }

    /// Keeps a patch that has area (overlays can return empty results or bare lines).
    private func keep(_ geometry: Geometry, _ levels: [Level], in patches: inout [(Geometry, [Level])]) throws {
        let polygons = try geometry.polygonalPart()
        if !polygons.isEmpty, try polygons.area() > 0 { patches.append((polygons, levels)) }
    }
}
