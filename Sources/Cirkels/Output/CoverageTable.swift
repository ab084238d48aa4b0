/// `coverage.csv` and `coverage.json`: one row per buurt, then `totaal` (SPEC §6, §7).
enum CoverageTable {
    static func columns(_ profile: Profile) -> [String] {
        let names = profile.criteria.map(\.name)
        return ["area", "name", "buildings", "units"]
            + names.map { "units_\($0)" } + names.map { "share_\($0)" }
            + names.map { "mean_d_\($0)" } + names.map { "median_d_\($0)" }
            + ["units_complete", "units_qualifying", "units_in_clusters", "clusters", "area_m2", "complete_area_m2",
               "complete_area_share", "buildings_outside_buurten", "profile"]
    }

    static func share(_ part: Int, of whole: Int) -> OutputValue {
        whole > 0 ? .fixed(Double(part) / Double(whole), decimals: 4) : .missing
    }

    static func row(_ a: AreaStatistics, isTotal: Bool, coverage: Coverage, profile: Profile) -> [OutputValue] {
        var row: [OutputValue] = [.string(a.code), .string(a.name), .integer(a.buildings), .integer(a.units)]
        row += a.unitsReached.map { .integer($0) }
        row += a.unitsReached.map { share($0, of: a.units) }
        row += a.distances.map { d in d.mean.map { .fixed($0, decimals: 2) } ?? .missing }
        row += a.distances.map { d in d.median.map { .fixed($0, decimals: 2) } ?? .missing }
        row += [.integer(a.unitsComplete), .integer(a.unitsQualifying), .integer(a.unitsInClusters), .integer(a.clusters)]
        row.append(a.area.map { .fixed($0, decimals: 2) } ?? .missing)
        row.append(a.completeArea.map { .fixed($0, decimals: 2) } ?? .missing)
        if let area = a.area, let complete = a.completeArea, area > 0 {
            row.append(.fixed(complete / area, decimals: 4))
        } else {
            row.append(.missing)
        }
        row.append(isTotal ? coverage.buildingsOutsideBuurten.map { .integer($0) } ?? .missing : .missing)
        row.append(.string(profile.name))
        return row
    }

    static func make(_ result: AnalysisResult) -> CSVTable {
        var table = CSVTable(columns: columns(result.profile))
        let areas = result.coverage.areas
        for (k, a) in areas.enumerated() { table.appendRow(row(a, isTotal: k == areas.count - 1, coverage: result.coverage, profile: result.profile)) }
        return table
    }

    /// The same figures as JSON, with the profile and the sensitivity per area, for programs.
    static func document(_ result: AnalysisResult) -> JSONDocument {
        .object(header(result) + [("areas", .array(result.coverage.areas.indices.map { areaDocument($0, of: result) }))])
    }

    /// `document(result).serialized()`, with the areas formatted in parallel chunks (a
    /// national run has some 14,000 buurten).
    static func text(_ result: AnalysisResult, areasPerChunk: Int = 256) -> ChunkedText {
        // The bytes JSONDocument writes for an object with two-space indentation, taken apart:
        // the members before "areas", the areas one by one at depth 2, and the closing lines.
        var head = ByteBuffer()
        head.append(UInt8(ascii: "{"))
        for (key, value) in header(result) {
            head.append("\n  " as StaticString)
            head.appendJSONString(key)
            head.append(": " as StaticString)
            value.write(to: &head, indent: 1)
            head.append(UInt8(ascii: ","))
        }
        head.append("\n  \"areas\": [" as StaticString)
        let count = result.coverage.areas.count
        return ChunkedText(head: head.bytes, chunkCount: ChunkedText.chunks(items: count, perChunk: areasPerChunk),
                           tail: Array("\n  ]\n}\n".utf8)) { k in
            var buffer = ByteBuffer()
            for a in ChunkedText.items(ofChunk: k, items: count, perChunk: areasPerChunk) {
                buffer.append(a == 0 ? "\n    " as StaticString : ",\n    " as StaticString)
                areaDocument(a, of: result).write(to: &buffer, indent: 2)
            }
            return buffer
        }
    }

    private static func header(_ result: AnalysisResult) -> [(String, JSONDocument)] {
        [
            ("profile", ProfileLoader.document(for: result.profile)),
            ("buildings_outside_buurten", .value(result.coverage.buildingsOutsideBuurten.map { .integer($0) } ?? .missing)),
        ]
    }

    private static func areaDocument(_ k: Int, of result: AnalysisResult) -> JSONDocument {
        let areas = result.coverage.areas
        let a = areas[k]
        var members = zip(columns(result.profile), row(a, isTotal: k == areas.count - 1, coverage: result.coverage, profile: result.profile))
            .map { ($0, JSONDocument.value($1)) }
        members.append(("sensitivity", .object(result.profile.criteria.enumerated().map { c, criterion in
            (criterion.name, .array(Coverage.sensitivityRadii.map { r in
                .object([("radius", .value(.integer(Int(r)))), ("units_within", .value(.integer(a.distances[c].units(within: r))))])
            }))
        })))
        return .object(members)
    }
}

/// `sensitivity.csv`: units within 250, 300, …, 800 m per area and criterion (SPEC §6).
enum SensitivityTable {
    static func make(_ result: AnalysisResult) -> CSVTable {
        var table = CSVTable(columns: ["area", "criterion", "radius", "units_within", "share_within", "profile"])
        for a in result.coverage.areas {
            for (c, criterion) in result.profile.criteria.enumerated() {
                for r in Coverage.sensitivityRadii {
                    let within = a.distances[c].units(within: r)
                    table.appendRow([.string(a.code), .string(criterion.name), .integer(Int(r)), .integer(within),
                                     CoverageTable.share(within, of: a.units), .string(result.profile.name)])
                }
            }
        }
        return table
    }
}
