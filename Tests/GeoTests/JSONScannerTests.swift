import Foundation
import Testing
@testable import Geo

/// Runs `body` on a scanner over the UTF-8 bytes of `text`.
private func scan<R>(_ text: String, _ body: (inout JSONScanner) throws -> R) throws -> R {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(bytes: buffer)
        return try body(&scanner)
    }
}

/// The scanner's number for `text`, which must be the whole input.
private func scanNumber(_ text: String) throws -> Double {
    try scan(text) { scanner in
        let value = try scanner.parseNumber()
        guard scanner.isAtEnd else { throw JSONScanError(offset: scanner.position, reason: "number did not use the whole text") }
        return value
    }
}

/// The C library's conversion, the independent reference.
private func referenceNumber(_ text: String) -> Double {
    text.withCString { strtod($0, nil) }
}

/// The scan error for `text` scanned with `body`, or nil when it succeeds.
private func scanError(_ text: String, _ body: (inout JSONScanner) throws -> Void) -> JSONScanError? {
    do {
        try scan(text, body)
        return nil
    } catch let error as JSONScanError {
        return error
    } catch {
        return nil
    }
}

/// A random JSON number with 1–20 significant digits and, often, an exponent in -30…30;
/// also returns the number of significant digits.
private func randomDecimal(_ rng: inout SplitMix64) -> (text: String, digits: Int) {
    let digitCount = Int.random(in: 1...20, using: &rng)
    var digits = String(Character(UnicodeScalar(UInt8(ascii: "1") + UInt8.random(in: 0...8, using: &rng))))
    for _ in 1..<digitCount {
        digits.append(Character(UnicodeScalar(UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &rng))))
    }
    var text = Bool.random(using: &rng) ? "-" : ""
    switch Int.random(in: 0...2, using: &rng) {
    case 0: // an integer
        text += digits
    case 1: // a decimal point inside the digits
        let point = Int.random(in: 1...digits.count, using: &rng)
        let head = String(digits.prefix(point)), tail = String(digits.dropFirst(point))
        text += head + "." + (tail.isEmpty ? "0" : tail)
    default: // 0.000ddd
        text += "0." + String(repeating: "0", count: Int.random(in: 0...12, using: &rng)) + digits
    }
    if Int.random(in: 0...3, using: &rng) > 0 {
        let exponent = Int.random(in: -30...30, using: &rng)
        let letter = Bool.random(using: &rng) ? "e" : "E"
        let sign = exponent < 0 ? "-" : (Bool.random(using: &rng) ? "+" : "")
        text += letter + sign + String(abs(exponent))
    }
    return (text, digitCount)
}

@Suite struct JSONScannerNumberTests {
    @Test func randomDecimalsMatchStrtodBitForBit() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)
        var short = 0
        for _ in 0..<20_000 {
            let (text, digits) = randomDecimal(&rng)
            let scanned = try scanNumber(text)
            let reference = referenceNumber(text)
            #expect(scanned.bitPattern == reference.bitPattern, "\(text): scanner \(scanned), strtod \(reference)")
            if digits <= 15 { short += 1 }
        }
        // Both conversion paths (at most 15 digits: Clinger's fast path; more: strtod) were exercised.
        #expect(short > 5_000 && short < 18_000)
    }

    @Test(arguments: [
        "0", "-0", "0.0", "-0.0", "0e5", "-0E-5", "0.1", "0.2", "0.3", "1", "-1", "10", "1.5", "123.456",
        "5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "1.7976931348623157e308",
        "1.7976931348623158e308", "1e308", "1e-307", "1e22", "1e23", "9e22", "1.2345678901234567e22",
        "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
        "-9007199254740993", "18014398509481985", "123456789012345", "1234567890123456", "0.1e1",
        "100000000000000000000000", "0.000000000000000000000000000001", "3.14159265358979323846264338327950288",
        "155000.00", "463000.12", "52.15517440", "5.38720621", "1E+2", "1e-0", "12345678901234567890e-20",
    ])
    func edgeCasesMatchStrtod(_ text: String) throws {
        let scanned = try scanNumber(text)
        #expect(scanned.bitPattern == referenceNumber(text).bitPattern, "\(text)")
    }

    @Test func edgeCasesHaveTheExpectedValues() throws {
        // Values known without any converter.
        #expect(try scanNumber("-0").bitPattern == (-0.0).bitPattern)
        #expect(try scanNumber("-0.0").sign == .minus)
        #expect(try scanNumber("0") .bitPattern == (0.0).bitPattern)
        #expect(try scanNumber("5e-324") == Double.leastNonzeroMagnitude)
        #expect(try scanNumber("1.7976931348623157e308") == Double.greatestFiniteMagnitude)
        #expect(try scanNumber("9007199254740992") == 9_007_199_254_740_992)
        // 2^53 + 1 is halfway between two doubles: round half to even gives 2^53.
        #expect(try scanNumber("9007199254740993") == 9_007_199_254_740_992)
        #expect(try scanNumber("9007199254740995") == 9_007_199_254_740_996)
        #expect(try scanNumber("0.5") == 0.5)
        #expect(try scanNumber("-12.5e1") == -125)
        #expect(try scanNumber("1e400") == .infinity)
        #expect(try scanNumber("-1e400") == -.infinity)
        #expect(try scanNumber("1e-400") == 0)
        #expect(try scanNumber("1e99999999999999999999") == .infinity)
        #expect(try scanNumber("0e99999999999999999999") == 0)
    }

    @Test(arguments: ["01", "-01", "00", "-", "--1", "+1", ".5", "1.", "1.e5", "1e", "1e+", "1E-", "NaN", "Infinity",
                      "-Infinity", "", " ", "- 1", "1.-5", "\"1\""])
    func invalidNumbersAreRejected(_ text: String) {
        #expect(scanError(text) { _ = try $0.parseNumber() } != nil, "\(text) was accepted")
    }

    @Test func aNumberStopsAtTheFirstByteNotPartOfIt() throws {
        // "0x10" is the number 0 followed by 'x' (which the caller then rejects).
        let (value, position) = try scan("0x10") { s in (try s.parseNumber(), s.position) }
        #expect(value == 0 && position == 1)
        let (value2, position2) = try scan("  -2.5e3,") { s in (try s.parseNumber(), s.position) }
        #expect(value2 == -2500 && position2 == 8)
    }

    @Test func numberErrorsPointAtTheOffendingByte() {
        #expect(scanError("01") { _ = try $0.parseNumber() }?.offset == 0)
        #expect(scanError("1.x") { _ = try $0.parseNumber() }?.offset == 2)
        #expect(scanError("  1e+q") { _ = try $0.parseNumber() }?.offset == 5)
        #expect(scanError("-a") { _ = try $0.parseNumber() }?.offset == 1)
    }
}

@Suite struct JSONScannerStringTests {
    private func string(_ json: String) throws -> String {
        try scan(json) { try $0.parseString() }
    }

    @Test func escapesAreDecoded() throws {
        #expect(try string(#""plain""#) == "plain")
        #expect(try string(#""""#) == "")
        #expect(try string(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti")
        #expect(try string(#""caf\u00e9 \u00C9 \u20AC""#) == "café É €")
        #expect(try string(#""\u0000""#) == "\u{0}")
        // A surrogate pair: U+1F600 is D83D DE00 in UTF-16.
        #expect(try string(#""\ud83d\ude00!""#) == "😀!")
        #expect(try string(#""\uD834\uDD1E""#) == "𝄞")
        // Raw UTF-8 passes through.
        #expect(try string("\"Ĳsselmeer 😀\"") == "Ĳsselmeer 😀")
    }

    @Test(arguments: [
        #""\ud83d""#, // high surrogate alone
        #""\ud83dx""#, // high surrogate followed by text
        #""\ud83d\u0041""#, // high surrogate followed by a non-surrogate
        #""\ude00""#, // low surrogate alone
        #""\x""#, // unknown escape
        #""\u12""#, // short \u
        #""\u12G4""#, // not hex
        #""\'""#,
    ])
    func invalidEscapesAreRejected(_ json: String) {
        #expect(scanError(json) { _ = try $0.parseString() } != nil, "\(json) was accepted")
    }

    @Test func rawControlCharactersAndBadUTF8AreRejected() {
        #expect(scanError("\"a\u{1}b\"") { _ = try $0.parseString() } != nil)
        #expect(scanError("\"a\nb\"") { _ = try $0.parseString() } != nil)
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
        let error = bytes.withUnsafeBufferPointer { buffer -> JSONScanError? in
            var s = JSONScanner(bytes: buffer)
            do { _ = try s.parseString(); return nil } catch { return error as? JSONScanError }
        }
        #expect(error != nil)
    }

    @Test func anUnterminatedStringIsReportedAtItsOpeningQuote() {
        #expect(scanError(#"  "abc"#) { _ = try $0.parseString() }?.offset == 2)
        // A backslash as the very last byte must not read past the end.
        #expect(scanError(#""abc\"#) { _ = try $0.parseString() }?.offset == 0)
    }

    @Test func rawStringsCompareWithoutDecoding() throws {
        try scan(#""type" "typ" "t\u0079pe""#) { s in
            let a = try s.scanRawString(), b = try s.scanRawString(), c = try s.scanRawString()
            #expect(s.rawString(a, equals: "type"))
            #expect(!s.rawString(b, equals: "type"))
            // An escaped key is not equal byte for byte, but decodes to the same text.
            #expect(c.hasEscapes && !s.rawString(c, equals: "type"))
            #expect(try s.decode(c) == "type")
        }
    }
}

@Suite struct JSONScannerValueTests {
    @Test func parseValueBuildsTheTree() throws {
        let json = #" {"a": [1, -2.5, true, false, null], "b": {"c": "d\n"}, "e": [], "f": {}} "#
        let value = try scan(json) { try $0.parseValue() }
        let expected: JSONValue = .object([
            ("a", .array([.number(1), .number(-2.5), .bool(true), .bool(false), .null])),
            ("b", .object([("c", .string("d\n"))])),
            ("e", .array([])),
            ("f", .object([])),
        ])
        #expect(value == expected)
        #expect(value["b"]?["c"]?.stringValue == "d\n")
        #expect(value["missing"] == nil)
        #expect(value["a"]?.stringValue == nil)
    }

    @Test func skipValueConsumesExactlyOneValue() throws {
        let json = #"{"a": [1, {"b": [true, null, "x\"]"]}]} , 7"#
        let position = try scan(json) { s in
            try s.skipValue()
            return s.position
        }
        #expect(position == 39) // just after the closing brace, hand-counted
    }

    @Test(arguments: [
        "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "{\"a\":1", "[", "tru", "nul", "falsey", "[1}", "{\"a\":}",
    ])
    func syntaxErrorsAreRejected(_ json: String) {
        let skipped = scanError(json) { s in
            try s.skipValue()
            // Data after the value is the caller's to reject; emulate the reader here.
            if s.peek() != nil { throw s.fail("trailing data") }
        }
        let parsed = scanError(json) { s in
            _ = try s.parseValue()
            if s.peek() != nil { throw s.fail("trailing data") }
        }
        #expect(skipped != nil, "skipValue accepted \(json)")
        #expect(parsed != nil, "parseValue accepted \(json)")
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let skipError = scanError(deep) { try $0.skipValue() }
        let parseError = scanError(deep) { _ = try $0.parseValue() }
        #expect(skipError?.reason.contains("nesting") == true)
        #expect(parseError?.reason.contains("nesting") == true)
        let objects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(scanError(objects) { try $0.skipValue() }?.reason.contains("nesting") == true)
        // 513 levels is over the limit; 500 is fine.
        let over = String(repeating: "[", count: JSONScanner.maximumDepth + 1) + String(repeating: "]", count: JSONScanner.maximumDepth + 1)
        #expect(scanError(over) { try $0.skipValue() } != nil)
        let fine = String(repeating: "[", count: 500) + "1" + String(repeating: "]", count: 500)
        #expect(scanError(fine) { try $0.skipValue() } == nil)
        #expect(scanError(fine) { _ = try $0.parseValue() } == nil)
    }

    @Test func lineAndColumnAreOneBasedAndCountLineFeeds() throws {
        try scan("ab\ncd\r\n\tef") { s in
            #expect(s.lineAndColumn(of: 0) == (1, 1))
            #expect(s.lineAndColumn(of: 1) == (1, 2))
            #expect(s.lineAndColumn(of: 2) == (1, 3)) // the line feed itself ends line 1
            #expect(s.lineAndColumn(of: 3) == (2, 1))
            #expect(s.lineAndColumn(of: 5) == (2, 3)) // the carriage return
            #expect(s.lineAndColumn(of: 7) == (3, 1)) // the tab counts as one column
            #expect(s.lineAndColumn(of: 8) == (3, 2))
            #expect(s.lineAndColumn(of: 10) == (3, 4)) // the end of the text
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let value = try scan("\u{FEFF}[1]") { try $0.parseValue() }
        #expect(value == .array([.number(1)]))
    }
}
