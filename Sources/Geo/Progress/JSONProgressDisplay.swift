import Foundation

/// Progress for scripts (`--json-progress`): one JSON object per line on stderr. Every stage
/// gives a "begin" and an "end" line, and while it runs a "progress" line every second:
///
///     {"event":"progress","stage":"reach","done":3200000,"total":7979724,"unit":"buildings",
///      "rate":1210000,"seconds":2.6,"seconds_left":3.9,"rss_mb":2210,"peak_rss_mb":2480}
///
/// `total`, `rate` and `seconds_left` are null while unknown; memory is the process's
/// resident set (Linux).
public final class JSONProgressDisplay: ProgressDisplay, @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    public let interval = 1.0

    public init(write: @escaping @Sendable (String) -> Void = TerminalProgressDisplay.standardError) {
        self.write = write
    }

    public func began(_ snapshot: ProgressSnapshot) { write(Self.line("begin", snapshot)) }
    public func update(_ snapshot: ProgressSnapshot) { write(Self.line("progress", snapshot)) }
    public func ended(_ snapshot: ProgressSnapshot) { write(Self.line("end", snapshot)) }

    /// One event as a line of JSON (with its newline).
    public static func line(_ event: String, _ s: ProgressSnapshot) -> String {
        func value(_ number: Double?, decimals: Int) -> OutputValue {
            guard let number, number.isFinite else { return .missing }
            return .trimmed(number, decimals: decimals)
        }
        let memory = ProcessMemory.resident()
        let fields: [(String, OutputValue)] = [
            ("event", .string(event)),
            ("stage", .string(s.stage)),
            ("detail", s.detail.map(OutputValue.string) ?? .missing),
            ("done", .integer(s.done)),
            ("total", s.total.map(OutputValue.integer) ?? .missing),
            ("unit", .string(s.unit.name)),
            ("rate", value(s.rate, decimals: 0)),
            ("seconds", value(s.elapsedSeconds, decimals: 3)),
            ("seconds_left", value(s.secondsLeft, decimals: 1)),
            ("rss_mb", memory.map { .integer($0.current >> 20) } ?? .missing),
            ("peak_rss_mb", memory.map { .integer($0.peak >> 20) } ?? .missing),
        ]
        var buffer = ByteBuffer()
        buffer.append(UInt8(ascii: "{"))
        buffer.appendJSONMembers(fields)
        buffer.append("}\n" as StaticString)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
