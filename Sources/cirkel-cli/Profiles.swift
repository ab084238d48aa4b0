import ArgumentParser
import Cirkels
import Foundation

struct Profiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the built-in profiles, or print one as a profile file to start your own from.",
        discussion: """
        Examples:
          cirkel profiles
          cirkel profiles nieuwegein-zorgcirkel > mijn-profiel.json
        """
    )

    @Argument(help: ArgumentHelp("A built-in profile name or a profile file to print (as JSON).", valueName: "NAME|FILE"))
    var profile: String?

    mutating func run() throws {
        guard let profile else {
            for p in BuiltInProfiles.all {
                let marker = p.name == BuiltInProfiles.woonzorgcirkel.name ? " (default)" : ""
                print("\(p.name)\(marker)\n  \(p.description)")
            }
            return
        }
        try reportingErrors {
            let loaded = try ProfileLoader.load(nameOrPath: profile)
            FileHandle.standardOutput.write(Data(ProfileLoader.document(for: loaded).serialized()))
        }
    }
}
