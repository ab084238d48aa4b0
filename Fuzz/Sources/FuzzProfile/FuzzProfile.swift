import Cirkels
import Foundation
import FuzzSupport

/// Profile files (ProfileLoader.swift): the input is parsed as TOML and as JSON. A profile
/// accepted must survive its own file format: the document written for it (as `profile.json`
/// beside every run's results, "a run can be repeated with exactly that file") must parse
/// again, to a profile that writes the same document.

let source = "fuzz-profile"

func roundTrip(_ profile: Profile) {
    let written = ProfileLoader.document(for: profile).serialized()
    let again: Profile
    do {
        again = try ProfileLoader.parse(Data(written), source: "profile.json", isTOML: false)
    } catch {
        finding("the profile file written for an accepted profile is refused: \(error)\n\(String(decoding: written, as: UTF8.self))")
    }
    guard ProfileLoader.document(for: again).serialized() == written else {
        finding("the profile read back writes another file:\n\(String(decoding: written, as: UTF8.self))")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Data(UnsafeRawBufferPointer(start: data, count: size))
    for isTOML in [true, false] {
        do {
            roundTrip(try ProfileLoader.parse(input, source: source, isTOML: isTOML))
        } catch let error as CirkelError {
            guard case let .invalidProfile(named, reason) = error, named == source, !reason.isEmpty else {
                finding("not an invalidProfile error naming \(source): \(error)")
            }
        } catch {
            finding("untyped error \(type(of: error)): \(error)")
        }
    }
    return 0
}
