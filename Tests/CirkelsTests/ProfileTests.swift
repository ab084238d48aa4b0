import Foundation
import Testing
@testable import Cirkels

struct ProfileTests {
    @Test func builtInDefaultMatchesTheSpec() throws {
        let p = try ProfileLoader.load(nameOrPath: "woonzorgcirkel")
        #expect(p.criteria.map(\.name) == ["ontmoeting", "zorg", "ov", "apotheek", "supermarkt"] as [String])
        #expect(p.criteria[0].types == ["ontmoetingsruimte", "zorgcentrum"] as Set<String>)
        #expect(p.criteria[1].types == ["huisarts", "zorgcentrum"] as Set<String>)
        #expect(p.criteria[2].ideal == 250 && p.criteria[2].radius == 500)
        #expect(p.criteria.map(\.required) == [true, true, true, false, false] as [Bool])
        #expect(p.cluster == ClusterSettings(link: 25, minUnits: 5))
        #expect(try ProfileLoader.load(nameOrPath: "nieuwegein-zorgcirkel").criteria.allSatisfy { $0.radius == 400 })
        #expect(try ProfileLoader.load(nameOrPath: "cbs-geclusterd").cluster.minUnits == 12)
    }

    @Test func tomlAndJSONFilesGiveTheSameProfile() throws {
        let toml = """
        name = "test"
        description = "een test"
        [cluster]
        link = 30
        min_units = 8
        [[criteria]]
        name = "zorg"
        types = ["Huisarts ", "zorgcentrum"]
        radius = 400
        ideal = 200
        weight = 2
        required = true
        [[criteria]]
        name = "winkel"
        types = ["supermarkt"]
        radius = 600.5
        """
        let json = """
        {"name": "test", "description": "een test", "cluster": {"link": 30, "min_units": 8},
         "criteria": [{"name": "zorg", "types": ["Huisarts ", "zorgcentrum"], "radius": 400, "ideal": 200, "weight": 2, "required": true},
                      {"name": "winkel", "types": ["supermarkt"], "radius": 600.5}]}
        """
        let a = try ProfileLoader.parse(Data(toml.utf8), source: "t.toml", isTOML: true)
        let b = try ProfileLoader.parse(Data(json.utf8), source: "t.json", isTOML: false)
        #expect(a == b)
        #expect(a.criteria[0].types == ["huisarts", "zorgcentrum"] as Set<String>)
        #expect(a.criteria[1].weight == 1 && a.criteria[1].required == false && a.criteria[1].ideal == nil)
        #expect(a.cluster == ClusterSettings(link: 30, minUnits: 8))
        // The profile written beside results loads back to the same profile.
        let written = ProfileLoader.document(for: a).serialized()
        #expect(try ProfileLoader.parse(Data(written), source: "profile.json", isTOML: false) == a)
    }

    @Test(arguments: [
        (#"{"name":"x","criteria":[{"name":"zorg","types":["huisarts"],"radius":300,"ideal":400}]}"#, "ideal (400.0) must be positive and at most the radius (300.0)"),
        (#"{"name":"x","criteria":[{"name":"Zorg!","types":["huisarts"],"radius":300}]}"#, "must start with a lower-case letter"),
        (#"{"name":"x","criteria":[]}"#, "no criteria"),
        (#"{"name":"x","criteria":[{"name":"a","types":[],"radius":300}]}"#, "at least one voorziening type"),
        (#"{"name":"x","criteria":[{"name":"a","types":["x"],"radius":-1}]}"#, "radius must be a positive number"),
        (#"{"name":"x","criteria":[{"name":"a","types":["x"]}]}"#, "missing \"radius\" in criteria[0]"),
        (#"{"name":"x","cluster":{"min_units":0},"criteria":[{"name":"a","types":["x"],"radius":3}]}"#, "min_units must be at least 1"),
        (#"{"name":"x","criteria":[{"name":"a","types":["x"],"radius":3},{"name":"a","types":["y"],"radius":3}]}"#, "appears twice"),
    ])
    func invalidProfilesAreExplained(json: String, reason: String) throws {
        do {
            _ = try ProfileLoader.parse(Data(json.utf8), source: "p.json", isTOML: false)
            Issue.record("expected an error containing \(reason)")
        } catch let error as CirkelError {
            #expect(error.description.contains("profile p.json"))
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test func brokenTOMLNamesLineAndColumn() throws {
        do {
            _ = try ProfileLoader.parse(Data("name = \"x\"\nradius = \n".utf8), source: "p.toml", isTOML: true)
            Issue.record("expected an error")
        } catch let error as CirkelError {
            #expect(error.description.contains("p.toml") && error.description.contains("line 2"), "\(error)")
        }
    }

    @Test func unknownNameListsTheBuiltIns() throws {
        #expect(throws: CirkelError.self) { try ProfileLoader.load(nameOrPath: "no-such-profile") }
        do { _ = try ProfileLoader.load(nameOrPath: "no-such-profile") } catch {
            #expect("\(error)".contains("woonzorgcirkel, nieuwegein-zorgcirkel, cbs-geclusterd"))
        }
    }
}
