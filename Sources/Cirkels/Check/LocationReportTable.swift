/// `cirkel check --locations`: one CSV row per location.
public enum LocationReportTable {
    public static func table(_ reports: [LocationReport], prepared: PreparedAnalysis, text: LocationReportText) -> CSVTable {
        let criteria = prepared.profile.criteria
        var table = CSVTable(columns: ["label", "x", "y", "buurt"] + criteria.map { "d_\($0.name)" } + criteria.map { "level_\($0.name)" }
            + ["score", "complete", "missing", "nearest_cluster", "nearest_cluster_m", "homes_qualify", "joins", "resulting_units", "forms_cluster", "profile"])
        for r in reports {
            var row: [OutputValue] = [.string(r.location.label), .fixed(r.location.x, decimals: 2), .fixed(r.location.y, decimals: 2),
                                      r.buurt.map { .string(prepared.buurten.codes[$0]) } ?? .missing]
            row += r.findings.map { .fixedOrMissing($0.distance, decimals: 2) }
            row += r.findings.map { .string($0.level.name) }
            let c = r.cluster
            row += [.trimmed(r.score, decimals: 6), .bool(r.complete), .string(r.missing.map { $0.criterion.name }.joined(separator: " ")),
                    c.nearest.map { .integer($0.id) } ?? .missing, c.nearest.map { .fixed($0.distance, decimals: 2) } ?? .missing,
                    .bool(c.homesQualify), .string(c.joins.map(String.init).joined(separator: " ")), .integer(c.resultingUnits),
                    .bool(c.formsCluster), .string(prepared.profile.name)]
            table.appendRow(row)
        }
        return table
    }
}
