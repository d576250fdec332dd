import WeftRuntime

extension Demo {
    /// Three stages joined by channels: generate 1…n, square each, sum the squares. With `--work-us`, the square stage
    /// computes that long per item, so the items are seen to flow through the stages one by one.
    public static let pipeline = Demo(
        name: "pipeline",
        summary: "three stages joined by channels: generate 1…n, square each (after work-us of CPU work), sum the squares",
        claim: "Concurrency for processing streams of data: data pipelines.",
        parameters: [
            DemoParameter("items", 100, 1...10_000_000, "how many numbers flow through"),
            DemoParameter("capacity", 0, 0...1_000_000, "each channel's buffer (0 is unbuffered)"),
            DemoParameter("work-us", 0, 0...1_000_000, "how long the square stage computes per item, in microseconds"),
        ],
        lookFor: { options in
            let capacity = options["capacity"]
            let handover = capacity == 0
                ? "a rendezvous on the unbuffered channels (each send waits for its receive)"
                : "a hand-over through channels of \(capacity.grouped) slot\(capacity == 1 ? "" : "s")"
            let passing = "each send → receive arrow is one item passing, \(handover)"
            guard options["work-us"] > 0 else { return passing }
            return "square is the bottleneck: with \(options["work-us"].grouped) µs of CPU work per item it is always "
                + "running, while generate waits to hand it the next number and sum waits for the next square (both "
                + "blocked: channel); " + passing
        }
    ) { context in
        let runtime = context.runtime
        let items = context["items"]
        let work = Duration.microseconds(context["work-us"])
        let numbers = runtime.channel(of: Int.self, capacity: context["capacity"], name: "numbers")
        let squares = runtime.channel(of: Int.self, capacity: context["capacity"], name: "squares")
        _ = runtime.spawn("generate") {
            for n in 1...items { try await numbers.send(n) }
            numbers.close()
        }
        _ = runtime.spawn("square") {
            for try await n in numbers {
                busyWork(for: work)
                try await squares.send(n * n)
            }
            squares.close()
        }
        let summer = runtime.spawn("sum") {
            var total = 0
            for try await square in squares { total += square }
            return total
        }
        let total = try await summer.value
        context.say("sum of the squares of 1…\(items.grouped) = \(total.grouped)")
        let expected = items * (items + 1) * (2 * items + 1) / 6
        guard total == expected else {
            throw DemoError(.wrongResult, "pipeline: the sum is \(total), not \(expected): an item was lost or doubled")
        }
    }
}
