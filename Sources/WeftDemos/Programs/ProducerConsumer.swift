import WeftRuntime

/// What the consumer's select saw.
enum ConsumerEvent: Sendable {
    case item(Int)
    case closed
    case timedOut
}

extension Demo {
    /// Producers send items with a pause halfway; the consumer selects between an item and a timeout.
    public static let producerConsumer = Demo(
        name: "producer-consumer",
        summary: "producers send items with a pause halfway; the consumer selects between the next item and a timeout; "
            + "the closer waits for each producer's done on the wait group (its last act, deferred), not for its end, so "
            + "a producer may still be returning after the closer and main have finished",
        claim: "Channels for communication, plus the select that real servers need: wait for a message or give up after a while.",
        parameters: [
            DemoParameter("producers", 2, 1...10_000, "how many producers"),
            DemoParameter("items", 10, 1...1_000_000, "how many items each producer sends"),
            DemoParameter("interval-ms", 10, 0...10_000, "the pause between a producer's items, in milliseconds"),
            DemoParameter("pause-ms", 150, 0...60_000, "the longer pause each producer makes halfway, in milliseconds"),
            DemoParameter("timeout-ms", 50, 1...60_000, "how long the consumer waits for an item before it says so"),
            DemoParameter("capacity", 4, 0...1_000_000, "the channel's buffer"),
        ]
    ) { context in
        let runtime = context.runtime
        let producers = context["producers"]
        let items = context["items"]
        let interval = Duration.milliseconds(context["interval-ms"])
        let pause = Duration.milliseconds(context["pause-ms"])
        let timeout = Duration.milliseconds(context["timeout-ms"])
        let channel = runtime.channel(of: Int.self, capacity: context["capacity"], name: "items")
        let group = runtime.waitGroup("producers")
        for id in 1...producers {
            group.add(1)
            _ = runtime.spawn("producer \(id)") {
                defer { group.done() }
                for n in 1...items {
                    try await channel.send(id * 1_000_000 + n)
                    try await runtime.sleep(for: n == items / 2 ? pause : interval)
                }
            }
        }
        _ = runtime.spawn("closer") {
            try await group.wait()
            channel.close()
        }
        var consumed = 0
        var timeouts = 0
        consuming: while true {
            let event: ConsumerEvent = try await runtime.select(
                .receive(channel) { value in value.map(ConsumerEvent.item) ?? .closed },
                .after(timeout) { .timedOut }
            )
            switch event {
            case .item:
                consumed += 1
            case .timedOut:
                timeouts += 1
                context.say("consumer: no item for \(context["timeout-ms"]) ms, still waiting (\(consumed) so far)")
            case .closed:
                break consuming
            }
        }
        context.say("consumer: \(consumed.grouped) item\(consumed == 1 ? "" : "s"), \(timeouts.grouped) timeout\(timeouts == 1 ? "" : "s")")
        guard consumed == producers * items else {
            throw DemoError(.wrongResult, "producer-consumer: consumed \(consumed.grouped) item\(consumed == 1 ? "" : "s"), not \(producers * items)")
        }
    }
}
