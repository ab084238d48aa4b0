/// Buurten grouped into larger areas, wijken or gemeenten, each with the statistics of SPEC §6
/// over the buildings of its buurten.
public struct AreaGroups: Sendable {
    /// "wijk" or "gemeente".
    public let level: String
    /// One per group, in order of first appearance among the buurten.
    public let areas: [AreaStatistics]
    /// Buurten whose group is unknown (no code in the source and none derivable).
    public let buurtenWithoutGroup: Int

    /// Groups per wijk (CBS's `wijkcode`, or derived from a CBS buurtcode).
    public static func wijken(_ result: AnalysisResult, parallelism: Parallelism) throws -> AreaGroups {
        let b = result.data.buurten
        return try make(level: "wijk", result: result, parallelism: parallelism) { k in b.wijkCode(k).map { ($0, "") } }
    }

    /// Groups per gemeente (CBS's `gemeentecode` and `gemeentenaam`, or the code derived).
    public static func gemeenten(_ result: AnalysisResult, parallelism: Parallelism) throws -> AreaGroups {
        let b = result.data.buurten
        return try make(level: "gemeente", result: result, parallelism: parallelism) { k in b.gemeenteCode(k).map { ($0, b.gemeenteName(k)) } }
    }

    static func make(level: String, result: AnalysisResult, parallelism: Parallelism,
                     group: (Int) -> (code: String, name: String)?) throws -> AreaGroups {
        let buurten = result.data.buurten
        var index: [String: Int] = [:]
        var codes: [String] = [], names: [String] = []
        var groupOfBuurt = [Int](repeating: -1, count: buurten.count)
        for k in 0..<buurten.count {
            guard let (code, name) = group(k) else { continue }
            if let g = index[code] {
                groupOfBuurt[k] = g
                if names[g].isEmpty { names[g] = name }
            } else {
                index[code] = codes.count
                groupOfBuurt[k] = codes.count
                codes.append(code)
                names.append(name)
            }
        }
        let coverage = result.coverage
        let groupOfBuilding = coverage.buurtOfBuilding.map { $0 >= 0 ? groupOfBuurt[$0] : -1 }
        let builder = CoverageBuilder(profile: result.profile, parallelism: parallelism)
        let members = CoverageBuilder.members(of: codes.count, buurtOf: groupOfBuilding)
        let summaries = try builder.distanceSummaries(buurtOf: groupOfBuilding, areas: codes.count, reach: result.reach,
                                                      units: result.data.buildings.units, orders: coverage.ascendingOrders,
                                                      total: false)
        // Areas add up over the land buurten of a group (a water buurt has none to plan).
        var area = [Double](repeating: 0, count: codes.count)
        var complete = [Double?](repeating: result.vlekkenkaart != nil ? 0 : nil, count: codes.count)
        for k in 0..<buurten.count where groupOfBuurt[k] >= 0 && !buurten.water(k) {
            let g = groupOfBuurt[k], a = coverage.areas[k]
            area[g] += a.area ?? 0
            if let c = a.completeArea { complete[g] = (complete[g] ?? 0) + c }
        }
        let areas = (0..<codes.count).map { g in
            builder.statistics(code: codes[g], name: names[g], members: members[g], buildings: result.data.buildings,
                               distances: summaries[g], reach: result.reach, clusters: result.clusters,
                               area: area[g], completeArea: complete[g])
        }
        return AreaGroups(level: level, areas: areas, buurtenWithoutGroup: groupOfBuurt.filter { $0 < 0 }.count)
    }
}
