import WeftRuntime

extension Demo {
    /// Two tasks bounce a number over two unbuffered channels: the cost of one message round trip.
    public static let pingPong = Demo(
        name: "pingpong",
        summary: "two tasks bounce a number over two unbuffered channels; prints the time per round trip",
        claim: "Channels make synchronization straightforward: what does one hand-over cost under each scheduler?",
        parameters: [
            DemoParameter("rounds", 1_000, 1...10_000_000, "how many round trips"),
        ]
    ) { context in
        let runtime = context.runtime
        let rounds = context["rounds"]
        let shown = 3
        let ping = runtime.channel(of: Int.self, capacity: 0, name: "ping")
        let pong = runtime.channel(of: Int.self, capacity: 0, name: "pong")
        let start = runtime.now
        let player = runtime.spawn("pinger") {
            for ball in 1...rounds {
                try await ping.send(ball)
                guard let back = try await pong.receive(), back == ball else {
                    throw DemoError(.wrongResult, "pingpong: round \(ball) came back wrong")
                }
                if ball <= shown { context.say("ping \(ball) → pong \(back)") }
            }
            ping.close()
        }
        let partner = runtime.spawn("ponger") {
            while let ball = try await ping.receive() {
                try await pong.send(ball)
            }
        }
        try await player.value
        try await partner.value
        let elapsed = runtime.now - start
        if rounds > shown { context.say("…") }
        context.say("\(rounds.grouped) round trips, \(formatMicroseconds(elapsed / rounds)) each")
    }
}

/// A duration in microseconds with one decimal: "12.3 µs".
func formatMicroseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let micros = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    let tenths = (micros * 10).rounded()
    return "\(Int(tenths) / 10).\(Int(tenths) % 10) µs"
}
