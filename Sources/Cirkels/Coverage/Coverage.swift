/// The statistics of one area, a buurt or "totaal" (SPEC §6).
public struct AreaStatistics: Sendable {
    public let code: String
    public let name: String
    public let buildings: Int
    public let units: Int
    /// Per criterion (profile order): the distances over this area's buildings, summarised.
    public let distances: [DistanceSummary]
    /// Per criterion: units with d ≤ radius.
    public let unitsReached: [Int]
    public let unitsComplete: Int
    public let unitsQualifying: Int
    public let unitsInClusters: Int
    /// Clusters with at least one member in the area.
    public let clusters: Int
    /// Area in m² (nil for "totaal" without buurten).
    public let area: Double?
    /// Of that, the area covered by complete vlekken (nil without a vlekkenkaart).
    public let completeArea: Double?
}

/// Coverage per buurt and in total (SPEC §6), with the sensitivity table.
public struct Coverage: Sendable {
    /// One per buurt in file order, then "totaal" last.
    public let areas: [AreaStatistics]
    /// Per building: the index of its buurt, -1 for none.
    public let buurtOfBuilding: [Int]
    /// Buildings in no buurt; nil when no buurten were given.
    public let buildingsOutsideBuurten: Int?
    /// Per criterion: the buildings in ascending order of distance (see
    /// `DistanceSummary.ascendingOrder`), kept so wijken and gemeenten need no new sort.
    let ascendingOrders: [[Int32]]

    /// The radii of the sensitivity table: 250 to 800 m in steps of 50 m.
    public static let sensitivityRadii: [Double] = stride(from: 250.0, through: 800.0, by: 50.0).map { $0 }

    public static let totalCode = "totaal"
}

/// Computes `Coverage`.
public struct CoverageBuilder {
    public let profile: Profile
    public let parallelism: Parallelism

    public init(profile: Profile, parallelism: Parallelism) {
        self.profile = profile
        self.parallelism = parallelism
    }

    public func build(data: DataSet, reach: Reach, clusters: Clusters, vlekkenkaart: Vlekkenkaart?) throws -> Coverage {
        let buildings = data.buildings, buurten = data.buurten
        let progress = parallelism.progress
        progress.step("finding each building's buurt")
        let buurtOf = try BuurtAssignment.assign(buildings: buildings, buurten: buurten, parallelism: parallelism)
        let members = Self.members(of: buurten.count, buurtOf: buurtOf)
        let outside = buildings.count - members.reduce(0) { $0 + $1.count }
        progress.step("ordering distances")
        let orders = try ascendingOrders(reach: reach, units: buildings.units)
        progress.step("distances per buurt")
        let summaries = try distanceSummaries(buurtOf: buurtOf, areas: buurten.count, reach: reach, units: buildings.units, orders: orders)
        progress.step("areas")
        let buurtAreas = try areas(of: buurten, vlekkenkaart: vlekkenkaart)
        progress.step("statistics")
        let statistics = ResultSlots<AreaStatistics>(count: buurten.count)
        try parallelism.forEachRange(count: buurten.count) { range, _ in
            for k in range {
                statistics.set(k, self.statistics(code: buurten.codes[k], name: buurten.names[k], members: members[k], buildings: buildings,
                                                  distances: summaries[k], reach: reach, clusters: clusters,
                                                  area: buurtAreas[k].area, completeArea: buurtAreas[k].complete))
            }
        }
        var result = (0..<buurten.count).map { statistics.value($0)! }
        // "totaal": the whole set. With buurten its area is theirs (water buurten left out);
        // without, only the complete area of the vlekkenkaart is known.
        let landAreas = buurtAreas.indices.filter { !buurten.water($0) }.map { buurtAreas[$0] }
        let totalArea: Double? = buurten.count > 0 ? landAreas.reduce(0) { $0 + $1.area } : nil
        let totalComplete: Double?
        if let vlekkenkaart {
            totalComplete = buurten.count > 0 ? landAreas.reduce(0) { $0 + ($1.complete ?? 0) }
                : vlekkenkaart.vlekken.filter(\.complete).reduce(0) { $0 + $1.area }
        } else {
            totalComplete = nil
        }
        result.append(self.statistics(code: Coverage.totalCode, name: Coverage.totalCode, members: 0..<buildings.count,
                                      buildings: buildings, distances: summaries[buurten.count], reach: reach,
                                      clusters: clusters, area: totalArea, completeArea: totalComplete))
        return Coverage(areas: result, buurtOfBuilding: buurtOf, buildingsOutsideBuurten: buurten.count > 0 ? outside : nil,
                        ascendingOrders: orders)
    }

    /// The buildings of each of `count` buurten, in building order.
    static func members(of count: Int, buurtOf: [Int]) -> [[Int]] {
        var members = [[Int]](repeating: [], count: count)
        for (b, k) in buurtOf.enumerated() where k >= 0 { members[k].append(b) }
        return members
    }

    /// Per criterion, every building in ascending order of distance.
    func ascendingOrders(reach: Reach, units: [Int32]) throws -> [[Int32]] {
        let orders = ResultSlots<[Int32]>(count: profile.criteria.count)
        try parallelism.run(chunks: profile.criteria.count) { c in
            orders.set(c, DistanceSummary.ascendingOrder(distances: reach.distances[c], units: units))
        }
        return profile.criteria.indices.map { orders.value($0)! }
    }

    /// `summaries[area][criterion]` for every area and, last (when `total`), "totaal", given each
    /// criterion's buildings sorted by distance (`orders`); a stable pass deals them out to
    /// their areas, which therefore receive them in ascending order too.
    func distanceSummaries(buurtOf: [Int], areas: Int, reach: Reach, units: [Int32], orders: [[Int32]], total: Bool = true) throws -> [[DistanceSummary]] {
        let criteria = profile.criteria.count
        let radii = DistanceSummary.radii(for: profile)
        let perCriterion = ResultSlots<[DistanceSummary]>(count: criteria)
        try parallelism.run(chunks: criteria) { c in
            let distances = reach.distances[c]
            let order = orders[c]
            // Counting sort by buurt: where each buurt's run starts, then fill in order.
            var start = [Int](repeating: 0, count: areas + 1)
            for b in order where buurtOf[Int(b)] >= 0 { start[buurtOf[Int(b)] + 1] += 1 }
            for k in 0..<areas { start[k + 1] += start[k] }
            var next = start
            var byBuurt = [Int32](repeating: 0, count: start[areas])
            for b in order where buurtOf[Int(b)] >= 0 {
                let k = buurtOf[Int(b)]
                byBuurt[next[k]] = b
                next[k] += 1
            }
            var list = (0..<areas).map { k in
                DistanceSummary(ascending: byBuurt[start[k]..<start[k + 1]], distances: distances, units: units, radii: radii)
            }
            if total { list.append(DistanceSummary(ascending: order, distances: distances, units: units, radii: radii)) }
            perCriterion.set(c, list)
        }
        return (0..<(total ? areas + 1 : areas)).map { k in (0..<criteria).map { c in perCriterion.value(c)![k] } }
    }

    func statistics<Members: Sequence>(code: String, name: String, members: Members, buildings: Buildings,
                                       distances: [DistanceSummary], reach: Reach, clusters: Clusters,
                                       area: Double?, completeArea: Double?) -> AreaStatistics where Members.Element == Int {
        var count = 0, units = 0, complete = 0, qualifying = 0, inClusters = 0
        var clusterIDs = Set<Int>()
        for b in members {
            let u = Int(buildings.units[b])
            count += 1
            units += u
            if reach.complete[b] { complete += u }
            if reach.qualifying[b] { qualifying += u }
            if clusters.clusterOfBuilding[b] > 0 {
                inClusters += u
                clusterIDs.insert(clusters.clusterOfBuilding[b])
            }
        }
        let reached = profile.criteria.enumerated().map { c, criterion in distances[c].units(within: criterion.radius) }
        return AreaStatistics(code: code, name: name, buildings: count, units: units, distances: distances,
                              unitsReached: reached, unitsComplete: complete, unitsQualifying: qualifying,
                              unitsInClusters: inClusters, clusters: clusterIDs.count, area: area, completeArea: completeArea)
    }

    /// Each buurt's area and the part of it covered by complete vlekken.
    func areas(of buurten: Buurten, vlekkenkaart: Vlekkenkaart?) throws -> [(area: Double, complete: Double?)] {
        let results = ResultSlots<(Double, Double?)>(count: buurten.count)
        try parallelism.forEachRange(count: buurten.count) { range, _ in
            try wrappingGeoErrors {
                let context = GEOSContext()
                // The complete vlekken, one polygon at a time with its bounding box, so a
                // buurt is intersected only with the polygons near it.
                var completePolygons: [(Geometry, (minX: Double, minY: Double, maxX: Double, maxY: Double))] = []
                if let vlekkenkaart {
                    for (k, vlek) in vlekkenkaart.vlekken.enumerated() where vlek.complete {
                        let g = vlekkenkaart.geometries
                        for part in g.parts(of: k) {
                            let polygon = try g.xs.withUnsafeBufferPointer { xs in
                                try g.ys.withUnsafeBufferPointer { ys in
                                    try context.polygon(xs: xs, ys: ys, rings: g.rings(of: part).map { g.coordinates(of: $0) })
                                }
                            }
                            completePolygons.append((polygon, try polygon.envelope()))
                        }
                    }
                }
                for k in range {
                    let buurt = try context.geometry(feature: k, of: buurten.geometries)
                    let area = try buurt.area()
                    // A water buurt has no homes to plan: it stays out of area shares.
                    guard vlekkenkaart != nil, !buurten.water(k) else {
                        results.set(k, (area, nil))
                        continue
                    }
                    let box = try buurt.envelope()
                    var complete = 0.0
                    for (polygon, p) in completePolygons where p.minX <= box.maxX && box.minX <= p.maxX && p.minY <= box.maxY && box.minY <= p.maxY {
                        complete += try buurt.intersection(polygon).area()
                    }
                    results.set(k, (area, complete))
                }
            }
        }
        return (0..<buurten.count).map { results.value($0)! }
    }
}
