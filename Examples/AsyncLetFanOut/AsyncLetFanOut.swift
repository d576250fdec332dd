// async let fan-out: each round asks three slow sources at once and waits for all three; a round takes as long as
// its slowest source. A source waits (a sleep, as for the network) and then decodes its answer (about half a
// millisecond of CPU work). Only the standard library's concurrency; Weft.trace runs it on a Weft scheduler and
// writes its trace.
import WeftRuntime

@main
struct AsyncLetFanOut {
    static let rounds = 3

    static func main() async throws {
        var options = RunOptions()
        options.summary = "async let fan-out: \(rounds) rounds; each asks three sources at once (each sleeps 3, 2 or 1 ms, "
            + "then decodes for 0.5 ms of CPU) and joins all three: a round lasts as long as its slowest source, 3.5 ms"
        let answers = try await Weft.trace(options) {
            var answers: [String] = []
            for round in 1...rounds {
                async let users = fetch("users", round: round, milliseconds: 3)
                async let orders = fetch("orders", round: round, milliseconds: 2)
                async let stock = fetch("stock", round: round, milliseconds: 1)
                answers.append(await [users, orders, stock].joined(separator: " "))
            }
            return answers
        }
        for answer in answers { print(answer) }
    }

    /// A source that answers after `milliseconds`, then decodes the answer: about half a millisecond of CPU.
    static func fetch(_ source: String, round: Int, milliseconds: Int) async -> String {
        try? await Task.sleep(for: .milliseconds(milliseconds))
        return "\(source)#\(round)" + decodeSuffix(seed: round * milliseconds)
    }

    /// The CPU work of decoding an answer: 300,000 rounds of a mixing function (0.49 ms of CPU time here, measured
    /// with the thread's CPU clock; 500,000 took 0.81 ms); an empty string unless the mix comes out zero (it never
    /// does), so the answer keeps its text.
    static func decodeSuffix(seed: Int) -> String {
        var mixed = UInt64(truncatingIfNeeded: seed) | 1
        for _ in 0..<300_000 {
            mixed = mixed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            mixed ^= mixed >> 29
        }
        return mixed == 0 ? "!" : ""
    }
}
