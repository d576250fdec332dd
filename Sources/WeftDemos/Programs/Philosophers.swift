import WeftRuntime

extension Demo {
    /// Five philosophers, five forks (mutexes). Each takes the left fork, then the right: all hold one and wait forever.
    /// With `--fixed`, each takes the lower-numbered fork first, which breaks the cycle, and all eat.
    public static let philosophers = Demo(
        name: "philosophers",
        summary: "five philosophers take their left fork, then their right: a deadlock by design (--fixed orders the forks)",
        claim: "Ownership prevents data races, not deadlocks: locks taken in a cycle wait forever under either model.",
        parameters: [
            DemoParameter("philosophers", 5, 2...1_000, "how many philosophers (and forks) sit at the table"),
            DemoParameter("meals", 3, 1...10_000, "how many times each philosopher eats"),
            DemoParameter("think-ms", 10, 1...10_000, "how long a philosopher holds the first fork before reaching for the second"),
        ],
        flags: [DemoFlag("fixed", "take the lower-numbered fork first, so no cycle can form")],
        deadlocksByDesign: { !$0.flag("fixed") }
    ) { context in
        let runtime = context.runtime
        let seats = context["philosophers"]
        let meals = context["meals"]
        let think = Duration.milliseconds(context["think-ms"])
        let fixed = context.options.flag("fixed")
        let forks = (0..<seats).map { runtime.mutex("fork \($0)") }
        var handles: [TaskHandle<Void>] = []
        for seat in 0..<seats {
            let left = seat
            let right = (seat + 1) % seats
            let (first, second) = fixed ? (min(left, right), max(left, right)) : (left, right)
            handles.append(runtime.spawn("philosopher \(seat)") {
                for meal in 1...meals {
                    try await forks[first].lock()
                    try await runtime.sleep(for: think)
                    try await forks[second].lock()
                    context.say("Philosopher \(seat) eats meal \(meal) with forks \(first) and \(second)")
                    forks[second].unlock()
                    forks[first].unlock()
                    try await runtime.sleep(for: think)
                }
            })
        }
        for handle in handles { try await handle.value }
        context.say("Every philosopher ate \(meals) meals")
    }
}
