/// Which raw values each argument type admits, so that a reader can refuse an event whose enumeration argument
/// this version does not know before any consumer reads it.
extension ArgumentType {
    /// Whether `raw` is a value of this type. Integers, ids and strings admit any value here (string ids are
    /// checked against the string table by the reader); enumerations admit only their known raw values.
    public func admits(_ raw: UInt64) -> Bool {
        switch self {
        case .threadRole: ThreadRole(rawValue: raw) != nil
        case .runEndReason: RunEndReason(rawValue: raw) != nil
        case .blockReason: BlockReason(rawValue: raw) != nil
        case .taskOutcome: TaskOutcome(rawValue: raw) != nil
        case .runOutcome: RunOutcome(rawValue: raw) != nil
        case .uint, .int, .task, .channel, .mutex, .waitGroup, .condition, .object, .string, .duration, .semaphore, .once, .timer, .actor, .thread: true
        }
    }

    /// The values this type admits, spelled for an error message; nil when it admits any value.
    public var admittedValues: String? {
        func list<E: RawRepresentable & CaseIterable & CustomStringConvertible>(_: E.Type) -> String where E.RawValue == UInt64 {
            E.allCases.map { "\($0.rawValue) \($0)" }.joined(separator: ", ")
        }
        switch self {
        case .threadRole: return list(ThreadRole.self)
        case .runEndReason: return list(RunEndReason.self)
        case .blockReason: return list(BlockReason.self)
        case .taskOutcome: return list(TaskOutcome.self)
        case .runOutcome: return list(RunOutcome.self)
        case .uint, .int, .task, .channel, .mutex, .waitGroup, .condition, .object, .string, .duration, .semaphore, .once, .timer, .actor, .thread: return nil
        }
    }
}

extension EventSpec {
    /// What is wrong with `arguments` for this kind: the first argument above its type's maximum or outside its
    /// enumeration, named, with what was expected; nil when every argument is in range.
    public func outOfRange(_ arguments: EventArguments) -> String? {
        for (i, argument) in self.arguments.enumerated() {
            let value = arguments[i]
            if value > argument.type.maximum {
                return "\(name) argument \(argument.name) is \(value), above the largest \(argument.type) a trace may hold (\(argument.type.maximum))"
            }
            if !argument.type.admits(value) {
                return "\(name) argument \(argument.name) is \(value), which is not a known \(argument.type) (expected one of: \(argument.type.admittedValues ?? "any"))"
            }
        }
        return nil
    }
}

extension ArgumentType {
    /// The largest raw value a reader accepts for this type (see `TraceFormat.maxTime`, `maxID`, `maxUnsigned`).
    public var maximum: UInt64 {
        switch self {
        case .task, .channel, .mutex, .waitGroup, .condition, .object, .semaphore, .once, .timer, .actor, .thread: TraceFormat.maxID
        case .duration: TraceFormat.maxTime
        case .uint: TraceFormat.maxUnsigned
        case .int, .string, .threadRole, .runEndReason, .blockReason, .taskOutcome, .runOutcome: .max
        }
    }
}
