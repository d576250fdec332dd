import ArgumentParser

/// The `weft` command: holds only configuration; each subcommand is its own type in its own file.
public struct WeftCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "Trace, analyse and draw concurrent Swift programs under two schedulers.",
        version: "0.1.0",
        subcommands: [
            DemosCommand.self,
            RunCommand.self,
            CompareCommand.self,
            DumpCommand.self,
            StatsCommand.self,
            CheckCommand.self,
            ExportCommand.self,
            RenderCommand.self,
            DiffCommand.self,
        ]
    )

    public init() {}

    /// Parses the process's arguments and runs the chosen subcommand (the async entry point, for `main.swift`).
    public static func runAsync() async {
        await (Self.self as AsyncParsableCommand.Type).main(nil)
    }
}
