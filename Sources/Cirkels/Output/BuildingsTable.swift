/// `buildings.csv`: one row per building (SPEC §7).
///
/// The table is the largest output (about 120 bytes a building), so its rows are formatted
/// straight into byte chunks, in parallel, with no value-per-cell representation in between;
/// `CSVTable` is the readable reference it is tested against.
enum BuildingsTable {
    static let rowsPerChunk = 16_384

    static func columns(_ profile: Profile) -> [String] {
        ["id", "x", "y", "units", "buurt"] + profile.criteria.map { "d_\($0.name)" } + ["score", "complete", "qualifying", "cluster", "profile"]
    }

    static func text(_ result: AnalysisResult, rowsPerChunk: Int = rowsPerChunk) -> ChunkedText {
        let count = result.data.buildings.count
        return ChunkedText(head: CSVTable(columns: columns(result.profile)).bytes,
                           chunkCount: ChunkedText.chunks(items: count, perChunk: rowsPerChunk), tail: []) { k in
            var buffer = ByteBuffer(capacity: rowsPerChunk * 128)
            for i in ChunkedText.items(ofChunk: k, items: count, perChunk: rowsPerChunk) { appendRow(i, of: result, to: &buffer) }
            return buffer
        }
    }

    private static func appendRow(_ i: Int, of result: AnalysisResult, to buffer: inout ByteBuffer) {
        let b = result.data.buildings, reach = result.reach
        let comma = UInt8(ascii: ",")
        buffer.appendCSVField(b.ids[i])
        buffer.append(comma)
        buffer.appendDecimal(b.xs[i], decimals: 2)
        buffer.append(comma)
        buffer.appendDecimal(b.ys[i], decimals: 2)
        buffer.append(comma)
        buffer.appendInteger(Int(b.units[i]))
        buffer.append(comma)
        let buurt = result.coverage.buurtOfBuilding[i]
        if buurt >= 0 { buffer.appendCSVField(result.data.buurten.codes[buurt]) }
        for c in result.profile.criteria.indices {
            buffer.append(comma)
            let d = reach.distances[c][i]
            if d.isFinite { buffer.appendDecimal(d, decimals: 2) }
        }
        buffer.append(comma)
        buffer.appendDecimal(reach.scores[i], decimals: 6, trim: true)
        buffer.append(reach.complete[i] ? ",true," as StaticString : ",false," as StaticString)
        buffer.append(reach.qualifying[i] ? "true," as StaticString : "false," as StaticString)
        buffer.appendInteger(result.clusters.clusterOfBuilding[i])
        buffer.append(comma)
        buffer.appendCSVField(result.profile.name)
        buffer.append(0x0A)
    }
}
