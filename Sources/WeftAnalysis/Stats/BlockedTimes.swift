import WeftTrace

/// One task's blocked time by wait kind (`BlockReason`, or unknown), as `weft stats` lists it: a fixed array indexed
/// by kind, made on the first wait, and the kinds seen; a kind is named (`send`, `mutex`, …, `unknown`) only when it
/// is printed or encoded. A million tasks that never block hold no array at all.
///
/// Read it as a dictionary from kind name to time: its elements are `(key, value)` pairs in kind order, and it
/// encodes as a JSON object with one member per kind seen.
public struct BlockedTimes: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// Slot 0 holds unknown waits, slot `1 + raw value` a reason's; empty until a time is added.
    private var times: [UInt64] = []
    /// Bit `slot` is set when a time was added to that slot (a wait of zero length included).
    private var seen: UInt16 = 0

    public typealias Key = String
    public typealias Value = UInt64

    /// How many slots there are: one per reason and one for unknown waits.
    static let slots = BlockReason.allCases.count + 1

    public init() {}

    /// Times by kind name (`unknown`, or a reason's description).
    /// - Warning: a name that is no wait kind traps, as a dictionary literal with a repeated key does.
    public init(dictionaryLiteral elements: (String, UInt64)...) {
        for (name, time) in elements {
            guard let slot = Self.slot(named: name) else { preconditionFailure("no wait kind is called \(name)") }
            add(time, slot: slot)
        }
    }

    /// Adds `time` to the waits for `reason` (nil: unknown), wrapping as the accumulator's sums do.
    public mutating func add(_ time: UInt64, for reason: BlockReason?) {
        add(time, slot: reason.map { Int($0.rawValue) + 1 } ?? 0)
    }

    private mutating func add(_ time: UInt64, slot: Int) {
        if times.isEmpty { times = [UInt64](repeating: 0, count: Self.slots) }
        times[slot] &+= time
        seen |= 1 << UInt16(slot)
    }

    /// The time of the kind called `name`, nil when the task never waited so.
    public subscript(name: String) -> UInt64? {
        guard let slot = Self.slot(named: name), seen & (1 << UInt16(slot)) != 0 else { return nil }
        return times[slot]
    }

    /// The names of the kinds seen, in kind order (unknown first).
    public var keys: [String] { map { $0.key } }

    /// The times of the kinds seen, in kind order.
    public var values: [UInt64] { map { $0.value } }

    /// All its blocked time, saturating (no kind is named).
    public var total: UInt64 { times.saturatingSum() }

    /// Whether the task never waited.
    public var isEmpty: Bool { seen == 0 }

    /// How many kinds of wait it had.
    public var count: Int { seen.nonzeroBitCount }

    /// Each kind seen and its time, in kind order (unknown first).
    public func makeIterator() -> IndexingIterator<[(key: String, value: UInt64)]> {
        var kinds: [(key: String, value: UInt64)] = []
        var rest = seen
        while rest != 0 {
            let slot = rest.trailingZeroBitCount
            kinds.append((Self.name(ofSlot: slot), times[slot]))
            rest &= rest &- 1
        }
        return kinds.makeIterator()
    }

    /// What a slot is called: `unknown`, or its reason's description.
    static func name(ofSlot slot: Int) -> String {
        slot == 0 ? "unknown" : BlockReason(rawValue: UInt64(slot - 1))?.description ?? "unknown"
    }

    /// The slot of the kind called `name`, nil when no kind is.
    static func slot(named name: String) -> Int? {
        (0 ..< slots).first { self.name(ofSlot: $0) == name }
    }
}

extension BlockedTimes: Codable {
    private struct KindName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A JSON object: one member per kind seen, its name and time.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: KindName.self)
        for (name, time) in self { try container.encode(time, forKey: KindName(stringValue: name)) }
    }

    /// Reads what `encode(to:)` wrote.
    /// - Throws: `DecodingError.dataCorrupted` for a member that names no wait kind.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: KindName.self)
        self.init()
        for key in container.allKeys {
            guard let slot = Self.slot(named: key.stringValue) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "no wait kind is called \(key.stringValue)")
            }
            add(try container.decode(UInt64.self, forKey: key), slot: slot)
        }
    }
}
