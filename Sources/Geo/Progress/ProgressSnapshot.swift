/// What a stage counts: things with a name ("buildings", "rows") or bytes of a file.
public enum ProgressUnit: Sendable, Equatable {
    case items(String)
    case bytes

    public var name: String {
        switch self {
        case let .items(name): return name
        case .bytes: return "bytes"
        }
    }
}

/// The state of the running stage at one moment.
public struct ProgressSnapshot: Sendable {
    public let stage: String
    public let detail: String?
    public let done: Int
    public let total: Int?
    public let unit: ProgressUnit
    public let elapsedSeconds: Double

    public init(stage: String, detail: String?, done: Int, total: Int?, unit: ProgressUnit, elapsedSeconds: Double) {
        self.stage = stage
        self.detail = detail
        self.done = done
        self.total = total
        self.unit = unit
        self.elapsedSeconds = elapsedSeconds
    }

    /// Units per second so far (nil before any were done).
    public var rate: Double? {
        guard done > 0, elapsedSeconds > 0 else { return nil }
        return Double(done) / elapsedSeconds
    }

    /// Seconds left at the rate so far (nil without a total or a rate).
    public var secondsLeft: Double? {
        guard let total, let rate, rate > 0 else { return nil }
        return Double(max(0, total - done)) / rate
    }

    /// Done as a fraction of the total (nil without one).
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return Double(done) / Double(total)
    }
}

/// Where progress reports go. Every call comes under the meter's lock, one at a time.
public protocol ProgressDisplay: Sendable {
    /// Seconds between `update` calls while a stage runs.
    var interval: Double { get }
    func began(_ snapshot: ProgressSnapshot)
    func update(_ snapshot: ProgressSnapshot)
    func ended(_ snapshot: ProgressSnapshot)
}
