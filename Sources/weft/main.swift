import ArgumentParser
import WeftCommands

/// Runs an async root command through `AsyncParsableCommand.main()`: top-level code would otherwise pick the
/// synchronous `ParsableCommand.main()`, which refuses async subcommands.
func start<Command: AsyncParsableCommand>(_: Command.Type) async { await Command.main() }

await start(WeftCommand.self)
