import Foundation
import Testing

/// `cirkel check` as a planner runs it, on the demo town.
struct CheckCommandTests {
    typealias Command = CommandTests

    @Test func oneLocationInWordsAndInJSON() throws {
        let run = try Command.cirkel(["check", "5.3874,51.9934"])
        #expect(run.status == 0, "\(run.stderr)")
        for line in ["cirkel check 5.3874,51.9934 — profile woonzorgcirkel", "buurt BU99990001 Centrum", "score", "complete", "vlek", "cluster"] {
            #expect(run.stdout.contains(line), "missing \(line) in\n\(run.stdout)")
        }
        let json = try Command.cirkel(["check", "--rd", "156400,445300", "--json", "--units", "8"])
        #expect(json.status == 0, "\(json.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(answer["schema"] as? Int == 1 && answer["profile"] as? String == "woonzorgcirkel")
        let location = try #require((answer["locations"] as? [[String: Any]])?.first)
        #expect((location["criteria"] as? [[String: Any]])?.count == 5)
        #expect((location["cluster"] as? [String: Any])?["planned_units"] as? Int == 8)
        #expect(location["complete"] as? Bool == false && !((location["missing"] as? [Any])?.isEmpty ?? true))
    }

    @Test func dutch() throws {
        let run = try Command.cirkel(["check", "--rd", "156400,445300", "--lang", "nl"])
        #expect(run.status == 0 && run.stdout.contains("compleet    nee: geen ontmoetingsruimte of zorgcentrum binnen 500 m"), "\(run.stdout)")
    }

    @Test func manyLocationsGiveOneRowEach() throws {
        let folder = Command.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("plots.csv")
        try "name,lon,lat\nMarkt,5.3874,51.9934\nRand,5.4100,51.9990\nVer weg,5.3000,51.9500\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try Command.cirkel(["check", "--locations", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines[0].hasPrefix("label,x,y,buurt,d_ontmoeting") && lines[1].hasPrefix("Markt,"))
    }

    @Test func badLocationsAreRefused() throws {
        let swapped = try Command.cirkel(["check", "51.99,5.38"])
        #expect(swapped.status == 1 && swapped.stderr.contains("latitude, longitude"), "\(swapped.stderr)")
        let none = try Command.cirkel(["check"])
        #expect(none.status == 1 && none.stderr.contains("give one of LOCATION"))
        let units = try Command.cirkel(["check", "5.3874,51.9934", "--units", "0"])
        #expect(units.status == 1 && units.stderr.contains("--units must be at least 1"))
    }

    @Test func aPlanChangesTheAnswer() throws {
        let folder = Command.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = folder.appendingPathComponent("plan.geojson")
        // A huisarts and an ontmoetingsruimte right at the checked spot in Kolkerveld.
        try #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[{"type":"Feature","properties":{"type":"huisarts","name":"Nieuw"},"geometry":{"type":"Point","coordinates":[156400,445300]}},{"type":"Feature","properties":{"type":"ontmoetingsruimte"},"geometry":{"type":"Point","coordinates":[156400,445300]}}]}"#
            .write(to: plan, atomically: true, encoding: .utf8)
        let before = try Command.cirkel(["check", "--rd", "156400,445300"])
        let after = try Command.cirkel(["check", "--rd", "156400,445300", "--plan", plan.path])
        #expect(before.stdout.contains("complete    no:"))
        #expect(after.status == 0 && after.stdout.contains("complete    yes") && after.stdout.contains("what-if: 2 planned voorzieningen"), "\(after.stdout)")
        #expect(after.stdout.contains("zorg        ideal    Nieuw (huisarts), 0 m"))
    }
}

/// `cirkel index` and `cirkel check --index`.
struct IndexCommandTests {
    typealias Command = CommandTests

    @Test func anIndexGivesTheSameAnswerAsTheData() throws {
        let folder = Command.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let index = folder.appendingPathComponent("demo.cirkelindex")
        let made = try Command.cirkel(["index", "data/geojson", "-o", index.path])
        #expect(made.status == 0 && made.stdout.contains("3217 buildings"), "\(made.stderr)")
        for arguments in [["check", "5.3874,51.9934", "--units", "6"], ["check", "--rd", "156400,445300", "--json"]] {
            let fromData = try Command.cirkel(arguments)
            let fromIndex = try Command.cirkel(arguments + ["--index", index.path])
            #expect(fromIndex.status == 0 && fromIndex.stdout == fromData.stdout, "\(fromIndex.stderr)")
        }
        // A damaged index is refused with a message, not a crash.
        let bytes = try Data(contentsOf: index)
        let truncated = folder.appendingPathComponent("truncated.cirkelindex")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let run = try Command.cirkel(["check", "5.3874,51.9934", "--index", truncated.path])
        #expect(run.status == 1 && run.stderr.contains("truncated.cirkelindex") && run.stderr.contains("truncated"), "\(run.stderr)")
        // The last byte belongs to a search structure a check reads in place (the last
        // criterion's tree): the damage is found as the check reads it, and no answer is shown.
        var flipped = bytes
        flipped[flipped.count - 1] ^= 0x01
        let corrupt = folder.appendingPathComponent("corrupt.cirkelindex")
        try flipped.write(to: corrupt)
        let damaged = try Command.cirkel(["check", "5.3874,51.9934", "--index", corrupt.path])
        #expect(damaged.status == 1 && damaged.stdout.isEmpty && damaged.stderr.contains("corrupt.cirkelindex")
            && damaged.stderr.contains("is corrupt"), "\(damaged.stderr)")
    }
}
