import Foundation

/// A failure while scanning JSON, at a byte offset; the reader turns it into a
/// `GeoError.syntax` with line and column.
struct JSONScanError: Error {
    let offset: Int
    let reason: String
}

/// A cursor over the bytes of a JSON document that parses exactly the grammar of RFC 8259,
/// without building a tree. Callers pull the values they want (numbers straight into
/// coordinate arrays) and skip the rest.
///
/// The bytes must stay alive and unchanged while the scanner is used (it holds a pointer).
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int = 0
    /// Deeper nesting than this is rejected, so a hostile file cannot overflow the stack.
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is tolerated, as many Windows tools write one.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// A scanner that starts at `position` (to parse a part of a document on its own).
    init(bytes: UnsafeBufferPointer<UInt8>, position: Int) {
        self.bytes = bytes
        self.position = position
    }

    // MARK: Low-level

    func fail(_ reason: String, at offset: Int? = nil) -> JSONScanError {
        JSONScanError(offset: offset ?? position, reason: reason)
    }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, not consumed; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of file, expected \(what)") }
        guard bytes[position] == byte else { throw fail("expected \(what), found \(describe(bytes[position]))") }
        position += 1
    }

    /// Consumes `byte` if it is next; reports whether it did.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if position < bytes.count, bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    /// After a value inside an array or object: consumes a comma (true: more follows) or the
    /// closing byte (false: done).
    mutating func continueAfterElement(closing: UInt8, _ what: String) throws -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of file in \(what)") }
        switch bytes[position] {
        case UInt8(ascii: ","):
            position += 1
            return true
        case closing:
            position += 1
            return false
        default:
            throw fail("expected ',' or '\(Character(UnicodeScalar(closing)))' in \(what), found \(describe(bytes[position]))")
        }
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    // MARK: Strings

    /// A string token as a byte range of the document; `hasEscapes` tells whether it must be
    /// decoded before use. Comparing an unescaped key costs no allocation.
    struct RawString {
        let start: Int
        let end: Int
        let hasEscapes: Bool
    }

    mutating func scanRawString() throws -> RawString {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            if position >= bytes.count { throw fail("unexpected end of file, expected a string") }
            throw fail("expected a string, found \(describe(bytes[position]))")
        }
        let opening = position
        position += 1
        let start = position
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = RawString(start: start, end: position, hasEscapes: hasEscapes)
                position += 1
                return raw
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 2
                continue
            }
            if byte < 0x20 { throw fail("control character in string (escape it)") }
            position += 1
        }
        throw fail("unterminated string", at: opening)
    }

    /// Whether an unescaped raw string equals `literal` (ASCII).
    func rawString(_ raw: RawString, equals literal: StaticString) -> Bool {
        guard !raw.hasEscapes, raw.end - raw.start == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        for i in 0..<(raw.end - raw.start) where bytes[raw.start + i] != lit[i] { return false }
        return true
    }

    /// Decodes a raw string (escapes included) into a Swift string.
    func decode(_ raw: RawString) throws -> String {
        if !raw.hasEscapes {
            let slice = UnsafeBufferPointer(rebasing: bytes[raw.start..<raw.end])
            guard let s = String(validating: slice, as: UTF8.self) else {
                throw fail("string is not valid UTF-8", at: raw.start)
            }
            return s
        }
        var out = [UInt8]()
        out.reserveCapacity(raw.end - raw.start)
        var i = raw.start
        while i < raw.end {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < raw.end else { throw fail("unfinished escape", at: i) }
            let code = bytes[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i, end: raw.end)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by \u and a low surrogate.
                    guard i + 6 <= raw.end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape", at: i)
                    }
                    let low = try hex4(at: i + 2, end: raw.end)
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape", at: i) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("unpaired surrogate in \\u escape", at: i - 6)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape", at: i - 6) }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                throw fail("invalid escape '\\\(Character(UnicodeScalar(code)))'", at: i - 2)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("string is not valid UTF-8", at: raw.start) }
        return s
    }

    private func hex4(at index: Int, end: Int) throws -> UInt32 {
        guard index + 4 <= end else { throw fail("short \\u escape", at: index) }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[index + k]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in \\u escape", at: index + k)
            }
            value = value * 16 + digit
        }
        return value
    }

    mutating func parseString() throws -> String {
        try decode(try scanRawString())
    }

    // MARK: Numbers

    /// Powers of ten that a Double holds exactly (10^0 … 10^22).
    private static let exactPowersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// Parses a JSON number. Checks the RFC 8259 grammar byte by byte, then converts: with at
    /// most 15 significant digits and a decimal exponent within ±22 the result is one exact
    /// multiplication or division of two exactly representable doubles, hence correctly
    /// rounded (Clinger's fast path); anything else goes to `strtod`.
    mutating func parseNumber() throws -> Double {
        skipWhitespace()
        let start = position
        var i = position
        let end = bytes.count
        var negative = false
        if i < end, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else {
            if i >= end { throw fail("unexpected end of file, expected a number") }
            throw fail("expected a number, found \(describe(bytes[i]))", at: i)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var decimalExponent = 0
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                throw fail("leading zero in number", at: start)
            }
        } else {
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] - UInt8(ascii: "0")) } else { decimalExponent += 1 }
                digits += 1
                i += 1
            }
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else {
                throw fail("expected a digit after the decimal point", at: i)
            }
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] - UInt8(ascii: "0"))
                    decimalExponent -= 1
                }
                if mantissa != 0 || digits > 0 { digits += 1 }
                i += 1
            }
        }
        var explicitExponent = 0
        var exponentTooLarge = false
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else {
                throw fail("expected a digit in the exponent", at: i)
            }
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                if explicitExponent < 100_000 {
                    explicitExponent = explicitExponent * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                } else {
                    exponentTooLarge = true
                }
                i += 1
            }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        position = i
        let exponent = decimalExponent + explicitExponent
        if !exponentTooLarge, digits <= 15, mantissa < (1 << 53), abs(exponent) <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * Self.exactPowersOfTen[exponent] : m / Self.exactPowersOfTen[-exponent]
            return negative ? -value : value
        }
        return slowNumber(from: start, to: i)
    }

    private func slowNumber(from start: Int, to end: Int) -> Double {
        // strtod needs a NUL-terminated copy; this path is rare (more than 15 digits).
        var text = [CChar](repeating: 0, count: end - start + 1)
        for k in 0..<(end - start) { text[k] = CChar(bitPattern: bytes[start + k]) }
        return text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
    }

    // MARK: Literals and whole values

    mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("unexpected end of file") }
        let lit = literal.utf8Start
        for k in 0..<count where bytes[position + k] != lit[k] {
            throw fail("invalid literal")
        }
        position += count
    }

    /// Skips one value of any kind, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = peek() else { throw fail("unexpected end of file, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            position += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                _ = try scanRawString()
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue(depth: depth + 1)
            } while try continueAfterElement(closing: UInt8(ascii: "}"), "object")
        case UInt8(ascii: "["):
            position += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try continueAfterElement(closing: UInt8(ascii: "]"), "array")
        case UInt8(ascii: "\""): _ = try scanRawString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        default: _ = try parseNumber()
        }
    }

    /// Parses one value into a `JSONValue` tree (for small subtrees only).
    mutating func parseValue(depth: Int = 0) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = peek() else { throw fail("unexpected end of file, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(String, JSONValue)] = []
            if consume(UInt8(ascii: "}")) { return .object(members) }
            repeat {
                let key = try parseString()
                try expect(UInt8(ascii: ":"), "':'")
                members.append((key, try parseValue(depth: depth + 1)))
            } while try continueAfterElement(closing: UInt8(ascii: "}"), "object")
            return .object(members)
        case UInt8(ascii: "["):
            position += 1
            var elements: [JSONValue] = []
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                elements.append(try parseValue(depth: depth + 1))
            } while try continueAfterElement(closing: UInt8(ascii: "]"), "array")
            return .array(elements)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    /// 1-based line and column of a byte offset (computed only when an error is reported).
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let limit = min(offset, bytes.count)
        var i = 0
        while i < limit {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, limit - lineStart + 1)
    }
}
