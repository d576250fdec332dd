// Counts words in generated text with a task group: one child per chunk (map), the parent merges the counts
// (reduce). Each child yields between batches, as cooperative CPU-bound work should. Only the standard library's
// concurrency; Weft.trace runs it on a Weft scheduler and writes its trace.
import WeftRuntime

@main
struct TaskGroupMapReduce {
    static let chunks = 4
    static let batchesPerChunk = 4
    static let wordsPerBatch = 5_000

    static func main() async throws {
        var options = RunOptions()
        options.summary = "a task group counts words: one child per chunk of text (\(chunks) chunks, CPU work with yields), "
            + "the parent merges the counts"
        let totals = try await Weft.trace(options) {
            await withTaskGroup(of: [String: Int].self) { group in
                for index in 0..<chunks {
                    group.addTask { await countWords(inChunk: index) }
                }
                var merged: [String: Int] = [:]
                for await partial in group {
                    merged.merge(partial, uniquingKeysWith: +)
                }
                return merged
            }
        }
        for (word, count) in totals.sorted(by: { $0.key < $1.key }) {
            print("\(word): \(count)")
        }
        print("total: \(totals.values.reduce(0, +)) words in \(chunks) chunks")
    }

    /// Deterministic text: one batch of words drawn from a small vocabulary by a linear congruential generator.
    static func makeBatch(chunk: Int, batch: Int) -> [String] {
        let vocabulary = ["weft", "warp", "loom", "thread", "shuttle", "bobbin", "heddle", "reed"]
        var state = UInt64(chunk * batchesPerChunk + batch + 1) &* 6_364_136_223_846_793_005
        return (0..<wordsPerBatch).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return vocabulary[Int(state >> 33) % vocabulary.count]
        }
    }

    /// The map step: how often each word occurs in one chunk, made and counted a batch at a time with a yield
    /// between batches.
    static func countWords(inChunk chunk: Int) async -> [String: Int] {
        var counts: [String: Int] = [:]
        for batch in 0..<batchesPerChunk {
            for word in makeBatch(chunk: chunk, batch: batch) { counts[word, default: 0] += 1 }
            await Task.yield()
        }
        return counts
    }
}
