import WeftCommands

await WeftCommand.main()
