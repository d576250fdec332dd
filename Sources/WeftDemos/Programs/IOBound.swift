import WeftRuntime

extension Demo {
    /// Many tasks that mostly sleep, as a server's connections mostly wait: "thousands easily" vs "limited by OS resources".
    public static let ioBound = Demo(
        name: "io-bound",
        summary: "10,000 tasks that mostly sleep, as connections wait on the network: thousands easily, or one OS thread each?",
        claim: "Goroutines scale: thousands easily, a few KB each. Threads: limited by OS resources, about MBs each.",
        parameters: [
            DemoParameter("tasks", 10_000, 1...1_000_000, "how many tasks wait at once"),
            DemoParameter("sleep-ms", 2_000, 0...60_000, "how long each wait lasts, in milliseconds (long enough for all to wait at once)"),
            DemoParameter("rounds", 1, 1...1_000, "how many waits each task makes"),
        ]
    ) { context in
        let runtime = context.runtime
        let tasks = context["tasks"]
        let rounds = context["rounds"]
        let pause = Duration.milliseconds(context["sleep-ms"])
        let start = runtime.now
        let group = runtime.waitGroup("requests")
        group.add(tasks)
        for id in 1...tasks {
            _ = runtime.spawn("request \(id)") {
                defer { group.done() }
                for _ in 0..<rounds { try await runtime.sleep(for: pause) }
            }
        }
        try await group.wait()
        let elapsed = runtime.now - start
        context.say("\(tasks.grouped) task\(tasks == 1 ? "" : "s") each waited \(rounds) × \(context["sleep-ms"]) ms; all done in \(formatMilliseconds(elapsed))")
    }
}

/// A duration in milliseconds with one decimal: "103.4 ms".
func formatMilliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let millis = Double(seconds) * 1e3 + Double(attoseconds) / 1e15
    let tenths = Int((millis * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) ms"
}
