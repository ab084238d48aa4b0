import ArgumentParser
import Cirkels
import Foundation

/// Prints a user-facing error on stderr, prefixed as every cirkel error is.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("cirkel: error: \(message)\n".utf8))
}

/// Runs a command's work; a cirkel error is printed as "cirkel: error: …" and exits 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CirkelError {
        printError(error.description)
        throw ExitCode.failure
    } catch let error as GeoError {
        printError(error.description)
        throw ExitCode.failure
    }
}
