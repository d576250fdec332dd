import WeftRuntime

/// The error a failing worker reports: "worker 2 failed".
public struct WorkerFailure: Error, Sendable, CustomStringConvertible {
    public let worker: Int
    public var description: String { "worker \(worker) failed" }
}

extension Demo {
    /// The blog's error example: worker 2 fails; each worker's result (nil or an error) travels over a channel,
    /// and main prints the errors. The failing worker also ends by throwing, so the trace marks it as failed. With
    /// `--work-ms`, worker *i* works (sleeps) *i* times that long first, so the reports arrive one by one.
    public static let errors = Demo(
        name: "errors",
        summary: "worker 2 fails; each worker's error (or none) travels over a channel and main prints it; worker i reports "
            + "after i × work-ms (the blog's error example)",
        claim: "Channels often carry errors, keeping things consistent; Rust's Result integrates with channels or join.",
        parameters: [
            DemoParameter("tasks", 3, 1...100_000, "how many workers run"),
            DemoParameter("fail", 2, 1...100_000, "which worker fails"),
            DemoParameter("work-ms", 0, 0...10_000, "worker i works (sleeps) i times this long before it reports, in milliseconds"),
        ],
        constraint: { options in
            options["fail"] <= options["tasks"]
                ? nil : "--fail \(options["fail"]) names no worker; there are \(options["tasks"]) (--tasks)."
        }
    ) { context in
        let runtime = context.runtime
        let workers = context["tasks"]
        let failing = context["fail"]
        let work = Duration.milliseconds(context["work-ms"])
        let results = runtime.channel(of: WorkerFailure?.self, capacity: workers, name: "errors")
        var handles: [TaskHandle<Void>] = []
        for id in 1...workers {
            handles.append(runtime.spawn("riskyTask \(id)") {
                if work > .zero { try await runtime.sleep(for: work * id) }
                if id == failing {
                    let failure = WorkerFailure(worker: id)
                    try await results.send(failure)
                    throw failure
                }
                try await results.send(nil)
            })
        }
        for _ in 1...workers {
            if case let failure?? = try await results.receive() {
                context.say(failure.description)
            }
        }
        var failed = 0
        for handle in handles {
            do { try await handle.value } catch is WorkerFailure { failed += 1 }
        }
        context.say("\(workers - failed) of \(workers) worker\(workers == 1 ? "" : "s") succeeded")
    }
}
