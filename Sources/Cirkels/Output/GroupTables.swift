import Foundation

/// `coverage-wijken.csv` and `coverage-gemeenten.csv`: the columns of coverage.csv, one row
/// per wijk or gemeente.
enum GroupTable {
    static func make(_ groups: AreaGroups, result: AnalysisResult) -> CSVTable {
        var table = CSVTable(columns: CoverageTable.columns(result.profile))
        for a in groups.areas { table.appendRow(CoverageTable.row(a, isTotal: false, coverage: result.coverage, profile: result.profile)) }
        return table
    }
}

/// `nabijheid.csv`: per buurt and voorziening type CBS's distance by road beside cirkel's mean
/// straight-line distance and their ratio; then per type a `totaal` row with the
/// unit-weighted figures over the buurten compared.
enum NabijheidTable {
    static func make(_ comparison: NabijheidComparison, result: AnalysisResult) -> CSVTable {
        var table = CSVTable(columns: ["area", "name", "type", "cbs_column", "units", "cbs_m", "cirkel_mean_m", "detour"])
        let buurten = result.data.buurten
        for row in comparison.rows {
            table.appendRow([.string(buurten.codes[row.buurt]), .string(buurten.names[row.buurt]), .string(row.type), .string(row.column),
                             .integer(row.units), row.cbsMetres.map { .fixed($0, decimals: 0) } ?? .missing,
                             row.cirkelMeanMetres.map { .fixed($0, decimals: 2) } ?? .missing,
                             row.detour.map { .fixed($0, decimals: 3) } ?? .missing])
        }
        for s in comparison.summaries {
            table.appendRow([.string(Coverage.totalCode), .string("\(s.buurtenCompared) buurten compared; median detour \(s.medianDetour.map { String(format: "%.3f", $0) } ?? "-")"),
                             .string(s.type), .string(s.column), .integer(s.unitsCompared), .missing, .missing,
                             s.unitWeightedDetour.map { .fixed($0, decimals: 3) } ?? .missing])
        }
        return table
    }
}
