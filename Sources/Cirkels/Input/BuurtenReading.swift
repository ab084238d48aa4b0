extension DataSetReader {
    /// Buurten with `code`/`name` (SPEC §1) or CBS's `buurtcode`/`buurtnaam`, and where the
    /// source has them CBS's `wijkcode`, `gemeentecode`, `gemeentenaam`, `water` and the
    /// nabijheid columns of `nabijheid` (type → column; a column the source lacks is left out).
    func readBuurten(_ table: FeatureTable, nabijheid: [String: String], nabijheidRequired: Bool = false) throws -> Buurten {
        var buurten = Buurten()
        let codes = table.column("code"), cbsCodes = table.column("buurtcode")
        let names = table.column("name"), cbsNames = table.column("buurtnaam")
        func has(_ column: String) -> Bool { table.properties[column]?.contains { $0 != .absent } ?? false }
        for f in 0..<table.count {
            guard table.geometries.kinds[f].isPolygonal else {
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "a buurt must be a Polygon or MultiPolygon, found \(table.geometries.kinds[f].geoJSONName)")
            }
            guard let code = codes[f].text ?? cbsCodes[f].text, !code.isEmpty else {
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "a buurt needs a \"code\" (or CBS's \"buurtcode\")")
            }
            buurten.codes.append(code)
            buurten.names.append(names[f].text ?? cbsNames[f].text ?? "")
        }
        if has("wijkcode") { buurten.wijkCodes = table.column("wijkcode").map { $0.text ?? "" } }
        if has("gemeentecode") { buurten.gemeenteCodes = table.column("gemeentecode").map { $0.text ?? "" } }
        if has("gemeentenaam") { buurten.gemeenteNames = table.column("gemeentenaam").map { $0.text ?? "" } }
        if has("water") {
            let water = table.column("water")
            buurten.isWater = try (0..<table.count).map { f in
                switch water[f] {
                case .absent, .null: return false
                case let .string(s) where ["JA", "NEE", ""].contains(s.uppercased()): return s.uppercased() == "JA"
                case let .bool(b): return b
                default:
                    throw CirkelError.invalidFeature(file: table.source, index: f, reason: "\"water\" must be JA or NEE, found \(water[f].description)")
                }
            }
        }
        for (type, column) in nabijheid.sorted(by: { $0.key < $1.key }) {
            guard let found = CBSNabijheid.variants(of: column).first(where: has) else {
                if nabijheidRequired {
                    throw CirkelError.missingFile(path: table.source, reason: "no column \"\(column)\" (named in the manifest's [buurten.nabijheid] for \(type))")
                }
                continue
            }
            buurten.nabijheid.append(Buurten.Nabijheid(type: type, column: found, kilometres: table.column(found).map(CBSNabijheid.kilometres)))
        }
        buurten.geometries = table.geometries
        return buurten
    }
}
