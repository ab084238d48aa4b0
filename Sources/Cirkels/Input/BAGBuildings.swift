extension DataSetReader {
    /// BAG verblijfsobjecten that are existing homes (selected by `rules` when read), one
    /// building each with units 1, its `identificatie` as id and its pand kept; `objects` is
    /// how many verblijfsobjecten the layer has in all, for the note.
    func readBAG(_ table: FeatureTable, rules: BAGRules, objects: Int, locator: FeatureLocator, notes: inout [String]) throws -> Buildings {
        let (xs, ys) = try locator.locations(of: table, allowed: [.point, .polygon, .multiPolygon])
        let ids = table.column(BAGRules.identifier), pands = table.column(BAGRules.pand)
        var buildings = Buildings()
        buildings.ids = (0..<table.count).map { f in ids[f].text ?? table.featureIDs[f].text ?? String(f) }
        buildings.xs = xs
        buildings.ys = ys
        buildings.units = Array(repeating: 1, count: table.count)
        buildings.nultredenAllowed = Array(repeating: true, count: table.count)
        buildings.pandIDs = pands.map { $0.text ?? "" }
        notes.append("\(table.source): \(table.count.groupedDigits) of \(objects.groupedDigits) verblijfsobjecten are existing homes (\(rules.residentialUse); status \(rules.existingStatuses.joined(separator: ", ")))")
        return buildings
    }
}
