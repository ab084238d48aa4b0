/// cirkel's distances beside CBS's nabijheid figures (the average distance by road from the
/// homes of a buurt to the nearest voorziening of a kind): per buurt and type, the
/// unit-weighted mean straight-line distance to the nearest voorziening of that type and
/// the ratio of CBS's figure to it, the detour factor of the road network.
public struct NabijheidComparison: Sendable {
    public struct Row: Sendable {
        public let buurt: Int
        public let type: String
        public let column: String
        /// Homes (units) in the buurt with a finite distance.
        public let units: Int
        public let cbsMetres: Double?
        public let cirkelMeanMetres: Double?
        /// cbs / cirkel, when both are known and cirkel's mean is above zero.
        public var detour: Double? {
            guard let cbs = cbsMetres, let mean = cirkelMeanMetres, mean > 0 else { return nil }
            return cbs / mean
        }
    }

    /// Per type, in the order of `Buurten.nabijheid`: one summary over the buurten compared.
    public struct Summary: Sendable {
        public let type: String
        public let column: String
        public let buurtenCompared: Int
        /// The median of the buurten's detour factors.
        public let medianDetour: Double?
        /// Σ units × CBS distance / Σ units × cirkel's mean, over the buurten compared.
        public let unitWeightedDetour: Double?
        public let unitsCompared: Int
    }

    public let rows: [Row]
    public let summaries: [Summary]

    /// Nil when the buurten carry no nabijheid columns.
    public static func compare(_ result: AnalysisResult, parallelism: Parallelism) throws -> NabijheidComparison? {
        let data = result.data, buurten = data.buurten
        guard !buurten.nabijheid.isEmpty else { return nil }
        // One index per voorziening type (a criterion of that type alone; its radius plays no
        // part in the nearest distance).
        let criteria = buurten.nabijheid.map { Criterion(name: $0.type, types: [$0.type], radius: 1, required: false) }
        let distances = try Reach.nearestDistances(CriterionIndex.all(for: criteria, voorzieningen: data.voorzieningen),
                                                   buildings: data.buildings, parallelism: parallelism)
        let buurtOf = result.coverage.buurtOfBuilding
        var rows: [Row] = [], summaries: [Summary] = []
        for (t, figures) in buurten.nabijheid.enumerated() {
            var sum = [Double](repeating: 0, count: buurten.count), units = [Int](repeating: 0, count: buurten.count)
            for b in 0..<data.buildings.count where buurtOf[b] >= 0 {
                let d = distances[t][b], u = Int(data.buildings.units[b])
                guard d.isFinite, u > 0 else { continue }
                sum[buurtOf[b]] += d * Double(u)
                units[buurtOf[b]] += u
            }
            var compared: [Row] = []
            for k in 0..<buurten.count {
                let row = Row(buurt: k, type: figures.type, column: figures.column, units: units[k],
                              cbsMetres: figures.kilometres[k].map { $0 * 1000 },
                              cirkelMeanMetres: units[k] > 0 ? sum[k] / Double(units[k]) : nil)
                rows.append(row)
                if row.detour != nil { compared.append(row) }
            }
            let ratios = compared.compactMap(\.detour).sorted()
            let weightedCBS = compared.reduce(0.0) { $0 + Double($1.units) * $1.cbsMetres! }
            let weightedCirkel = compared.reduce(0.0) { $0 + Double($1.units) * $1.cirkelMeanMetres! }
            summaries.append(Summary(type: figures.type, column: figures.column, buurtenCompared: compared.count,
                                     medianDetour: ratios.isEmpty ? nil : ratios.count % 2 == 1 ? ratios[ratios.count / 2]
                                        : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2,
                                     unitWeightedDetour: weightedCirkel > 0 ? weightedCBS / weightedCirkel : nil,
                                     unitsCompared: compared.reduce(0) { $0 + $1.units }))
        }
        return NabijheidComparison(rows: rows, summaries: summaries)
    }
}
