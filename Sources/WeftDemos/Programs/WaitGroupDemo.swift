import WeftRuntime

extension Demo {
    /// The blog's WaitGroup example: three tasks print "Task N running"; main waits for all, then says so. With
    /// `--work-ms`, task *N* works (sleeps) *N* times that long after printing, so the tasks finish one by one and
    /// main's wait visibly ends with the last.
    public static let waitGroup = Demo(
        name: "waitgroup",
        summary: "three tasks print \"Task N running\", then task N sleeps N × work-ms (its stand-in for work: drawn as "
            + "sleeping, no CPU); a wait group lets main wait for all (the blog's WaitGroup example)",
        claim: "WaitGroups are lightweight for synchronization: simpler than channels for waiting for completion.",
        parameters: [
            DemoParameter("tasks", 3, 1...100_000, "how many tasks the group waits for"),
            DemoParameter("work-ms", 0, 0...10_000, "task N works (sleeps) N times this long after printing, in milliseconds"),
        ]
    ) { context in
        let runtime = context.runtime
        let group = runtime.waitGroup("tasks")
        let work = Duration.milliseconds(context["work-ms"])
        for id in 1...context["tasks"] {
            group.add(1)
            _ = runtime.spawn("task \(id)") {
                defer { group.done() }
                context.say("Task \(id) running")
                if work > .zero { try await runtime.sleep(for: work * id) }
            }
        }
        try await group.wait()
        context.say("All tasks done")
    }
}
