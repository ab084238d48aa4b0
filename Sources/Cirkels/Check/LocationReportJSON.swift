/// `cirkel check --json`: one object per location, in a stable schema (README, "cirkel check").
public enum LocationReportJSON {
    public static let schemaVersion = 1

    /// The whole answer: `{"schema", "profile", "what_if", "locations": [...]}`.
    public static func answer(_ reports: [LocationReport], prepared: PreparedAnalysis, text: LocationReportText, whatIf: JSONDocument?) -> JSONDocument {
        .object([
            ("schema", .value(.integer(schemaVersion))),
            ("profile", .value(.string(prepared.profile.name))),
            ("what_if", whatIf ?? .value(.missing)),
            ("locations", .array(reports.map { document($0, prepared: prepared, text: text) })),
        ])
    }

    public static func document(_ r: LocationReport, prepared: PreparedAnalysis, text: LocationReportText) -> JSONDocument {
        let v = prepared.voorzieningen
        let criteria: [JSONDocument] = r.findings.map { f in
            var nearest: JSONDocument = .value(.missing)
            if let k = f.nearest {
                nearest = .object([("type", .value(.string(v.types[k]))), ("name", .value(.string(v.names[k]))),
                                   ("x", .value(.fixed(v.xs[k], decimals: 2))), ("y", .value(.fixed(v.ys[k], decimals: 2))),
                                   ("distance_m", .value(.fixed(f.distance, decimals: 2)))])
            }
            return .object([
                ("name", .value(.string(f.criterion.name))), ("required", .value(.bool(f.criterion.required))),
                ("radius_m", .value(.trimmed(f.criterion.radius, decimals: 3))),
                ("ideal_m", f.criterion.ideal.map { .value(.trimmed($0, decimals: 3)) } ?? .value(.missing)),
                ("level", .value(.string(f.level.name))), ("points", .value(.trimmed(f.points, decimals: 6))),
                ("distance_m", .value(.fixedOrMissing(f.distance, decimals: 2))), ("nearest", nearest),
            ])
        }
        let c = r.cluster
        let nearestCluster: JSONDocument = c.nearest.map {
            .object([("id", .value(.integer($0.id))), ("units", .value(.integer($0.units))), ("distance_m", .value(.fixed($0.distance, decimals: 2)))])
        } ?? .value(.missing)
        let buurt: JSONDocument = r.buurt.map {
            .object([("code", .value(.string(prepared.buurten.codes[$0]))), ("name", .value(.string(prepared.buurten.names[$0])))])
        } ?? .value(.missing)
        return .object([
            ("location", .object([("label", .value(.string(r.location.label))), ("x", .value(.fixed(r.location.x, decimals: 2))),
                                  ("y", .value(.fixed(r.location.y, decimals: 2)))])),
            ("buurt", buurt),
            ("criteria", .array(criteria)),
            ("score", .value(.trimmed(r.score, decimals: 6))),
            ("maximum_score", .value(.trimmed(r.maximumScore, decimals: 6))),
            ("complete", .value(.bool(r.complete))),
            ("missing", .array(r.missing.map { .object([("criterion", .value(.string($0.criterion.name))), ("text", .value(.string(text.missingPhrase($0))))]) })),
            ("vlek", .object(zip(prepared.profile.criteria, r.signature.levels).map { ($0.name, .value(.string($1.name))) })),
            ("cluster", .object([
                ("nearest", nearestCluster), ("planned_units", .value(.integer(c.plannedUnits))),
                ("homes_qualify", .value(.bool(c.homesQualify))), ("joins", .array(c.joins.map { .value(.integer($0)) })),
                ("resulting_units", .value(.integer(c.resultingUnits))), ("forms_cluster", .value(.bool(c.formsCluster))),
                ("min_units", .value(.integer(c.minUnits))), ("link_m", .value(.trimmed(c.link, decimals: 3))),
            ])),
        ])
    }
}
