// async let fan-out: each round asks three slow sources at once and waits for all three; a round takes as long as
// its slowest source. Only the standard library's concurrency; Weft.trace runs it on a Weft scheduler and writes
// its trace.
import WeftRuntime

@main
struct AsyncLetFanOut {
    static let rounds = 3

    static func main() async throws {
        var options = RunOptions()
        options.summary = "async let fan-out: \(rounds) rounds, each asks three slow sources at once and waits for all three"
        let answers = try await Weft.trace(options) {
            var answers: [String] = []
            for round in 1...rounds {
                async let users = fetch("users", round: round, milliseconds: 30)
                async let orders = fetch("orders", round: round, milliseconds: 20)
                async let stock = fetch("stock", round: round, milliseconds: 10)
                answers.append(await [users, orders, stock].joined(separator: " "))
            }
            return answers
        }
        for answer in answers { print(answer) }
    }

    /// A source that answers after `milliseconds`.
    static func fetch(_ source: String, round: Int, milliseconds: Int) async -> String {
        try? await Task.sleep(for: .milliseconds(milliseconds))
        return "\(source)#\(round)"
    }
}
