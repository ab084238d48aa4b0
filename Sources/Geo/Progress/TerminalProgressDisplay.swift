#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Progress for a person at a terminal: one line on stderr, redrawn in place a few times a
/// second for a stage that has run longer than a second, and wiped when the stage ends (the
/// command's own summary follows on stdout). Example:
///
///     reach  3,200,000 / 7,979,724 buildings  40 %  1.2 M/s  about 4 s left
public final class TerminalProgressDisplay: ProgressDisplay, @unchecked Sendable {
    // Mutable state is touched only under the meter's lock (see `ProgressDisplay`).
    private var drawn = false
    private let write: @Sendable (String) -> Void
    /// A stage shorter than this is never drawn.
    public let quietSeconds: Double

    public let interval = 0.2

    public init(quietSeconds: Double = 1, write: @escaping @Sendable (String) -> Void = TerminalProgressDisplay.standardError) {
        self.quietSeconds = quietSeconds
        self.write = write
    }

    public func began(_ snapshot: ProgressSnapshot) {}

    public func update(_ snapshot: ProgressSnapshot) {
        guard snapshot.elapsedSeconds >= quietSeconds else { return }
        // "\r" back to the line's start, ESC[K erases what a longer line left behind.
        write("\r\u{1B}[K" + Self.line(snapshot))
        drawn = true
    }

    public func ended(_ snapshot: ProgressSnapshot) {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
    }

    /// The text of one progress line (without control characters).
    public static func line(_ s: ProgressSnapshot) -> String {
        var parts = [s.detail.map { "\(s.stage) \($0)" } ?? s.stage]
        if s.done > 0 || s.total != nil {
            let done = amount(s.done, s.unit), unit = s.unit == .bytes ? "" : (s.unit.name.isEmpty ? "" : " " + s.unit.name)
            if let total = s.total {
                parts.append("\(done) / \(amount(total, s.unit))\(unit)")
            } else {
                parts.append(done + unit)
            }
        }
        if let fraction = s.fraction { parts.append("\(Int((100 * fraction).rounded(.down))) %") }
        if let rate = s.rate { parts.append(self.rate(rate, s.unit)) }
        if let left = s.secondsLeft {
            parts.append("about \(duration(left)) left")
        } else {
            parts.append(duration(s.elapsedSeconds))
        }
        return parts.joined(separator: "  ")
    }

    static func amount(_ n: Int, _ unit: ProgressUnit) -> String {
        unit == .bytes ? String(format: "%.0f MB", Double(n) / 1e6) : n.groupedDigits
    }

    static func rate(_ perSecond: Double, _ unit: ProgressUnit) -> String {
        if unit == .bytes { return String(format: "%.0f MB/s", perSecond / 1e6) }
        if perSecond >= 1e6 { return String(format: "%.1f M/s", perSecond / 1e6) }
        if perSecond >= 1e4 { return String(format: "%.0f k/s", perSecond / 1e3) }
        return String(format: "%.0f/s", perSecond)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Int(seconds.rounded(.up))) s" }
        let minutes = Int((seconds / 60).rounded(.down)), rest = Int(seconds) - 60 * minutes
        return "\(minutes) min \(rest) s"
    }

    public static let standardError: @Sendable (String) -> Void = { text in
        fputs(text, stderr)
        fflush(stderr)
    }

    /// Whether stderr is a terminal (progress is drawn only there unless asked for).
    public static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
