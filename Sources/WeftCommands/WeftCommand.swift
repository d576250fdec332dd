import ArgumentParser
import Foundation

/// The `weft` command: holds only configuration; each subcommand is its own type in its own file.
public struct WeftCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "Trace, analyse and draw concurrent Swift programs under two schedulers.",
        discussion: """
            Exit statuses shared by every command: 0 success; 1 something was flagged (a lint error, a tripped gate, \
            a failed program); 2 bad input (an unreadable trace, a bad option, an output that is an input); 5 an \
            output could not be written (a trace, a picture, an export, standard output); 64 a bad command line. \
            weft run adds 3 deadlock and 4 thread limit, and 130/143 when stopped by Ctrl-C or SIGTERM.
            """,
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
            ExploreCommand.self,
        ]
    )

    public init() {}

    /// Parses the process's arguments, runs the chosen subcommand and checks that its standard output was written
    /// (the async entry point, for `main.swift`).
    public static func runAsync() async {
        do {
            var command = try parseAsRoot(nil)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            try CheckedOutput.finish()
        } catch let error as OutputError {
            Diagnostics.error("error: \(error)")
            exit(withError: ExitCode(error.status))
        } catch {
            // The command's own exit status wins, but a failed write is still said.
            do { try CheckedOutput.finish() } catch { Diagnostics.error("error: \(error)") }
            exit(withError: error)
        }
    }
}
