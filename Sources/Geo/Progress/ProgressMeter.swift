import Dispatch
import Synchronization

/// How far the running stage of a long job has come, for a person watching or a script.
///
/// Stages announce themselves (`begin`/`end`, usually through `StageTimings.measure`), say
/// how much work lies ahead (`expect`) and count it off (`advance`) from any thread. Counting
/// costs one relaxed atomic add; a display is drawn from a timer a few times a second, never
/// from the counting threads, so reporting cannot slow the work down noticeably.
public final class ProgressMeter: Sendable {
    /// Reports nothing (the default: tests, libraries, output that is not a terminal).
    public static let silent = ProgressMeter(display: nil)

    private let display: (any ProgressDisplay)?
    private let done = Atomic<Int>(0)
    private let state = Mutex(State())
    private let timerQueue = DispatchQueue(label: "cirkel.progress")

    private struct Stage {
        var name: String
        var detail: String?
        var total: Int?
        var unit: ProgressUnit = .items("")
        var startedNanoseconds: UInt64
    }

    private struct State {
        /// Running stages, innermost last (a stage may run inside another).
        var stages: [Stage] = []
        var timer: DispatchSourceTimer?
    }

    /// `display` receives every report; `nil` reports nothing.
    public init(display: (any ProgressDisplay)?) {
        self.display = display
    }

    /// A stage begins; until `expect` it has no total (a display shows its time only).
    public func begin(_ name: String) {
        guard let display else { return }
        state.withLock { state in
            state.stages.append(Stage(name: name, startedNanoseconds: Self.now()))
            done.store(0, ordering: .relaxed)
            display.began(snapshot(of: state.stages[state.stages.count - 1]))
            if state.timer == nil { state.timer = startTimer(interval: display.interval) }
        }
    }

    /// The running stage's work ahead: `total` units (nil: unknown), counted from zero again,
    /// and optionally what it is working on (a file name, a step).
    public func expect(_ total: Int?, _ unit: ProgressUnit, detail: String? = nil) {
        guard display != nil else { return }
        state.withLock { state in
            guard !state.stages.isEmpty else { return }
            let k = state.stages.count - 1
            state.stages[k].total = total
            state.stages[k].unit = unit
            state.stages[k].detail = detail
            done.store(0, ordering: .relaxed)
        }
    }

    /// The running stage moves on to a step whose amount of work is not counted (a display
    /// shows the step and its time).
    public func step(_ detail: String) {
        expect(nil, .items(""), detail: detail)
    }

    /// `count` more units of the running stage are done (from any thread).
    @inline(__always)
    public func advance(by count: Int) {
        guard display != nil else { return }
        done.add(count, ordering: .relaxed)
    }

    /// The running stage's count starts from zero again (its work is done over).
    public func restartCount() {
        guard display != nil else { return }
        done.store(0, ordering: .relaxed)
    }

    /// All the running stage's announced work is done (counting may skip the last few units).
    public func finishCount() {
        guard display != nil else { return }
        state.withLock { state in
            guard let total = state.stages.last?.total else { return }
            done.store(total, ordering: .relaxed)
        }
    }

    /// The running stage ends (whether it succeeded or threw).
    public func end() {
        guard let display else { return }
        state.withLock { state in
            guard let stage = state.stages.popLast() else { return }
            display.ended(snapshot(of: stage))
            if state.stages.isEmpty {
                state.timer?.cancel()
                state.timer = nil
            }
        }
    }

    private func startTimer(interval: Double) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: timerQueue)
        let nanoseconds = Int(interval * 1e9)
        timer.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds))
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
        return timer
    }

    private func tick() {
        guard let display else { return }
        state.withLock { state in
            guard let stage = state.stages.last else { return }
            display.update(snapshot(of: stage))
        }
    }

    private func snapshot(of stage: Stage) -> ProgressSnapshot {
        let elapsed = Double(Self.now() - stage.startedNanoseconds) / 1e9
        var count = done.load(ordering: .relaxed)
        if let total = stage.total { count = min(count, total) }
        return ProgressSnapshot(stage: stage.name, detail: stage.detail, done: count, total: stage.total, unit: stage.unit,
                                elapsedSeconds: elapsed)
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
