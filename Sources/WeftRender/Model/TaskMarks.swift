/// The marks of every task, gathered in one list as they are made and then grouped by task.
///
/// Appending each mark to its own task's list touched a different small array per mark (10,000 tasks: a cache miss
/// and a uniqueness check on a cold header each time); one list grows in place, and grouping it is one counting sort
/// that keeps each task's marks in the order they were made.
struct TaskMarks {
    private var made: [(task: Int32, mark: Mark)] = []
    private var counts: [Int]

    /// Room for `taskCount` tasks' marks, about `expected` of them.
    init(taskCount: Int, expected: Int) {
        counts = [Int](repeating: 0, count: taskCount + 1)
        made.reserveCapacity(expected)
    }

    /// Adds `mark` to the task at place `task`.
    mutating func add(_ mark: Mark, to task: Int) {
        made.append((Int32(task), mark))
        counts[task + 1] += 1
    }

    /// The marks grouped by task, each task's in the order they were added.
    func grouped() -> Grouped {
        var starts = counts
        for i in starts.indices.dropFirst() { starts[i] += starts[i - 1] }
        let marks = [Mark](unsafeUninitializedCapacity: made.count) { buffer, initialized in
            var next = starts
            for (task, mark) in made {
                (buffer.baseAddress! + next[Int(task)]).initialize(to: mark)
                next[Int(task)] += 1
            }
            initialized = made.count
        }
        return Grouped(marks: marks, starts: starts)
    }

    /// Every task's marks in one list, each task's together.
    struct Grouped {
        let marks: [Mark]
        /// Where each task's marks start; one more entry ends the last.
        let starts: [Int]

        /// The marks of the task at place `task`, in the order they were added.
        func marks(of task: Int) -> [Mark] { Array(marks[starts[task]..<starts[task + 1]]) }
    }
}
