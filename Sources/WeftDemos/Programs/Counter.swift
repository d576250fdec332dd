import WeftRuntime

/// The counter the tasks share. Only ever read or written while holding the demo's Weft mutex,
/// as `Arc<Mutex<i32>>` guards its integer in the blog.
final class GuardedCounter: @unchecked Sendable {
    var value = 0
}

extension Demo {
    /// The blog's Mutex example: task *i* adds *i* to a mutex-guarded counter; main prints the final count. Each
    /// addition holds the lock across a little CPU work (as a real update would: read, compute, write), so the tasks
    /// queue for the lock: under the multiplexed scheduler a task waiting for it frees its pool thread, under
    /// thread-per-task it keeps its own thread blocked.
    public static let counter = Demo(
        name: "counter",
        summary: "task i adds i to a mutex-guarded counter, holding the lock across a little CPU work, so the others wait for it; "
            + "main prints the final count (the blog's Mutex example)",
        claim: "Mutexes handle shared state; Rust's synchronization is explicit and safe.",
        parameters: [
            DemoParameter("tasks", 3, 1...100_000, "how many tasks add to the counter"),
            DemoParameter("increments", 2, 1...1_000_000, "how many times each task adds its number, locking each time"),
            DemoParameter("hold-us", 1_000, 0...1_000_000, "how long each addition computes while holding the lock, in microseconds"),
        ]
    ) { context in
        let runtime = context.runtime
        let tasks = context["tasks"]
        let increments = context["increments"]
        let hold = Duration.microseconds(context["hold-us"])
        let mutex = runtime.mutex("counter")
        let counter = GuardedCounter()
        var handles: [TaskHandle<Void>] = []
        for id in 1...tasks {
            handles.append(runtime.spawn("adder \(id)") {
                for _ in 0..<increments {
                    try await mutex.withLock {
                        let before = counter.value
                        busyWork(for: hold)
                        counter.value = before + id
                    }
                }
            })
        }
        for handle in handles { try await handle.value }
        let total = try await mutex.withLock { counter.value }
        context.say("Final count: \(total)")
        let expected = increments * tasks * (tasks + 1) / 2
        guard total == expected else {
            throw DemoError(.wrongResult, "counter: lost updates: the count is \(total), not \(expected)")
        }
    }
}
