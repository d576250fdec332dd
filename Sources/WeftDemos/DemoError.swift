/// What is wrong with a demo's name or options, said so that a person knows what to type instead.
public struct DemoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No demo has this name.
        case unknownDemo
        /// An option the demo does not have.
        case unknownOption
        /// An option without its value, or a value that is not a whole number.
        case badValue
        /// A value outside the option's range.
        case outOfRange
        /// The demo ran but its result is wrong (a lost update, a wrong sum).
        case wrongResult
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
