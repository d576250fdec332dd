/// What the decoder looks up per event by kind code, in plain memory: the argument count, the kind, the delta slots,
/// the argument limits, whether an argument is an enumeration, and the events decoded so far.
///
/// A class with constant pointers, so that a lookup is one load: no array bounds or uniqueness checks, no dynamic
/// exclusivity checks (the reader decodes on one thread at a time).
final class KindTables {
    /// Kind codes: a byte.
    static let codes = 256
    /// Delta slots held per kind code (a header row has at most this many arguments).
    static let slotsPerCode = 16

    /// Per kind code: the number of arguments, or -1 when the code is not in the header.
    let argumentCounts: UnsafeMutablePointer<Int>
    /// Per kind code: the kind, or nil when this reader does not know it (its events are skipped).
    let kinds: UnsafeMutablePointer<EventKind?>
    /// Per kind code and argument (code * 16 + argument): the delta slot, or -1.
    let deltaSlots: UnsafeMutablePointer<Int>
    /// Per known kind code and argument (code * 4 + argument): the largest value accepted (`ArgumentType.maximum`).
    let argumentLimits: UnsafeMutablePointer<UInt64>
    /// Per known kind code: whether an argument is an enumeration whose raw value must be checked.
    let hasEnumeration: UnsafeMutablePointer<Bool>
    /// Per kind code: the events decoded so far (checked against the trailer at the end).
    let counts: UnsafeMutablePointer<UInt64>

    /// The tables of the kinds in `table`.
    init(_ table: HeaderTable) {
        let n = Self.codes
        argumentCounts = .allocate(capacity: n)
        argumentCounts.initialize(repeating: -1, count: n)
        kinds = .allocate(capacity: n)
        kinds.initialize(repeating: nil, count: n)
        deltaSlots = .allocate(capacity: n * Self.slotsPerCode)
        deltaSlots.initialize(repeating: -1, count: n * Self.slotsPerCode)
        argumentLimits = .allocate(capacity: n * EventSpec.maxArguments)
        argumentLimits.initialize(repeating: .max, count: n * EventSpec.maxArguments)
        hasEnumeration = .allocate(capacity: n)
        hasEnumeration.initialize(repeating: false, count: n)
        counts = .allocate(capacity: n)
        counts.initialize(repeating: 0, count: n)
        for code in 0..<n {
            guard let row = table.rows[code] else { continue }
            argumentCounts[code] = row.arguments.count
            kinds[code] = row.kind
            for (i, slot) in row.deltaSlots.enumerated() { deltaSlots[code * Self.slotsPerCode + i] = slot }
            guard let kind = row.kind else { continue }
            for (i, argument) in kind.spec.arguments.enumerated() {
                argumentLimits[code * EventSpec.maxArguments + i] = argument.type.maximum
                if argument.type.admittedValues != nil { hasEnumeration[code] = true }
            }
        }
    }

    deinit {
        argumentCounts.deallocate()
        kinds.deallocate()
        deltaSlots.deallocate()
        argumentLimits.deallocate()
        hasEnumeration.deallocate()
        counts.deallocate()
    }
}
