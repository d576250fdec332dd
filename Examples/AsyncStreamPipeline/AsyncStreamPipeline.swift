// An AsyncStream pipeline: a producer task yields numbers a millisecond apart, a stage task squares each (with some
// CPU work per item, as a real stage would do) into a second stream, and the main body sums what comes out. Only the standard library's concurrency; Weft.trace runs it on a Weft scheduler and
// writes its trace.
import WeftRuntime

@main
struct AsyncStreamPipeline {
    static let items = 6

    static func main() async throws {
        var options = RunOptions()
        options.summary = "an AsyncStream pipeline: the producer (task 1 of t1) yields \(items) numbers 1 ms apart, the "
            + "stage (task 2 of t1) squares each (0.5 ms of CPU), main sums them; the streams' hand-offs are plain Swift, "
            + "outside Weft's vocabulary: drawn as suspensions, not as messages"
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
                    squaresIn.yield(square(value))
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

    /// `value` squared, after half a millisecond of CPU work (300,000 rounds of a mixing function: 0.49 ms of CPU
    /// time here, measured with the thread's CPU clock; 500,000 took 0.81 ms) that stands for what a real stage does
    /// to each item.
    static func square(_ value: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: value) | 1
        for _ in 0..<300_000 {
            mixed = mixed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            mixed ^= mixed >> 29
        }
        return mixed == 0 ? value * value + 1 : value * value
    }
}
