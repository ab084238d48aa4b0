/// The what-if summary in a planner's words (and as JSON).
public struct WhatIfText {
    public let changes: WhatIfChanges
    public let planned: PreparedAnalysis
    public let language: Language

    public init(changes: WhatIfChanges, planned: PreparedAnalysis, language: Language) {
        self.changes = changes
        self.planned = planned
        self.language = language
    }

    private func say(_ en: String, _ nl: String) -> String { language == .en ? en : nl }

    private func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

    public func render() -> String {
        let c = changes
        let voorzieningen = say(c.plannedVoorzieningen == 1 ? "1 planned voorziening" : "\(c.plannedVoorzieningen) planned voorzieningen",
                                c.plannedVoorzieningen == 1 ? "1 geplande voorziening" : "\(c.plannedVoorzieningen) geplande voorzieningen")
        let buildings = say(c.plannedBuildings == 1 ? "1 planned building" : "\(c.plannedBuildings) planned buildings",
                            c.plannedBuildings == 1 ? "1 gepland gebouw" : "\(c.plannedBuildings) geplande gebouwen")
        var lines = [say("what-if: \(voorzieningen), \(buildings) (\(c.plannedUnits) units)",
                         "wat-als: \(voorzieningen), \(buildings) (\(c.plannedUnits) wooneenheden)")]
        lines.append(say("  existing units becoming complete   \(c.existingUnitsBecomingComplete)",
                         "  bestaande wooneenheden nu compleet  \(c.existingUnitsBecomingComplete)"))
        lines.append(say("  existing units becoming qualifying \(c.existingUnitsBecomingQualifying)",
                         "  bestaande wooneenheden nu geschikt  \(c.existingUnitsBecomingQualifying)"))
        if c.plannedBuildings > 0 {
            lines.append(say("  planned units complete / qualifying \(c.plannedUnitsComplete) / \(c.plannedUnitsQualifying)",
                             "  geplande wooneenheden compleet / geschikt \(c.plannedUnitsComplete) / \(c.plannedUnitsQualifying)"))
        }
        lines.append(say("  units in clusters                  \(signed(c.unitsInClustersChange))",
                         "  wooneenheden in clusters           \(signed(c.unitsInClustersChange))"))
        for change in c.clusters {
            let before = change.before.map { say("cluster \($0.id) (\($0.units) units)", "cluster \($0.id) (\($0.units) wooneenheden)") }.joined(separator: ", ")
            switch change.kind {
            case .new: lines.append(say("  new cluster \(change.id): \(change.units) units", "  nieuw cluster \(change.id): \(change.units) wooneenheden"))
            case .grown: lines.append(say("  \(before) grows to \(change.units) units (now cluster \(change.id))",
                                          "  \(before) groeit tot \(change.units) wooneenheden (nu cluster \(change.id))"))
            case .merged: lines.append(say("  \(before) merge into cluster \(change.id) of \(change.units) units",
                                           "  \(before) smelten samen tot cluster \(change.id) van \(change.units) wooneenheden"))
            }
        }
        if !c.buurten.isEmpty {
            lines.append(say("  per buurt (units): complete, qualifying, in clusters", "  per buurt (wooneenheden): compleet, geschikt, in clusters"))
            for row in c.buurten {
                let outside = planned.buurten.count == 0 ? say("all (the data has no buurten)", "alle (de gegevens hebben geen buurten)")
                    : say("outside every buurt", "buiten elke buurt")
                let name = row.buurt.map { "\(planned.buurten.codes[$0]) \(planned.buurten.names[$0])" } ?? outside
                lines.append("    \(name): \(signed(row.unitsComplete)), \(signed(row.unitsQualifying)), \(signed(row.unitsInClusters))")
            }
        }
        return lines.joined(separator: "\n")
    }

    public func document() -> JSONDocument {
        let c = changes
        return .object([
            ("planned_voorzieningen", .value(.integer(c.plannedVoorzieningen))),
            ("planned_buildings", .value(.integer(c.plannedBuildings))), ("planned_units", .value(.integer(c.plannedUnits))),
            ("existing_units_becoming_complete", .value(.integer(c.existingUnitsBecomingComplete))),
            ("existing_units_becoming_qualifying", .value(.integer(c.existingUnitsBecomingQualifying))),
            ("planned_units_complete", .value(.integer(c.plannedUnitsComplete))),
            ("planned_units_qualifying", .value(.integer(c.plannedUnitsQualifying))),
            ("units_in_clusters_change", .value(.integer(c.unitsInClustersChange))),
            ("clusters", .array(c.clusters.map { change in
                .object([("change", .value(.string(change.kind.rawValue))), ("id", .value(.integer(change.id))), ("units", .value(.integer(change.units))),
                         ("before", .array(change.before.map { .object([("id", .value(.integer($0.id))), ("units", .value(.integer($0.units)))]) }))])
            })),
            ("buurten", .array(c.buurten.map { row in
                .object([("buurt", row.buurt.map { .value(.string(planned.buurten.codes[$0])) } ?? .value(.missing)),
                         ("units_complete", .value(.integer(row.unitsComplete))), ("units_qualifying", .value(.integer(row.unitsQualifying))),
                         ("units_in_clusters", .value(.integer(row.unitsInClusters)))])
            })),
        ])
    }
}
