import WeftRuntime

extension Demo {
    /// The blog's first example: three tasks each print 0–4, sleeping 100 ms after each number; main joins them.
    public static let numbers = Demo(
        name: "numbers",
        summary: "three tasks print 0–4, sleeping 100 ms after each number (the blog's goroutines/threads example)",
        claim: "Goroutines are easy to use and scale well; Rust's thread::spawn creates a thread, and join waits for it.",
        parameters: [
            DemoParameter("tasks", 3, 1...10_000, "how many tasks print numbers"),
            DemoParameter("count", 5, 1...1_000, "how many numbers each task prints"),
            DemoParameter("sleep-ms", 100, 0...10_000, "the pause after each number, in milliseconds"),
        ]
    ) { context in
        let runtime = context.runtime
        let count = context["count"]
        let pause = Duration.milliseconds(context["sleep-ms"])
        var handles: [TaskHandle<Void>] = []
        for id in 1...context["tasks"] {
            handles.append(runtime.spawn("printNumbers \(id)") {
                for i in 0..<count {
                    context.say("Task \(id): \(i)")
                    try await runtime.sleep(for: pause)
                }
            })
        }
        for handle in handles { try await handle.value }
    }
}
