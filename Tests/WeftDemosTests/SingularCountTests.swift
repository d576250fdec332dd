import Testing
import WeftTestSupport

/// The demos write a count of one with its noun in the singular ("1 meal", "1 task"), and any other count in the plural.
@Suite("Demo output counts one in the singular", .serialized)
struct SingularCountTests {
    @Test("philosophers: one meal")
    func philosophers() async throws {
        let run = try await RecordedRun.of("philosophers", ["--fixed", "--meals", "1", "--think-ms", "2"], scheduler: "deterministic")
        #expect(run.error == nil)
        #expect(run.lines.last == "Every philosopher ate 1 meal")
    }

    @Test("cpu-bound: one prime, counted by one task")
    func cpuBound() async throws {
        let run = try await RecordedRun.of("cpu-bound", ["--tasks", "1", "--limit", "3"], scheduler: "deterministic")
        #expect(run.error == nil)
        #expect(run.lines == ["1 prime below 3, counted by 1 task"])
    }

    @Test("fanout: one job over one worker")
    func fanOut() async throws {
        let run = try await RecordedRun.of("fanout", ["--jobs", "1", "--tasks", "1", "--sleep-ms", "0"], scheduler: "deterministic")
        #expect(run.error == nil)
        #expect(run.lines.first == "1 job over 1 worker: total 2; each worker did 1 job")
    }

    @Test("errors: the one worker fails")
    func errors() async throws {
        let run = try await RecordedRun.of("errors", ["--tasks", "1", "--fail", "1"], scheduler: "deterministic")
        #expect(run.error == nil)
        #expect(run.lines == ["worker 1 failed", "0 of 1 worker succeeded"])
    }

    @Test("producer-consumer: one item")
    func producerConsumer() async throws {
        let run = try await RecordedRun.of(
            "producer-consumer", ["--producers", "1", "--items", "1", "--pause-ms", "0", "--interval-ms", "0"], scheduler: "deterministic")
        #expect(run.error == nil)
        #expect(run.lines.last == "consumer: 1 item, 0 timeouts")
    }
}
