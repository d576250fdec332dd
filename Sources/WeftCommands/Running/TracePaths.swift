import WeftRuntime

/// Where `weft run` and `weft compare` write when not told: the ignored folder `weft-out/` (see .gitignore), never
/// the committed `traces/`, which only `scripts/regenerate-traces` writes.
enum TracePaths {
    /// The folder for traces and pictures.
    static let folder = "weft-out"

    /// `weft-out/BASE-SCHEDULER.weft`, where BASE is `baseName(_:)`.
    static func run(_ selection: DemoSelection, scheduler: SchedulerKind, in folder: String = folder) -> String {
        "\(folder)/\(baseName(selection))-\(scheduler.name).weft"
    }

    /// The demo's name followed by the switches that are on (`philosophers-fixed`), so that runs with and without a
    /// switch keep separate files.
    static func baseName(_ selection: DemoSelection) -> String {
        ([selection.demo.name] + selection.demo.flags.map(\.name).filter { selection.options.flag($0) })
            .joined(separator: "-")
    }
}
