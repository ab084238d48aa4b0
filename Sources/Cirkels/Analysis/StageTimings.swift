import Foundation
import Geo

/// Wall-clock seconds per named stage, in the order the stages ran; each stage is also
/// announced on `progress`.
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    public var progress: ProgressMeter

    public init(progress: ProgressMeter = .silent) {
        self.progress = progress
    }

    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        progress.begin(name)
        defer {
            progress.end()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            stages.append((name, seconds))
        }
        return try body()
    }

    /// Appends another run's stages, their names prefixed (e.g. "planned ").
    public mutating func append(contentsOf other: StageTimings, prefix: String = "") {
        stages.append(contentsOf: other.stages.map { (prefix + $0.name, $0.seconds) })
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}
