import WeftRuntime

extension Demo {
    /// The blog's channel example: three workers sleep 100 ms and report "Worker N done" over a buffered channel of 3.
    public static let workers = Demo(
        name: "workers",
        summary: "three workers report \"Worker N done\" over a buffered channel of 3 (the blog's channel example)",
        claim: "Channels make synchronization straightforward; the buffered channel holds up to three messages.",
        parameters: [
            DemoParameter("tasks", 3, 1...100_000, "how many workers report"),
            DemoParameter("capacity", 3, 0...1_000_000, "the channel's buffer (0 is unbuffered, a rendezvous)"),
            DemoParameter("sleep-ms", 100, 0...10_000, "how long each worker works (sleeps) first, in milliseconds"),
        ]
    ) { context in
        let runtime = context.runtime
        let workers = context["tasks"]
        let pause = Duration.milliseconds(context["sleep-ms"])
        let channel = runtime.channel(of: String.self, capacity: context["capacity"], name: "results")
        for id in 1...workers {
            _ = runtime.spawn("worker \(id)") {
                try await runtime.sleep(for: pause)
                try await channel.send("Worker \(id) done")
            }
        }
        for _ in 1...workers {
            guard let message = try await channel.receive() else {
                throw DemoError(.wrongResult, "workers: the results channel closed before every worker reported")
            }
            context.say(message)
        }
    }
}
