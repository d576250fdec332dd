// An AsyncStream pipeline: a producer task yields numbers, a stage task squares them into a second stream, and the
// main body sums what comes out. Only the standard library's concurrency; Weft.trace runs it on a Weft scheduler and
// writes its trace.
import WeftRuntime

@main
struct AsyncStreamPipeline {
    static let items = 20

    static func main() async throws {
        var options = RunOptions()
        options.summary = "an AsyncStream pipeline: a producer task yields \(items) numbers, a stage task squares them, "
            + "the main body sums them"
        let sum = try await Weft.trace(options) {
            let (numbers, numbersIn) = AsyncStream.makeStream(of: Int.self)
            let (squares, squaresIn) = AsyncStream.makeStream(of: Int.self)
            let producer = Task {
                for value in 1...items {
                    numbersIn.yield(value)
                    try? await Task.sleep(for: .milliseconds(1))
                }
                numbersIn.finish()
            }
            let stage = Task {
                for await value in numbers {
                    squaresIn.yield(value * value)
                }
                squaresIn.finish()
            }
            var sum = 0
            for await square in squares { sum += square }
            await producer.value
            await stage.value
            return sum
        }
        print("sum of the first \(items) squares: \(sum)")
    }
}
