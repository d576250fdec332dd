import Testing
@testable import WeftTrace

/// An endless stream of new threads or new strings must not grow the reader's memory without bound: past the caps
/// the reader stops with an error that says so.
@Suite("Endless streams are capped")
struct EndlessStreamTests {
    /// A trace of `threads` threads, each a batch of `threadStart` and `threadStop`, with no trailer (a stream).
    static func threadStream(_ threads: Int) -> [UInt8] {
        var encoder = RecordEncoder()
        encoder.preamble()
        encoder.header(nanosecondsPerUnit: 1)
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 8)
        defer { scratch.deallocate() }
        for thread in 1...UInt64(threads) {
            var state = EventCoding.State(time: thread * 10)
            let base = state
            var used = EventCoding.encode(.threadStart, time: thread * 10 + 1, thread, ThreadRole.other.rawValue, 0, 0,
                                          state: &state, into: scratch, at: 0)
            used = EventCoding.encode(.threadStop, time: thread * 10 + 2, 0, 0, 0, 0, state: &state, into: scratch, at: used)
            encoder.batch(thread: thread, base: base, count: 2, events: UnsafeRawBufferPointer(start: scratch, count: used))
        }
        return encoder.bytes
    }

    @Test("a stream of ever new threads stops at the thread cap with an error naming it; up to the cap it reads")
    func threadCap() throws {
        let reader = try TraceReader(bytes: Self.threadStream(1_500), maxThreads: 1_000)
        var events = 0
        var failure: TraceError?
        do {
            while try reader.next() != nil { events += 1 }
        } catch {
            failure = error
        }
        let error = try #require(failure, "1,500 threads read past a cap of 1,000")
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("more than 1000 threads (thread 1001 is one too many)"), "\(error.message)")
        #expect(error.byteOffset != nil)
        #expect(events <= 2_000, "events of threads past the cap were read: \(events)")

        let within = try TraceReader(bytes: Self.threadStream(1_000), maxThreads: 1_000)
        var read = 0
        while try within.next() != nil { read += 1 }
        #expect(read == 2_000)
    }

    @Test("the default thread cap is above a million threads, a task each under thread-per-task")
    func defaultThreadCap() {
        #expect(TraceFormat.maxThreads >= 1_000_002)
    }

    @Test("strings past 256 MiB in all are refused with an error naming the cap")
    func stringBytesCap() throws {
        var encoder = RecordEncoder()
        encoder.preamble()
        encoder.header(nanosecondsPerUnit: 1)
        let long = String(repeating: "x", count: TraceFormat.maxStringLength)
        // Strings records of 15 strings of 1 MiB each (records hold at most 16 MiB), past 256 MiB in all.
        var first: UInt64 = 1
        while Int(first - 1) * TraceFormat.maxStringLength <= TraceFormat.maxStringBytes {
            encoder.strings(first: first, ArraySlice(repeating: long, count: 15))
            first += 15
        }
        var failure: TraceError?
        do {
            let reader = try TraceReader(bytes: encoder.bytes)
            while try reader.next() != nil {}
        } catch {
            failure = error
        }
        let error = try #require(failure)
        #expect(error.message.contains("strings pass 256 MiB in all"), "\(error.message)")
    }
}
