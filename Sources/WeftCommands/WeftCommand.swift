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
        ]
    )

    public init() {}
}
