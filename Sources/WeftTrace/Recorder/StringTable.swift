/// A recorder's interned strings: thread-safe, id 0 is "", and new strings wait for the writer thread.
final class StringTable: @unchecked Sendable {
    private let lock = PThreadLock()
    private var ids: [String: StringID] = ["": .empty]
    private var total = 1
    private var pending: [String] = []
    private var firstPending: UInt64 = 1

    /// The id of `string`, adding it when new.
    func intern(_ string: String) -> StringID {
        lock.withLock {
            if let id = ids[string] { return id }
            let id = StringID(UInt64(total))
            ids[string] = id
            total += 1
            pending.append(string)
            return id
        }
    }

    /// The number of strings, counting "".
    var count: Int { lock.withLock { total } }

    /// The strings not yet written, and the id of the first.
    func takePending() -> (first: UInt64, strings: [String]) {
        lock.withLock {
            defer {
                firstPending += UInt64(pending.count)
                pending.removeAll(keepingCapacity: true)
            }
            return (firstPending, pending)
        }
    }
}
