/// The plain Swift tasks of a run (task-group children, `async let`s, `Task {}`), by the Swift runtime's task id:
/// a job whose task is not the record it arrived at is looked up here, and its task gets a record on first sight.
final class SwiftTaskTable: @unchecked Sendable {
    let lock = PThreadLock()
    private var records: [UInt64: TaskRecord] = [:]

    /// The record of Swift task `id`, or the one `make` creates (under the table's lock) when it is new.
    /// - Returns: the record, and whether it was just made.
    func record(for id: UInt64, make: () -> TaskRecord) -> (TaskRecord, isNew: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let found = records[id] { return (found, false) }
        let made = make()
        records[id] = made
        return (made, true)
    }

    /// The record of Swift task `id`, if it has one.
    func record(for id: UInt64) -> TaskRecord? { lock.withLock { records[id] } }

    /// The records that satisfy `test` (called under the table's lock).
    func records(where test: (TaskRecord) -> Bool) -> [TaskRecord] { lock.withLock { records.values.filter(test) } }

    /// Forgets a task that has ended (its id is never reused while the process runs).
    func remove(_ id: UInt64) { lock.withLock { _ = records.removeValue(forKey: id) } }
}
