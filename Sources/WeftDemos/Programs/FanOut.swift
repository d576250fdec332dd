import WeftRuntime

extension Demo {
    /// Fan-out/fan-in: jobs go out over one channel to N workers, results come back over another.
    public static let fanOut = Demo(
        name: "fanout",
        summary: "fan-out/fan-in: jobs that each sleep (as for I/O) go to N worker tasks over one channel, results come back over another",
        claim: "Handling thousands of requests at once: many workers share one queue of jobs.",
        parameters: [
            DemoParameter("jobs", 100, 1...1_000_000, "how many jobs"),
            DemoParameter("tasks", 4, 1...100_000, "how many worker tasks take jobs"),
            DemoParameter("sleep-ms", 10, 0...10_000, "how long each job waits (sleeps, as for I/O), in milliseconds"),
        ]
    ) { context in
        let runtime = context.runtime
        let jobs = context["jobs"]
        let workers = context["tasks"]
        let work = Duration.milliseconds(context["sleep-ms"])
        let queue = runtime.channel(of: Int.self, capacity: workers, name: "jobs")
        let results = runtime.channel(of: (worker: Int, value: Int).self, capacity: workers, name: "results")
        let group = runtime.waitGroup("workers")
        for id in 1...workers {
            group.add(1)
            _ = runtime.spawn("worker \(id)") {
                defer { group.done() }
                for try await job in queue {
                    if work > .zero { try await runtime.sleep(for: work) }
                    try await results.send((worker: id, value: job * 2))
                }
            }
        }
        _ = runtime.spawn("dispatch") {
            for job in 1...jobs { try await queue.send(job) }
            queue.close()
        }
        _ = runtime.spawn("closer") {
            try await group.wait()
            results.close()
        }
        var total = 0
        var perWorker = [Int](repeating: 0, count: workers + 1)
        for try await result in results {
            total += result.value
            perWorker[result.worker] += 1
        }
        let busiest = perWorker.dropFirst().max() ?? 0
        let idlest = perWorker.dropFirst().min() ?? 0
        let share = idlest == busiest ? "\(busiest.grouped)" : "\(idlest.grouped)–\(busiest.grouped)"
        context.say(
            "\(jobs.grouped) job\(jobs == 1 ? "" : "s") over \(workers.grouped) worker\(workers == 1 ? "" : "s"): total \(total.grouped); "
                + "each worker did \(share) job\(share == "1" ? "" : "s")")
        guard total == jobs * (jobs + 1) else {
            throw DemoError(.wrongResult, "fanout: the total is \(total), not \(jobs * (jobs + 1)): a result was lost")
        }
    }
}
