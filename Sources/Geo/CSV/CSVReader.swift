/// Reads a CSV file (RFC 4180: comma-separated, fields optionally in double quotes with ""
/// for a quote, CRLF or LF line ends, a UTF-8 byte-order mark skipped) row by row from a
/// memory mapping, handing each row's fields as bytes so a caller reading millions of rows
/// (GTFS `stop_times.txt`) makes strings only of the fields it keeps.
///
/// The first row is the header. A row with a different number of fields than the header is
/// an error naming the file and line; so is an unterminated quote. Empty lines are skipped.
public final class CSVReader {
    public let path: String
    /// The header's column names, trimmed of surrounding spaces.
    public let columns: [String]
    private let memory: ReadOnlyMemory
    /// Where the first data row starts, and its line number (1-based).
    private let bodyStart: Int
    private let bodyLine: Int

    public init(path: String) throws {
        self.path = path
        memory = try ReadOnlyMemory(mapping: path)
        var start = 0
        let bytes = memory.bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(bytes: bytes, position: start, line: 1, path: path)
        guard let header = try scanner.nextRow() else {
            throw GeoError.document(file: path, reason: "the file is empty (a CSV file needs a header row)")
        }
        columns = header.map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self).trimmingSpaces }
        var seen = Set<String>()
        for name in columns where !name.isEmpty {
            guard seen.insert(name).inserted else {
                throw GeoError.document(file: path, reason: "the header names column \"\(name)\" twice")
            }
        }
        bodyStart = scanner.position
        bodyLine = scanner.line
    }

    /// The index of a column, or nil.
    public func index(of column: String) -> Int? {
        columns.firstIndex(of: column)
    }

    /// The index of a column that must exist; the error lists the columns there are.
    public func requiredIndex(of column: String, purpose: String) throws -> Int {
        guard let k = index(of: column) else {
            throw GeoError.document(file: path, reason: "no column \"\(column)\" (\(purpose)); the header has \(columns.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return k
    }

    /// Calls `body` for every data row in file order.
    public func forEachRow(_ body: (CSVRow) throws -> Void) throws {
        var scanner = CSVScanner(bytes: memory.bytes, position: bodyStart, line: bodyLine, path: path)
        while true {
            let line = scanner.line
            guard let fields = try scanner.nextRow() else { return }
            guard fields.count == columns.count else {
                throw GeoError.document(file: path, reason: "line \(line): \(fields.count) fields where the header has \(columns.count)")
            }
            try body(CSVRow(bytes: memory.bytes, fields: fields, line: line))
        }
    }
}

/// One data row of a `CSVReader`, valid only during the call it is handed to.
public struct CSVRow {
    let bytes: UnsafeRawBufferPointer
    let fields: [Range<Int>]
    /// The (1-based) line the row starts on, for error messages.
    public let line: Int

    /// The raw bytes of field k (quotes removed; a doubled quote inside stays doubled).
    public func bytes(_ k: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[fields[k]])
    }

    /// Field k as text, with quoting undone and surrounding spaces kept.
    public func string(_ k: Int) -> String {
        let raw = self.bytes(k)
        let text = String(decoding: raw, as: UTF8.self)
        // A quoted field keeps its "" pairs in the range; only then is there work to do.
        return raw.contains(UInt8(ascii: "\"")) ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Field k as a number, or nil when it is empty or not a number.
    public func double(_ k: Int) -> Double? {
        let text = string(k).trimmingSpaces
        guard !text.isEmpty else { return nil }
        return Double(text)
    }

    /// Whether field k is empty (or only spaces).
    public func isEmpty(_ k: Int) -> Bool {
        bytes(k).allSatisfy { $0 == UInt8(ascii: " ") }
    }
}

/// Splits CSV bytes into rows of field ranges.
struct CSVScanner {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    var line: Int
    let path: String

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The next non-empty row's field ranges, or nil at the end.
    mutating func nextRow() throws -> [Range<Int>]? {
        while position < bytes.count {
            var fields: [Range<Int>] = []
            let rowLine = line
            while true {
                let field: Range<Int>
                if position < bytes.count, bytes[position] == Self.quote {
                    let open = position
                    position += 1
                    let start = position
                    while true {
                        guard position < bytes.count else {
                            throw GeoError.document(file: path, reason: "line \(rowLine): a quoted field opened here is never closed")
                        }
                        let b = bytes[position]
                        if b == Self.quote {
                            if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                                position += 2
                                continue
                            }
                            break
                        }
                        if b == Self.newline { line += 1 }
                        position += 1
                    }
                    field = start..<position
                    position += 1
                    guard position >= bytes.count || bytes[position] == Self.comma || bytes[position] == Self.newline
                        || bytes[position] == Self.carriageReturn else {
                        throw GeoError.document(file: path, reason: "line \(line): text after the closing quote of the field that starts at byte \(open)")
                    }
                } else {
                    let start = position
                    while position < bytes.count {
                        let b = bytes[position]
                        if b == Self.comma || b == Self.newline || b == Self.carriageReturn { break }
                        position += 1
                    }
                    field = start..<position
                }
                fields.append(field)
                if position < bytes.count, bytes[position] == Self.comma {
                    position += 1
                    continue
                }
                break
            }
            // The line end: LF, CRLF or the end of the file.
            if position < bytes.count, bytes[position] == Self.carriageReturn { position += 1 }
            if position < bytes.count, bytes[position] == Self.newline { position += 1 }
            line += 1
            if fields.count == 1, fields[0].isEmpty { continue }
            return fields
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
