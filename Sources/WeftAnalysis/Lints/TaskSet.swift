import WeftTrace

/// A set of tasks for the wait-for graph's evidence (who held a mutex, sent on a channel, changed a wait group,
/// signalled a condition), which may hold most of a million-task run: a hash set while small, then one bit per raw
/// id once the bits take no more room than the hashed ids would (ids are dense from 1), so adding a task costs a
/// bit, not a hash and a resize. Ids too far out for the bits stay hashed.
struct TaskSet: Sendable, Sequence, ExpressibleByArrayLiteral {
    /// The ids not in the bits' range (all of them until the bits are in use).
    private var hashed: Set<TaskID> = []
    /// Bit `raw % 64` of word `raw / 64` is set when task `raw` is in the set; empty until worth using.
    private var bits: [UInt64] = []
    /// How many bits are set.
    private var bitCount = 0
    /// The largest raw id hashed while the bits are not in use.
    private var largestHashed: UInt64 = 0
    /// The most words of bits per task held (plus a small allowance): past it a far-out id is hashed instead.
    private static let wordsPerTask = 2
    private static let wordAllowance = 64
    /// How many hashed ids make the bits worth considering.
    private static let smallest = 32

    init() {}

    init(arrayLiteral tasks: TaskID...) { self.init(tasks) }

    init<S: Sequence>(_ tasks: S) where S.Element == TaskID {
        for task in tasks { insert(task) }
    }

    /// How many tasks it holds.
    var count: Int { hashed.count + bitCount }

    /// Whether `task` is in the set.
    func contains(_ task: TaskID) -> Bool {
        let word = task.rawValue >> 6
        if word < UInt64(bits.count) { return bits[Int(word)] & (1 << (task.rawValue & 63)) != 0 }
        return hashed.contains(task)
    }

    /// Adds `task`; true when it was not there before.
    @discardableResult
    mutating func insert(_ task: TaskID) -> Bool {
        let raw = task.rawValue, word = raw >> 6
        if !bits.isEmpty {
            if word < UInt64(bits.count) || growBits(toHold: word) { return setBit(raw) }
            return hashed.insert(task).inserted
        }
        guard hashed.insert(task).inserted else { return false }
        largestHashed = Swift.max(largestHashed, raw)
        if hashed.count >= Self.smallest && hashed.count.nonzeroBitCount == 1 && affordable(words: (largestHashed >> 6) + 1) {
            bits = [UInt64](repeating: 0, count: Int((largestHashed >> 6) + 1))
            moveHashedIntoBits()
        }
        return true
    }

    /// Every task, the ones kept as bits first (in id order), then the hashed ones.
    func makeIterator() -> IndexingIterator<[TaskID]> {
        var tasks: [TaskID] = []
        tasks.reserveCapacity(count)
        for (w, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                tasks.append(TaskID(UInt64(w) << 6 | UInt64(rest.trailingZeroBitCount)))
                rest &= rest &- 1
            }
        }
        tasks.append(contentsOf: hashed)
        return tasks.makeIterator()
    }

    /// Whether `words` of bits take no more room than the tasks held (and one more) would hashed.
    private func affordable(words: UInt64) -> Bool {
        words <= UInt64(Self.wordsPerTask * (count + 1) + Self.wordAllowance)
    }

    /// Sets the bit of `raw` (in range); true when it was clear.
    private mutating func setBit(_ raw: UInt64) -> Bool {
        let w = Int(raw >> 6), bit: UInt64 = 1 << (raw & 63)
        guard bits[w] & bit == 0 else { return false }
        bits[w] |= bit
        bitCount += 1
        return true
    }

    /// Grows the bits to hold word `word` when that is affordable (doubling, within the room allowed), moving the
    /// hashed ids the new range covers; false when it is not.
    private mutating func growBits(toHold word: UInt64) -> Bool {
        guard affordable(words: word + 1) else { return false }
        let room = UInt64(Self.wordsPerTask * (count + 1) + Self.wordAllowance)
        let words = Swift.min(Swift.max(word + 1, UInt64(bits.count) * 2), room)
        bits.append(contentsOf: repeatElement(0, count: Int(words) - bits.count))
        moveHashedIntoBits()
        return true
    }

    /// Moves the hashed ids that fall in the bits' range into the bits.
    private mutating func moveHashedIntoBits() {
        guard !hashed.isEmpty else { return }
        let limit = UInt64(bits.count) << 6
        for task in hashed where task.rawValue < limit {
            hashed.remove(task)
            _ = setBit(task.rawValue)
        }
    }
}
