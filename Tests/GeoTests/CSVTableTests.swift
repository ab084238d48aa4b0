import Foundation
import Testing
@testable import Geo

/// A minimal RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes),
/// written here as the independent check of the writer.
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    field.unicodeScalars.append("\"")
                    chars.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite struct CSVTableTests {
    @Test func quotingByHand() {
        var table = CSVTable(columns: ["id", "naam, plaats", "quote\"d"])
        table.appendRow([.string("plain"), .string("a,b"), .string("say \"hi\"")])
        table.appendRow([.string("line\nbreak"), .string("cr\rhere"), .string(" spaces kept ")])
        table.appendRow([.integer(-3), .fixed(2.5, decimals: 2), .trimmed(2.50, decimals: 2)])
        table.appendRow([.bool(true), .missing, .fixed(.nan, decimals: 1)])
        table.appendRow([.trimmed(.infinity, decimals: 1), .string(""), .bool(false)])
        let expected = """
        id,"naam, plaats","quote""d"
        plain,"a,b","say ""hi\"\"\"
        "line
        break","cr\rhere", spaces kept\u{20}
        -3,2.50,2.5
        true,,
        ,,false

        """
        #expect(String(decoding: table.bytes, as: UTF8.self) == expected)
        #expect(table.rowCount == 5)
    }

    @Test func randomFieldsRoundTripThroughAnRFC4180Reader() {
        var rng = SplitMix64(seed: 0xC5F_0001)
        let alphabet: [Character] = ["a", "b", "1", " ", ",", "\"", "\n", "\r", ";", "é", "😀", "'"]
        let columns = ["a", "b,c", "d\"e"]
        var table = CSVTable(columns: columns)
        var rows: [[String]] = []
        for _ in 0..<500 {
            let row = (0..<3).map { _ in String((0..<Int.random(in: 1...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
            rows.append(row)
            table.appendRow(row.map { .string($0) })
        }
        let parsed = parseCSV(String(decoding: table.bytes, as: UTF8.self))
        #expect(parsed.first == columns)
        #expect(Array(parsed.dropFirst()) == rows)
    }
}
