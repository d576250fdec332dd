import WeftCommands

// `await WeftCommand.main()` picks ParsableCommand's synchronous main here, which refuses an async root; the
// explicit async entry point avoids that.
await WeftCommand.runAsync()
