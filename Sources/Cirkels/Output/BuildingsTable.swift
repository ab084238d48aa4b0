/// `buildings.csv`: one row per building (SPEC §7).
enum BuildingsTable {
    static func columns(_ profile: Profile) -> [String] {
        ["id", "x", "y", "units", "buurt"] + profile.criteria.map { "d_\($0.name)" } + ["score", "complete", "qualifying", "cluster", "profile"]
    }

    static func make(_ result: AnalysisResult) -> CSVTable {
        let b = result.data.buildings, reach = result.reach
        var table = CSVTable(columns: columns(result.profile))
        let profile = OutputValue.string(result.profile.name)
        for i in 0..<b.count {
            let buurt = result.coverage.buurtOfBuilding[i]
            var row: [OutputValue] = [
                .string(b.ids[i]), .fixed(b.xs[i], decimals: 2), .fixed(b.ys[i], decimals: 2), .integer(Int(b.units[i])),
                buurt >= 0 ? .string(result.data.buurten.codes[buurt]) : .missing,
            ]
            for c in result.profile.criteria.indices { row.append(.fixedOrMissing(reach.distances[c][i], decimals: 2)) }
            row += [.trimmed(reach.scores[i], decimals: 6), .bool(reach.complete[i]), .bool(reach.qualifying[i]),
                    .integer(result.clusters.clusterOfBuilding[i]), profile]
            table.appendRow(row)
        }
        return table
    }
}
