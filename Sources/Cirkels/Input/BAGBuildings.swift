extension DataSetReader {
    /// The existing homes among BAG verblijfsobjecten (`rules`), one building each with
    /// units 1, its `identificatie` as id and its pand kept; the rest are counted in a note.
    func readBAG(_ table: FeatureTable, rules: BAGRules, locator: FeatureLocator, notes: inout [String]) throws -> Buildings {
        let (xs, ys) = try locator.locations(of: table, allowed: [.point, .polygon, .multiPolygon])
        for column in [BAGRules.use, BAGRules.status] where table.properties[column] == nil && table.count > 0 {
            throw CirkelError.missingFile(path: table.source, reason: "no column \"\(column)\": BAG verblijfsobjecten need \(BAGRules.use) and \(BAGRules.status)")
        }
        let ids = table.column(BAGRules.identifier), uses = table.column(BAGRules.use)
        let statuses = table.column(BAGRules.status), pands = table.column(BAGRules.pand)
        var buildings = Buildings()
        var homes = 0
        let existing = Set(rules.existingStatuses)
        for f in 0..<table.count {
            guard case let .string(status) = statuses[f], existing.contains(status),
                  case let .string(use) = uses[f], rules.isExistingHome(use: use, status: status) else { continue }
            homes += 1
            buildings.append(id: ids[f].text ?? table.featureIDs[f].text ?? String(f), x: xs[f], y: ys[f], units: 1,
                             nultredenAllowed: true, pandID: pands[f].text ?? "")
        }
        notes.append("\(table.source): \(Self.count(homes)) of \(Self.count(table.count)) verblijfsobjecten are existing homes (\(rules.residentialUse); status \(rules.existingStatuses.joined(separator: ", ")))")
        return buildings
    }
}
