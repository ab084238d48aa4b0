/// A growing byte buffer for writing text files fast and deterministically: numbers are
/// formatted from integers (no locale, no `String(format:)`).
public struct ByteBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    @inline(__always)
    public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func append(contentsOf other: ByteBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    public mutating func appendInteger(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendUnsigned(value.magnitude)
        } else {
            appendUnsigned(UInt(value))
        }
    }

    private mutating func appendUnsigned(_ value: UInt) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        appendDigits(of: value, decimals: 0, trim: false, negative: false)
    }

    /// Appends `units` as a decimal number with its last `decimals` digits after the point:
    /// formatted right to left into a buffer on the stack and appended in one call, which
    /// is what makes writing millions of numbers cheap.
    @inline(__always)
    private mutating func appendDigits(of units: UInt, decimals: Int, trim: Bool, negative: Bool) {
        // 20 digits of a UInt64, a point, a sign, and up to 15 leading fraction zeros.
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            let end = raw.count
            var position = end
            var rest = units
            if decimals > 0 {
                // Fraction digits, least significant first; with `trim`, trailing zeros are
                // dropped until the first other digit.
                var kept = false
                for _ in 0..<decimals {
                    let digit = UInt8(rest % 10)
                    rest /= 10
                    if !kept && trim && digit == 0 { continue }
                    kept = true
                    position -= 1
                    raw[position] = UInt8(ascii: "0") + digit
                }
                if kept {
                    position -= 1
                    raw[position] = UInt8(ascii: ".")
                }
            }
            repeat {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if negative {
                position -= 1
                raw[position] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position..<end]))
        }
    }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// Appends a finite number rounded (half away from zero) to `decimals` places. With
    /// `trim`, trailing zeros after the point (and a bare point) are dropped. Never writes
    /// "-0". Numbers too large for this exact path (|value|·10^decimals ≥ 2^62) fall back to
    /// Swift's shortest representation.
    public mutating func appendDecimal(_ value: Double, decimals: Int, trim: Bool = false) {
        precondition(value.isFinite, "appendDecimal needs a finite number")
        precondition((0...15).contains(decimals), "0 to 15 decimals")
        let scaled = (value * Self.powersOfTen[decimals]).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 4.6e18 else {
            append(String(value))
            return
        }
        let units = Int(scaled)
        // A value that rounds to zero is written without a sign.
        appendDigits(of: units.magnitude, decimals: decimals, trim: trim, negative: units < 0)
    }

    /// Appends a CSV field (RFC 4180): quoted only when it holds a comma, quote or line
    /// break, with quotes doubled.
    public mutating func appendCSVField(_ text: String) {
        var text = text
        // Scanning the contiguous UTF-8 bytes directly: `text.utf8.contains` goes through the
        // generic collection path, about ten times the instructions (measured with callgrind).
        text.withUTF8 { field in
            let needsQuotes = field.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                bytes.append(contentsOf: field)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in field {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends a JSON string literal with the escapes RFC 8259 requires.
    public mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"" as StaticString)
            case UInt8(ascii: "\\"): append("\\\\" as StaticString)
            case 0x0A: append("\\n" as StaticString)
            case 0x0D: append("\\r" as StaticString)
            case 0x09: append("\\t" as StaticString)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                append("\\u00" as StaticString)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends object members compactly, `"key":value` separated by commas (the braces are
    /// the caller's).
    public mutating func appendJSONMembers(_ members: [(String, OutputValue)]) {
        for (k, (key, value)) in members.enumerated() {
            if k > 0 { append(UInt8(ascii: ",")) }
            appendJSONString(key)
            append(UInt8(ascii: ":"))
            appendJSON(value)
        }
    }

    /// Appends a value as JSON.
    public mutating func appendJSON(_ value: OutputValue) {
        switch value {
        case let .string(s): appendJSONString(s)
        case let .integer(i): appendInteger(i)
        case let .fixed(d, decimals): d.isFinite ? appendDecimal(d, decimals: decimals) : append("null" as StaticString)
        case let .trimmed(d, decimals): d.isFinite ? appendDecimal(d, decimals: decimals, trim: true) : append("null" as StaticString)
        case let .bool(b): append(b ? "true" as StaticString : "false" as StaticString)
        case .missing: append("null" as StaticString)
        }
    }
}
