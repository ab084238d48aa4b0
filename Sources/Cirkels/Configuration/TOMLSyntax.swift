/// Checks that a text is well-formed TOML 1.0 (the grammar of toml.io/en/v1.0.0) before it
/// is handed to TOMLKit, and says where it is not.
///
/// toml++ 3.4.0, the parser TOMLKit 0.6.0 bundles (built with its assertions on), aborts the
/// whole process on some malformed texts instead of reporting them: a table header without a
/// key (`[[[a]]`, or a JSON file named .toml), a date whose time is not digits
/// (`1979-05-27T:32`), a `}` in an array (`[}`), found by fuzzing (Fuzz/FuzzProfile). Checked
/// first, toml++ only ever sees well-formed syntax. Only the syntax is checked here (keys
/// defined twice and the like are left to toml++, which reports them).
///
/// Dates and times are refused: no setting of a profile, manifest or mapping is one, and
/// toml++'s date parsing is where it aborts.
struct TOMLSyntax {
    struct Problem: Error, Equatable {
        /// 1-based; the column counts characters.
        let line: Int
        let column: Int
        let reason: String
    }

    /// Arrays and inline tables nested deeper than this are refused.
    static let maximumDepth = 100

    static func check(_ text: String) throws {
        var checker = TOMLSyntax(Array(text.unicodeScalars))
        try checker.document()
    }

    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    private init(_ scalars: [Unicode.Scalar]) {
        s = scalars
    }

    // MARK: Characters

    private func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
    private var peek: Unicode.Scalar? { at(i) }

    private func fail(_ reason: String, at k: Int? = nil) -> Problem {
        Problem(line: line, column: (k ?? i) - lineStart + 1, reason: reason)
    }

    private func found(_ k: Int? = nil) -> String {
        guard let c = at(k ?? i) else { return "the end of the file" }
        if c == "\n" || c == "\r" { return "the end of the line" }
        if Self.isControl(c) { return "the control character U+\(String(c.value, radix: 16, uppercase: true))" }
        return "'\(Character(c))'"
    }

    /// U+0000–U+0008, U+000A–U+001F and U+007F: not allowed raw in strings or comments.
    private static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || c.value == 0x7F
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0" ... "9").contains($0) } ?? false }

    private static func isBareKey(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("a" ... "z").contains(c) || ("A" ... "Z").contains(c) || ("0" ... "9").contains(c) || c == "_" || c == "-"
    }

    private mutating func skipSpaces() {
        while peek == " " || peek == "\t" { i += 1 }
    }

    /// A line end (LF or CRLF); false, consuming nothing, when none is next.
    private mutating func newline() throws -> Bool {
        if peek == "\r" {
            guard at(i + 1) == "\n" else { throw fail("a carriage return must be followed by a line feed") }
            i += 1
        }
        guard peek == "\n" else { return false }
        i += 1
        line += 1
        lineStart = i
        return true
    }

    private mutating func comment() throws {
        i += 1 // '#'
        while let c = peek, c != "\n", !(c == "\r" && at(i + 1) == "\n") {
            guard !Self.isControl(c) else { throw fail("\(found()) in a comment") }
            i += 1
        }
    }

    private mutating func expect(_ word: String, _ what: String) throws {
        for c in word.unicodeScalars {
            guard peek == c else { throw fail("expected \(what), found \(found())") }
            i += 1
        }
    }

    // MARK: Document

    private mutating func document() throws {
        if peek == "\u{FEFF}" { i += 1 }
        while true {
            skipSpaces()
            guard let c = peek else { return }
            if c == "#" {
                try comment()
            } else if try newline() {
                continue
            } else if c == "[" {
                try table()
            } else {
                try keyValue(depth: 0)
            }
            try endOfLine()
        }
    }

    /// After an expression: spaces, a comment, then a line end or the end of the file.
    private mutating func endOfLine() throws {
        skipSpaces()
        if peek == "#" { try comment() }
        guard peek != nil else { return }
        guard try newline() else { throw fail("expected the end of the line, found \(found())") }
    }

    /// `[key]` or `[[key]]`.
    private mutating func table() throws {
        i += 1
        let isArray = peek == "["
        if isArray { i += 1 }
        skipSpaces()
        try key()
        try expect(isArray ? "]]" : "]", isArray ? "']]' to end the table header" : "']' to end the table header")
    }

    /// One key, dotted or not, and the spaces after it.
    private mutating func key() throws {
        while true {
            try simpleKey()
            skipSpaces()
            guard peek == "." else { return }
            i += 1
            skipSpaces()
        }
    }

    private mutating func simpleKey() throws {
        if let c = peek, c == "\"" || c == "'" {
            guard !(at(i + 1) == c && at(i + 2) == c) else { throw fail("a key cannot be a multi-line string") }
            try c == "\"" ? basicString() : literalString()
        } else if Self.isBareKey(peek) {
            while Self.isBareKey(peek) { i += 1 }
        } else {
            throw fail("expected a key (a name or a quoted string), found \(found())")
        }
    }

    private mutating func keyValue(depth: Int) throws {
        try key()
        try expect("=", "'=' after the key")
        skipSpaces()
        try value(depth: depth)
    }

    // MARK: Values

    private mutating func value(depth: Int) throws {
        guard depth < Self.maximumDepth else { throw fail("lists and tables nested deeper than \(Self.maximumDepth) levels") }
        guard let c = peek else { throw fail("expected a value, found the end of the file") }
        switch c {
        case "\"":
            try at(i + 1) == "\"" && at(i + 2) == "\"" ? multiLineString(quote: "\"") : basicString()
        case "'":
            try at(i + 1) == "'" && at(i + 2) == "'" ? multiLineString(quote: "'") : literalString()
        case "t": try expect("true", "a value")
        case "f": try expect("false", "a value")
        case "i": try expect("inf", "a value")
        case "n": try expect("nan", "a value")
        case "[": try array(depth: depth + 1)
        case "{": try inlineTable(depth: depth + 1)
        case "+", "-":
            i += 1
            if peek == "i" { try expect("inf", "a number") } else if peek == "n" { try expect("nan", "a number") } else { try number(signed: true) }
        case "0" ... "9":
            let isDate = (0 ..< 4).allSatisfy { Self.isDigit(at(i + $0)) } && at(i + 4) == "-"
            let isTime = Self.isDigit(at(i + 1)) && at(i + 2) == ":"
            guard !isDate, !isTime else {
                throw fail("a date or time; no setting in cirkel's files is one (they are text in quotes, numbers, true or false)")
            }
            try number(signed: false)
        default:
            throw fail("expected a value (text in quotes, a number, true, false, '[' or '{'), found \(found())")
        }
    }

    /// Digits of `radix` with single underscores between them; at least one digit.
    private mutating func digits(radix: UInt32, _ what: String) throws {
        func isDigit(_ c: Unicode.Scalar?) -> Bool {
            guard let c, c.isASCII, let v = Int(String(c), radix: 16) else { return false }
            return v < radix
        }
        guard isDigit(peek) else { throw fail("expected \(what), found \(found())") }
        i += 1
        while true {
            if isDigit(peek) {
                i += 1
            } else if peek == "_", isDigit(at(i + 1)) {
                i += 2
            } else if peek == "_" {
                throw fail("an underscore in a number must stand between two digits")
            } else {
                return
            }
        }
    }

    private mutating func number(signed: Bool) throws {
        if !signed, peek == "0", let prefix = at(i + 1), prefix == "x" || prefix == "o" || prefix == "b" {
            i += 2
            try digits(radix: prefix == "x" ? 16 : prefix == "o" ? 8 : 2, "a digit after 0\(Character(prefix))")
            return
        }
        if peek == "0" {
            i += 1
            guard !Self.isDigit(peek), peek != "_" else { throw fail("a number cannot have a leading zero") }
        } else {
            try digits(radix: 10, "a digit")
        }
        if peek == "." {
            i += 1
            try digits(radix: 10, "a digit after the decimal point")
        }
        if peek == "e" || peek == "E" {
            i += 1
            if peek == "+" || peek == "-" { i += 1 }
            try digits(radix: 10, "a digit in the exponent")
        }
    }

    /// Spaces, comments and line ends, as arrays allow between their values.
    private mutating func skipSpacesCommentsAndLines() throws {
        while true {
            skipSpaces()
            if peek == "#" {
                try comment()
            } else {
                guard try newline() else { return }
            }
        }
    }

    private mutating func array(depth: Int) throws {
        i += 1
        while true {
            try skipSpacesCommentsAndLines()
            if peek == "]" {
                i += 1
                return
            }
            try value(depth: depth)
            try skipSpacesCommentsAndLines()
            if peek == "," {
                i += 1
            } else if peek == "]" {
                i += 1
                return
            } else {
                throw fail("expected ',' or ']' in a list, found \(found())")
            }
        }
    }

    /// `{ key = value, … }` on one line, no comma after the last.
    private mutating func inlineTable(depth: Int) throws {
        i += 1
        skipSpaces()
        if peek == "}" {
            i += 1
            return
        }
        while true {
            try keyValue(depth: depth)
            skipSpaces()
            if peek == "," {
                i += 1
                skipSpaces()
            } else if peek == "}" {
                i += 1
                return
            } else {
                throw fail("expected ',' or '}' in an inline table, found \(found())")
            }
        }
    }

    // MARK: Strings

    private mutating func basicString() throws {
        let opening = i
        i += 1
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw fail("a string opened here is not closed on its line", at: opening) }
            if c == "\"" {
                i += 1
                return
            }
            if c == "\\" {
                try escape()
            } else {
                guard !Self.isControl(c) else { throw fail("\(found()) in a string (escape it)") }
                i += 1
            }
        }
    }

    private mutating func escape() throws {
        i += 1 // '\'
        switch peek {
        case "\"", "\\", "b", "f", "n", "r", "t": i += 1
        case "u", "U":
            let count = peek == "u" ? 4 : 8
            var value: UInt32 = 0
            for k in 1 ... count {
                guard let c = at(i + k), c.isASCII, let digit = UInt32(String(c), radix: 16) else {
                    throw fail("\\\(Character(peek!)) must be followed by \(count) hexadecimal digits", at: i - 1)
                }
                value = value &* 16 &+ digit
            }
            guard Unicode.Scalar(value) != nil else { throw fail("\\\(Character(peek!)) escape of U+\(String(value, radix: 16, uppercase: true)), which is not a character", at: i - 1) }
            i += count + 1
        default:
            throw fail("invalid escape '\\' followed by \(found())", at: i - 1)
        }
    }

    private mutating func literalString() throws {
        let opening = i
        i += 1
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw fail("a string opened here is not closed on its line", at: opening) }
            guard !Self.isControl(c) else { throw fail("\(found()) in a string") }
            i += 1
            if c == "'" { return }
        }
    }

    /// `"""…"""` (escapes, and a backslash at a line end joining lines) or `'''…'''`; up to
    /// two quotes of the kind may stand inside, and right before the closing three.
    private mutating func multiLineString(quote: Unicode.Scalar) throws {
        let (openingLine, openingColumn) = (line, i - lineStart + 1)
        i += 3
        while true {
            guard let c = peek else {
                throw Problem(line: openingLine, column: openingColumn, reason: "a multi-line string opened here is never closed")
            }
            if c == quote {
                var run = 0
                while peek == quote { i += 1; run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw fail("more than five quotes end the multi-line string") }
                    return
                }
            } else if try newline() {
                continue
            } else if c == "\\", quote == "\"" {
                var k = i + 1
                while at(k) == " " || at(k) == "\t" { k += 1 }
                if at(k) == "\n" || (at(k) == "\r" && at(k + 1) == "\n") {
                    i = k
                    // A line-ending backslash: the line end and the blank space after it are skipped.
                    while true {
                        skipSpaces()
                        guard try newline() else { break }
                    }
                } else {
                    try escape()
                }
            } else {
                guard !Self.isControl(c) else { throw fail("\(found()) in a string\(quote == "\"" ? " (escape it)" : "")") }
                i += 1
            }
        }
    }
}
