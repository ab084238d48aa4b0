import Foundation
import Geo
import Synchronization
import Testing

/// The progress meter and its two displays, driven by hand.
struct ProgressTests {
    /// Records every report (called under the meter's lock).
    final class RecordingDisplay: ProgressDisplay, @unchecked Sendable {
        var events: [(String, ProgressSnapshot)] = []
        let interval = 0.01
        func began(_ s: ProgressSnapshot) { events.append(("began", s)) }
        func update(_ s: ProgressSnapshot) { events.append(("update", s)) }
        func ended(_ s: ProgressSnapshot) { events.append(("ended", s)) }
    }

    @Test func countsFromManyThreadsArriveWhole() throws {
        let display = RecordingDisplay()
        let meter = ProgressMeter(display: display)
        meter.begin("reach")
        // A total above the count, so that the count is seen whole and not clamped.
        meter.expect(2_000_000, .items("buildings"))
        try Parallelism(workers: 4, progress: meter).run(chunks: 100) { _ in
            for _ in 0..<100 { meter.advance(by: 100) }
        }
        meter.end()
        let ended = try #require(display.events.last)
        #expect(ended.0 == "ended" && ended.1.stage == "reach")
        #expect(ended.1.done == 1_000_000 && ended.1.total == 2_000_000 && ended.1.fraction == 0.5)
        #expect(display.events.first?.0 == "began")
    }

    @Test func nestedStagesReportTheInnermostAndCountOver() throws {
        let display = RecordingDisplay()
        let meter = ProgressMeter(display: display)
        meter.begin("score")
        meter.begin("parse")
        meter.expect(10, .items("rows"), detail: "bag.gpkg")
        meter.advance(by: 25) // more than announced: shown as the total, never beyond
        meter.end()
        meter.step("wijken")
        meter.end()
        let stages = display.events.map { "\($0.0) \($0.1.stage) \($0.1.detail ?? "-") \($0.1.done)" }
        #expect(stages.filter { !$0.hasPrefix("update") } == ["began score - 0", "began parse - 0", "ended parse bag.gpkg 10", "ended score wijken 0"])
    }

    @Test func theTerminalLineSaysStageCountRateAndTimeLeft() {
        let s = ProgressSnapshot(stage: "reach", detail: nil, done: 3_200_000, total: 8_000_000, unit: .items("distances"), elapsedSeconds: 2)
        // 1.6 M/s; 4.8 M left take 3 s.
        #expect(TerminalProgressDisplay.line(s) == "reach  3,200,000 / 8,000,000 distances  40 %  1.6 M/s  about 3 s left")
        let bytes = ProgressSnapshot(stage: "parse", detail: "buildings.geojson", done: 250_000_000, total: 1_000_000_000, unit: .bytes, elapsedSeconds: 2.5)
        #expect(TerminalProgressDisplay.line(bytes) == "parse buildings.geojson  250 MB / 1000 MB  25 %  100 MB/s  about 8 s left")
        let step = ProgressSnapshot(stage: "coverage", detail: "areas", done: 0, total: nil, unit: .items(""), elapsedSeconds: 75.2)
        #expect(TerminalProgressDisplay.line(step) == "coverage areas  1 min 15 s")
    }

    @Test func theTerminalDisplayWaitsASecondAndWipesItsLine() {
        let written = Mutex<[String]>([])
        let display = TerminalProgressDisplay(quietSeconds: 1) { text in written.withLock { $0.append(text) } }
        let short = ProgressSnapshot(stage: "locate", detail: nil, done: 0, total: nil, unit: .items(""), elapsedSeconds: 0.6)
        display.update(short)
        display.ended(short)
        #expect(written.withLock { $0 }.isEmpty)
        let long = ProgressSnapshot(stage: "groups", detail: nil, done: 0, total: nil, unit: .items(""), elapsedSeconds: 1.4)
        display.update(long)
        display.ended(long)
        #expect(written.withLock { $0 } == ["\r\u{1B}[Kgroups  2 s", "\r\u{1B}[K"])
    }

    @Test func jsonLinesAreObjectsWithEveryField() throws {
        let s = ProgressSnapshot(stage: "parse \"x\"", detail: "a\\b.gpkg", done: 500, total: 1000, unit: .items("rows"), elapsedSeconds: 0.5)
        let line = JSONProgressDisplay.line("progress", s)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "progress" && object["stage"] as? String == "parse \"x\"")
        #expect(object["detail"] as? String == "a\\b.gpkg" && object["unit"] as? String == "rows")
        #expect(object["done"] as? Int == 500 && object["total"] as? Int == 1000)
        #expect(object["rate"] as? Double == 1000 && object["seconds_left"] as? Double == 0.5)
        // Memory comes from /proc on Linux: the test process holds at least a megabyte.
        #expect((object["rss_mb"] as? Int ?? 0) >= 1 && (object["peak_rss_mb"] as? Int ?? 0) >= (object["rss_mb"] as? Int ?? 0))
        let unknown = JSONProgressDisplay.line("begin", ProgressSnapshot(stage: "s", detail: nil, done: 0, total: nil, unit: .items(""), elapsedSeconds: 0))
        let begin = try #require(try JSONSerialization.jsonObject(with: Data(unknown.utf8)) as? [String: Any])
        #expect(begin["total"] is NSNull && begin["rate"] is NSNull && begin["seconds_left"] is NSNull && begin["detail"] is NSNull)
    }
}
