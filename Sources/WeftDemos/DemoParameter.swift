/// One size parameter of a demo (`--tasks 1000`): an integer with a default and the range it must lie in.
public struct DemoParameter: Sendable, Equatable {
    /// The option's name without dashes (`tasks` for `--tasks`).
    public var name: String
    /// The value used when the option is not given.
    public var defaultValue: Int
    /// The values accepted; anything outside is refused with a message that names the range.
    public var range: ClosedRange<Int>
    /// One line on what the value sets.
    public var help: String

    public init(_ name: String, _ defaultValue: Int, _ range: ClosedRange<Int>, _ help: String) {
        precondition(range.contains(defaultValue), "the default of --\(name) lies outside its range")
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.help = help
    }
}

/// One on/off switch of a demo (`--fixed`).
public struct DemoFlag: Sendable, Equatable {
    /// The flag's name without dashes.
    public var name: String
    /// One line on what the flag changes.
    public var help: String

    public init(_ name: String, _ help: String) {
        self.name = name
        self.help = help
    }
}
