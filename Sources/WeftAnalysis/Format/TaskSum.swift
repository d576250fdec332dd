/// A duration added up over many tasks, and the one way Weft words it: tasks that waited side by side each count, so
/// the sum can exceed the run's wall time many times over (10,000 tasks each ready for 70 ms make 700 s in a 3 s
/// run). Saying how many tasks it is summed over and what that makes per task keeps the figure from reading as a bug.
public struct TaskSum: Sendable, Equatable {
    /// The summed duration (ns).
    public var total: UInt64
    /// How many tasks the sum runs over.
    public var tasks: Int

    public init(total: UInt64 = 0, tasks: Int = 0) {
        self.total = total
        self.tasks = tasks
    }

    /// Adds one task's share (`duration` ns, possibly 0: it still counts as one of the tasks summed over).
    public mutating func add(_ duration: UInt64) {
        total &+= duration
        tasks += 1
    }

    /// Why such a sum is not a time on the clock, said where a sum stands without its count of tasks.
    public static let sideBySide = "tasks wait side by side, so a sum over them can exceed the wall time"

    /// What such a sum is called wherever it is printed (a panel's Tasks header, `weft diff`'s run table), so that it
    /// is never read as a stretch of the wall time: "7.61 ms task-time".
    public static let unit = "task-time"

    /// The mean per task (ns); 0 over no tasks.
    public var perTask: UInt64 { tasks == 0 ? 0 : total / UInt64(tasks) }

    /// "696 s task-time, summed over 10,000 tasks, not wall time (69.6 ms per task on average)"; over one task,
    /// "3.00 ms task-time, for its one task".
    public var description: String {
        if tasks == 1 { return "\(DurationFormat.format(total)) \(Self.unit), for its one task" }
        return "\(DurationFormat.format(total)) \(Self.unit), summed over \(CountFormat.counted(tasks, "task")), not wall time "
            + "(\(DurationFormat.format(perTask)) per task on average)"
    }
}
