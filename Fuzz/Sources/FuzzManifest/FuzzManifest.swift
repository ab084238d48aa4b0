import Cirkels
import FuzzSupport

/// Data-set manifests (Manifest.swift, ManifestTable.swift, VoorzieningMapping.swift): the
/// input is written as manifest.toml and as manifest.json and loaded from each. The files it
/// names are not read here (that is the other readers' part); a mapping file it names is.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for name in ["manifest.toml", "manifest.json"] {
        let path = Scratch.write(bytes, to: name)
        do {
            let manifest = try Manifest.load(path: path)
            guard manifest.source == path, !manifest.voorzieningen.isEmpty else { finding("a manifest without voorzieningen was accepted") }
        } catch let error as CirkelError {
            switch error {
            case .invalidManifest, .missingFile: guard !error.description.isEmpty else { finding("an empty message") }
            default: finding("an unexpected kind of error: \(error)")
            }
        } catch {
            finding("untyped error \(type(of: error)): \(error)")
        }
    }
    return 0
}
