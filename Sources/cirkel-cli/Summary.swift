import Cirkels
import Foundation

/// The short human report `cirkel analyse` prints.
struct Summary {
    let result: AnalysisResult
    let timings: StageTimings
    let outputFolder: String
    let files: [String]
    var command = "analyse"
    /// Lines to add before "wrote" (the score's groups and nabijheid).
    var extra: [String] = []

    var text: String {
        let data = result.data, profile = result.profile
        let total = result.coverage.areas.last!
        var lines: [String] = []
        lines.append("cirkel \(command) \(data.source) — profile \(profile.name)")
        for (k, note) in data.notes.enumerated() { lines.append((k == 0 ? "  read           " : "                 ") + note) }
        var buurtText = ""
        if data.buurten.count > 0 {
            buurtText = " in \(count(data.buurten.count)) buurten (\(count(result.coverage.buildingsOutsideBuurten ?? 0)) outside every buurt)"
        }
        lines.append("  buildings      \(count(data.buildings.count)) with \(count(total.units)) units\(buurtText)")
        var typeCounts: [String: Int] = [:]
        for t in data.voorzieningen.types { typeCounts[t, default: 0] += 1 }
        let haltes = typeCounts.removeValue(forKey: Voorzieningen.ovHalteType) ?? 0
        let types = typeCounts.sorted { $0.key < $1.key }.map { "\($0.key) \(count($0.value))" }.joined(separator: ", ")
        lines.append("  voorzieningen  \(count(data.voorzieningen.count - haltes)) (\(types)) and \(count(haltes)) OV-haltes")
        lines.append("  reach          units within each criterion's radius:")
        for (c, criterion) in profile.criteria.enumerated() {
            let name = criterion.name.padding(toLength: 12, withPad: " ", startingAt: 0)
            let radius = "\(Int(criterion.radius)) m".padding(toLength: 7, withPad: " ", startingAt: 0)
            let required = criterion.required ? "required" : "optional"
            lines.append("                   \(name) \(radius) \(percent(total.unitsReached[c], total.units))  (\(required))")
        }
        lines.append("  complete       \(count(total.unitsComplete)) units (\(percent(total.unitsComplete, total.units)))")
        lines.append("  qualifying     \(count(total.unitsQualifying)) units (\(percent(total.unitsQualifying, total.units))): ≥ 1 unit, nultreden not false, complete")
        let clusters = result.clusters.clusters
        if let largest = clusters.first {
            lines.append("  clusters       \(count(clusters.count)) with \(count(total.unitsInClusters)) units (link \(Int(profile.cluster.link)) m, ≥ \(profile.cluster.minUnits) units); largest: \(count(largest.units)) units in \(largest.members.count) buildings")
        } else {
            lines.append("  clusters       none (link \(Int(profile.cluster.link)) m, ≥ \(profile.cluster.minUnits) units)")
        }
        if let map = result.vlekkenkaart {
            let completeArea = map.vlekken.filter(\.complete).reduce(0) { $0 + $1.area }
            lines.append("  vlekkenkaart   \(map.vlekken.count) vlekken; complete area \(String(format: "%.2f", completeArea / 1e6)) km²")
        }
        lines += extra
        lines.append("  wrote          \(files.joined(separator: ", ")) to \(outputFolder)")
        let stages = timings.stages.map { "\($0.name) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", ")
        lines.append("  seconds        \(stages); total \(String(format: "%.3f", timings.total))")
        return lines.joined(separator: "\n")
    }

    func count(_ n: Int) -> String { n.groupedDigits }

    func percent(_ part: Int, _ whole: Int) -> String {
        whole > 0 ? String(format: "%5.1f %%", 100 * Double(part) / Double(whole)) : "    – "
    }
}
