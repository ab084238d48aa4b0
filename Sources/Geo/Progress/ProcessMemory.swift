import Foundation

/// The process's memory as the kernel counts it (Linux `/proc/self/status`), for progress
/// reports: what a stage holds, and the peak so far.
public enum ProcessMemory {
    /// Resident set size now and its peak ("high water mark"), in bytes; nil where the
    /// system does not say (not Linux).
    public static func resident() -> (current: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var current: Int?, peak: Int?
        for line in status.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { current = kilobytes(line) }
            if line.hasPrefix("VmHWM:") { peak = kilobytes(line) }
        }
        guard let current, let peak else { return nil }
        return (current * 1024, peak * 1024)
    }

    /// "VmRSS:\t  123456 kB" → 123456.
    private static func kilobytes(_ line: Substring) -> Int? {
        line.split(separator: " ", omittingEmptySubsequences: true).lazy.compactMap { Int($0.filter(\.isNumber)) }.first
    }
}
