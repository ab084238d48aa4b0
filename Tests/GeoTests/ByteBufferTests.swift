import Foundation
import Testing
@testable import Geo

private func decimal(_ value: Double, _ decimals: Int, trim: Bool = false) -> String {
    var buffer = ByteBuffer()
    buffer.appendDecimal(value, decimals: decimals, trim: trim)
    return String(decoding: buffer.bytes, as: UTF8.self)
}

private func jsonString(_ text: String) -> String {
    var buffer = ByteBuffer()
    buffer.appendJSONString(text)
    return String(decoding: buffer.bytes, as: UTF8.self)
}

/// printf's fixed notation without a sign on zero, optionally with trailing zeros trimmed.
private func reference(_ value: Double, _ decimals: Int, trim: Bool) -> String {
    var text = String(format: "%.\(decimals)f", value)
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
    if trim, text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}

@Suite struct ByteBufferTests {
    @Test func decimalsMatchPrintfAwayFromTies() {
        var rng = SplitMix64(seed: 0xDEC1_0001)
        var compared = 0
        for _ in 0..<40_000 {
            let decimals = Int.random(in: 0...9, using: &rng)
            let magnitude = Double.random(in: -6...6, using: &rng)
            var value = pow(10, magnitude) * Double.random(in: 1..<10, using: &rng)
            if Bool.random(using: &rng) { value = -value }
            let scaled = abs(value) * pow(10, Double(decimals))
            // Stay where value·10^decimals is computed to well within 0.001 of the truth, and
            // away from halfway cases, where printf (exact binary value, ties to even) and
            // half-away-from-zero may legitimately differ.
            guard scaled < 1e12, abs(scaled - scaled.rounded(.down) - 0.5) > 0.001 else { continue }
            compared += 1
            #expect(decimal(value, decimals) == reference(value, decimals, trim: false), "\(value) with \(decimals) decimals")
            #expect(decimal(value, decimals, trim: true) == reference(value, decimals, trim: true), "\(value) trimmed to \(decimals)")
        }
        #expect(compared > 30_000)
    }

    @Test func integralAndSmallValuesMatchPrintf() {
        for value in [0.0, 1, -1, 9, 10, 99.99, 100, 123_456, 0.001, 0.01, 0.1, 155_000, 463_000.125, 12.3] {
            for decimals in 0...6 where abs(value * pow(10, Double(decimals)) - (value * pow(10, Double(decimals))).rounded(.down) - 0.5) > 1e-6 {
                #expect(decimal(value, decimals) == reference(value, decimals, trim: false), "\(value) \(decimals)")
            }
        }
    }

    @Test func exactTiesRoundHalfAwayFromZero() {
        // These are exact binary fractions, so the tie is real; printf would round to even.
        #expect(decimal(0.5, 0) == "1")
        #expect(decimal(1.5, 0) == "2")
        #expect(decimal(2.5, 0) == "3")
        #expect(decimal(-2.5, 0) == "-3")
        #expect(decimal(0.125, 2) == "0.13")
        #expect(decimal(-0.125, 2) == "-0.13")
        #expect(decimal(0.375, 2) == "0.38")
        #expect(decimal(1.0625, 3) == "1.063")
        #expect(decimal(1.25, 1, trim: true) == "1.3")
        #expect(decimal(2.5, 0, trim: true) == "3")
    }

    @Test func neverANegativeZero() {
        for value in [-0.0, -0.001, -0.0049, -1e-300, -Double.leastNonzeroMagnitude] {
            #expect(decimal(value, 2) == "0.00", "\(value)")
            #expect(decimal(value, 2, trim: true) == "0", "\(value)")
            #expect(decimal(value, 0) == "0", "\(value)")
        }
        #expect(decimal(-0.005, 2) == "-0.01") // -0.005 is just above the tie in magnitude
        #expect(decimal(-0.006, 2) == "-0.01")
    }

    @Test func trimmedDecimals() {
        #expect(decimal(2.5, 3, trim: true) == "2.5")
        #expect(decimal(3, 3, trim: true) == "3")
        #expect(decimal(3, 3) == "3.000")
        #expect(decimal(0.1, 7, trim: true) == "0.1")
        #expect(decimal(100, 2, trim: true) == "100") // zeros before the point stay
        #expect(decimal(1.999, 2, trim: true) == "2")
        #expect(decimal(-52.1551744, 7, trim: true) == "-52.1551744")
        #expect(decimal(0.0000001, 7, trim: true) == "0.0000001")
        #expect(decimal(0.00000004, 7, trim: true) == "0")
    }

    @Test func hugeValuesFallBackToSwiftsShortestForm() {
        #expect(decimal(1e300, 2) == "1e+300")
        #expect(decimal(-1e20, 0) == "-1e+20")
        #expect(decimal(4e18, 0) == "4000000000000000000")
    }

    @Test func integers() {
        var rng = SplitMix64(seed: 7)
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int(Int32.max), -1_000_000]
        for _ in 0..<2_000 { values.append(Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0...62, using: &rng)) }
        for value in values {
            var buffer = ByteBuffer()
            buffer.appendInteger(value)
            #expect(String(decoding: buffer.bytes, as: UTF8.self) == String(value))
        }
    }

    @Test func jsonStringEscapes() {
        #expect(jsonString("plain") == #""plain""#)
        #expect(jsonString("a\"b\\c") == #""a\"b\\c""#)
        #expect(jsonString("\n\r\t") == #""\n\r\t""#)
        #expect(jsonString("\u{0}\u{1}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(jsonString("é😀/") == "\"é😀/\"")
    }

    @Test func jsonStringsParseBackWithJSONSerialization() throws {
        var rng = SplitMix64(seed: 0x150_0001)
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}",
                                     "\u{1F}", "\u{7F}", "é", "ĳ", "€", "😀", "\u{2028}", ",", ":", "{", "]"]
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let json = "[" + jsonString(text) + "]"
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(parsed == [text], "\(text.debugDescription) → \(json)")
            // Our own reader agrees.
            let scanned = try Array(jsonString(text).utf8).withUnsafeBufferPointer { bytes -> String in
                var scanner = JSONScanner(bytes: bytes)
                return try scanner.parseString()
            }
            #expect(scanned == text)
        }
    }

    @Test func outputValuesAsJSON() {
        func json(_ value: OutputValue) -> String {
            var buffer = ByteBuffer()
            buffer.appendJSON(value)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        #expect(json(.string("x\"")) == #""x\"""#)
        #expect(json(.integer(-42)) == "-42")
        #expect(json(.fixed(12.5, decimals: 2)) == "12.50")
        #expect(json(.trimmed(12.5, decimals: 2)) == "12.5")
        #expect(json(.fixed(.nan, decimals: 2)) == "null")
        #expect(json(.trimmed(.infinity, decimals: 2)) == "null")
        #expect(json(.bool(true)) == "true" && json(.bool(false)) == "false")
        #expect(json(.missing) == "null")
        #expect(OutputValue.fixedOrMissing(.infinity, decimals: 1) == .missing)
        #expect(OutputValue.fixedOrMissing(2, decimals: 1) == .fixed(2, decimals: 1))
    }

    @Test func appendingTextAndBuffers() {
        var a = ByteBuffer(capacity: 16)
        a.append("héllo")
        a.append(" " as StaticString)
        a.append(UInt8(ascii: "!"))
        var b = ByteBuffer()
        b.append("end")
        a.append(contentsOf: b)
        #expect(String(decoding: a.bytes, as: UTF8.self) == "héllo !end")
        #expect(a.count == 11) // é is two bytes
    }
}
