import WeftRuntime

extension Demo {
    /// The blog's WaitGroup example: three tasks print "Task N running"; main waits for all, then says so.
    public static let waitGroup = Demo(
        name: "waitgroup",
        summary: "three tasks print \"Task N running\"; a wait group lets main wait for all (the blog's WaitGroup example)",
        claim: "WaitGroups are lightweight for synchronization: simpler than channels for waiting for completion.",
        parameters: [
            DemoParameter("tasks", 3, 1...100_000, "how many tasks the group waits for"),
        ]
    ) { context in
        let runtime = context.runtime
        let group = runtime.waitGroup("tasks")
        for id in 1...context["tasks"] {
            group.add(1)
            _ = runtime.spawn("task \(id)") {
                defer { group.done() }
                context.say("Task \(id) running")
            }
        }
        try await group.wait()
        context.say("All tasks done")
    }
}
