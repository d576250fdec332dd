import Foundation
import ArgumentParser
import WeftRuntime

/// Where demo traces go by default, and making sure their folder exists.
enum TracePaths {
    /// The folder for traces and pictures.
    static let folder = "traces"

    /// `traces/BASE-SCHEDULER.weft`, where BASE is `baseName(_:)`.
    static func run(_ selection: DemoSelection, scheduler: SchedulerKind, in folder: String = folder) -> String {
        "\(folder)/\(baseName(selection))-\(scheduler.name).weft"
    }

    /// The demo's name followed by the switches that are on (`philosophers-fixed`), so that runs with and without a
    /// switch keep separate files.
    static func baseName(_ selection: DemoSelection) -> String {
        ([selection.demo.name] + selection.demo.flags.map(\.name).filter { selection.options.flag($0) })
            .joined(separator: "-")
    }

    /// Creates the folder of `path` if needed and returns `path`.
    /// - Throws: `ValidationError` when the folder cannot be made.
    static func prepare(_ path: String) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return path }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the folder \(directory) for the trace: \(error.localizedDescription)")
        }
        return path
    }
}
