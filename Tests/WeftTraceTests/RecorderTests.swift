import Foundation
import Testing
@testable import WeftTrace
import WeftTestSupport

@Suite("The recorder", .serialized)
struct RecorderTests {
    @Test("events from several threads are all present, in per-thread order, and match the trailer")
    func severalThreads() throws {
        let path = temporaryTracePath("threads")
        defer { unlink(path) }
        let recorder = try TraceRecorder(path: path, metadata: [("program", "test")])
        let name = recorder.intern("counter")
        let perThread = 50_000
        runThreads(4, together: true) { i in
            recorder.beginThread(role: .worker, index: UInt64(i))
            for n in 0..<perThread { recorder.record(.sample, name.rawValue, UInt64(n)) }
            recorder.endThread()
        }
        let summary = try recorder.finish()
        #expect(summary.dropped == 0)
        #expect(summary.threads == 5)  // four workers and the thread that recorded the metadata
        let reader = try TraceReader(path: path)
        var next: [ThreadID: UInt64] = [:]
        var starts = 0, stops = 0, samples = 0, lastTime: [ThreadID: UInt64] = [:]
        while let e = try reader.next() {
            #expect(e.time >= lastTime[e.thread] ?? 0)
            lastTime[e.thread] = e.time
            switch e.kind {
            case .threadStart: starts += 1
            case .threadStop: stops += 1
            case .sample:
                #expect(reader.string(StringID(e.args.a0)) == "counter")
                #expect(e.args.a1 == next[e.thread, default: 0])
                next[e.thread] = e.args.a1 + 1
                samples += 1
            default: break
            }
        }
        #expect(samples == 4 * perThread)
        #expect(starts == 5 && stops == 4)
        #expect(next.values.allSatisfy { $0 == UInt64(perThread) })
        #expect(reader.warnings.isEmpty)
        #expect(reader.trailer?.events == summary.events)
        #expect(reader.trailer?.count(.sample) == UInt64(4 * perThread))
        #expect(UInt64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64) ?? 0) == summary.bytes)
        #expect(try recorder.finish() == summary)  // idempotent
    }

    @Test("two recorders alive at once keep their threads' events apart")
    func twoRecorders() throws {
        let pathA = temporaryTracePath("a"), pathB = temporaryTracePath("b")
        defer { unlink(pathA); unlink(pathB) }
        let a = try TraceRecorder(path: pathA)
        let b = try TraceRecorder(path: pathB)
        runThreads(2) { i in
            a.beginThread(role: .worker, index: UInt64(i))
            for n in 0..<10_000 {
                a.record(.sample, 0, UInt64(n))
                b.record(.sample, 0, UInt64(n) + 1_000_000)  // a thread bound to a records into b
            }
            a.endThread()
            b.endThread()
        }
        try a.finish()
        try b.finish()
        let ea = try readAll(try TraceReader(path: pathA)).filter { $0.kind == .sample }
        let eb = try readAll(try TraceReader(path: pathB)).filter { $0.kind == .sample }
        #expect(ea.count == 20_000 && eb.count == 20_000)
        #expect(ea.allSatisfy { $0.args.a1 < 1_000_000 })
        #expect(eb.allSatisfy { $0.args.a1 >= 1_000_000 })
    }

    @Test("10,000 threads recording a few events each share a bounded pool of chunks")
    func tenThousandThreads() throws {
        let path = temporaryTracePath("many")
        defer { unlink(path) }
        let recorder = try TraceRecorder(path: path)
        let count = 10_000
        runThreads(count, together: true) { i in
            recorder.beginThread(role: .taskThread, index: UInt64(i + 1))
            for n in 0..<5 { recorder.record(.sample, 0, UInt64(n)) }
            recorder.endThread()
        }
        let summary = try recorder.finish()
        // All 10,000 threads were alive at once; one large chunk each would be 640 MiB.
        #expect(recorder.pool.allocatedBytes <= count * ChunkPool.smallSize + 8 * ChunkPool.largeSize)
        #expect(summary.threads == count)
        #expect(summary.dropped == 0)
        let events = try readAll(try TraceReader(path: path))
        #expect(events.count == count * 7)
        #expect(Set(events.map(\.thread)).count == count)
    }

    @Test("a thread that records without beginThread is registered as .other; records after finish are dropped")
    func autoRegistration() throws {
        let path = temporaryTracePath("auto")
        defer { unlink(path) }
        let recorder = try TraceRecorder(path: path)
        runThreads(1) { _ in recorder.record(.log, 0, 0) }
        let summary = try recorder.finish()
        recorder.record(.log, 0, 0)
        #expect(recorder.droppedEvents == 1)
        let events = try readAll(try TraceReader(path: path))
        #expect(events.map(\.kind) == [.threadStart, .log])
        #expect(events[0].args.a1 == ThreadRole.other.rawValue)
        #expect(events[0].args.a0 != 0)
        #expect(summary.events == 2)
    }

    @Test("a recorder that is never finished is finished when released")
    func releaseFinishes() throws {
        let path = temporaryTracePath("release")
        defer { unlink(path) }
        do {
            let recorder = try TraceRecorder(path: path)
            recorder.metadata("k", "v")
        }
        let reader = try TraceReader(path: path)
        let events = try readAll(reader)
        #expect(events.last?.kind == .metadata)
        #expect(reader.trailer != nil)
    }

    @Test("an uncreatable file is a clear error")
    func cannotOpen() {
        #expect(throws: TraceError.self) { try TraceRecorder(path: "/nonexistent-folder/x.weft") }
    }
}
