import WeftRuntime

extension Demo {
    /// Five philosophers, five forks (mutexes). Before each meal a philosopher thinks for a random time (from the run's
    /// seed under the deterministic scheduler), takes the left fork, holds it a moment, then takes the right: when all
    /// hold their left fork at once, all wait forever. With `--fixed`, each takes the lower-numbered fork first, which
    /// breaks the cycle, and all eat, each meal lasting `--eat-ms` with both forks held. `--think-ms 0` seats them all
    /// at once: a deadlock on every run. Philosophers and forks are numbered from 1, as Weft numbers mutexes: fork k is
    /// mutex `muk`, and philosopher k takes forks k and k + 1 (the last takes fork 1 for its right).
    public static let philosophers = Demo(
        name: "philosophers",
        summary: "five philosophers think a while, take their left fork, then their right: a deadlock whenever all hold their left at once (--fixed orders the forks)",
        claim: "Ownership prevents data races, not deadlocks: locks taken in a cycle wait forever under either model.",
        parameters: [
            DemoParameter("philosophers", 5, 2...1_000, "how many philosophers (and forks) sit at the table"),
            DemoParameter("meals", 3, 1...10_000, "how many times each philosopher eats"),
            DemoParameter("think-ms", 10, 0...10_000, "the longest a philosopher thinks before each meal (a random time up to it; 0: all reach at once)"),
            DemoParameter("hold-ms", 2, 0...10_000, "how long a philosopher holds the first fork before reaching for the second"),
            DemoParameter("eat-ms", 0, 0...10_000, "how long a philosopher eats, holding both forks"),
        ],
        flags: [DemoFlag("fixed", "take the lower-numbered fork first, so no cycle can form")],
        deadlocksByDesign: { !$0.flag("fixed") },
        lookFor: { options in
            guard options.flag("fixed") else { return nil }  // the deadlock's own picture names its cycle
            let seats = options["philosophers"], meals = options["meals"], eat = options["eat-ms"]
            let holds = "on a fork's lane each bar is one philosopher's hold: a first fork is held alone for "
                + "\(options["hold-ms"]) ms (--hold-ms) before reaching for the second (longer while that one is busy), "
                + (eat > 0
                    ? "then both for the \(eat) ms meal (--eat-ms); fork \(seats) is nobody's first fork, so its bars are meals only"
                    : "and the meal takes no time (--eat-ms 0), so a second fork is held for a sliver, and fork \(seats), "
                        + "nobody's first fork, shows slivers only")
            return "no deadlock: forks taken lowest-numbered first cannot form a cycle, so every philosopher ate all "
                + "\(meals.grouped) meal\(meals == 1 ? "" : "s"); " + holds
        }
    ) { context in
        let runtime = context.runtime
        let seats = context["philosophers"]
        let meals = context["meals"]
        let thinkMicroseconds = context["think-ms"] * 1_000
        let hold = Duration.milliseconds(context["hold-ms"])
        let eat = Duration.milliseconds(context["eat-ms"])
        let fixed = context.options.flag("fixed")
        let forks = (1...seats).map { runtime.mutex("fork \($0)") }
        var handles: [TaskHandle<Void>] = []
        for seat in 0..<seats {
            let left = seat
            let right = (seat + 1) % seats
            let (first, second) = fixed ? (min(left, right), max(left, right)) : (left, right)
            handles.append(runtime.spawn("philosopher \(seat + 1)") {
                for meal in 1...meals {
                    let think = runtime.random(in: 0...thinkMicroseconds)
                    if think > 0 { try await runtime.sleep(for: .microseconds(think)) }
                    try await forks[first].lock()
                    try await runtime.sleep(for: hold)
                    try await forks[second].lock()
                    context.say("Philosopher \(seat + 1) eats meal \(meal) with forks \(first + 1) and \(second + 1)")
                    if eat > .zero { try await runtime.sleep(for: eat) }
                    forks[second].unlock()
                    forks[first].unlock()
                }
            })
        }
        for handle in handles { try await handle.value }
        context.say("Every philosopher ate \(meals.grouped) meal\(meals == 1 ? "" : "s")")
    }
}
