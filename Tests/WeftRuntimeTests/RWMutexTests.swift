import Synchronization
import Testing
import WeftRuntime

/// Who is inside a readers-writer lock now, and how often the rules were broken.
final class Occupancy: Sendable {
    let readers = Atomic<Int>(0)
    let writers = Atomic<Int>(0)
    let violations = Atomic<Int>(0)
    let maxReaders = Atomic<Int>(0)

    func enterWriter() {
        if writers.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue != 1
            || readers.load(ordering: .sequentiallyConsistent) != 0 { violations.wrappingAdd(1, ordering: .relaxed) }
    }
    func leaveWriter() { writers.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
    func enterReader() {
        let now = readers.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        if writers.load(ordering: .sequentiallyConsistent) != 0 { violations.wrappingAdd(1, ordering: .relaxed) }
        var seen = maxReaders.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = maxReaders.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }
    func leaveReader() { readers.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
}

@Suite(.serialized) struct RWMutexTests {
    @Test(arguments: primitiveSchedulers)
    func writersExcludeEveryoneReadersExcludeWriters(_ scheduler: SchedulerKind) async throws {
        let (total, violations) = try await runProgram(scheduler) { rt in
            let lock = rt.rwMutex("table")
            let occupancy = Occupancy()
            let value = Unprotected()
            var handles: [TaskHandle<Void>] = []
            for w in 0..<3 {
                handles.append(rt.spawn("writer \(w)") {
                    for i in 0..<200 {
                        try await lock.lock()
                        occupancy.enterWriter()
                        value.value += 1
                        if i % 17 == 0 { await rt.yield() }
                        occupancy.leaveWriter()
                        lock.unlock()
                    }
                })
            }
            for r in 0..<3 {
                handles.append(rt.spawn("reader \(r)") {
                    for i in 0..<200 {
                        try await lock.readLock()
                        occupancy.enterReader()
                        let before = value.value
                        if i % 13 == 0 { await rt.yield() }
                        if value.value != before { occupancy.violations.wrappingAdd(1, ordering: .relaxed) }
                        occupancy.leaveReader()
                        lock.readUnlock()
                    }
                })
            }
            for handle in handles { try await handle.value }
            return (try await lock.withReadLock { value.value }, occupancy.violations.load(ordering: .relaxed))
        }
        #expect(total == 600)
        #expect(violations == 0)
    }

    @Test("readers hold together; a waiting writer holds back new readers and gets the lock when they leave")
    func writerPreference() async throws {
        let steps = try await runProgram(virtualTime) { rt in
            let lock = rt.rwMutex("config")
            var steps: [String] = []
            try await lock.readLock()
            steps.append("second reader: \(lock.tryReadLock())")
            steps.append("writer try: \(lock.tryLock())")
            let writer = rt.spawn("writer") {
                try await lock.lock()
                lock.unlock()
                return rt.now
            }
            try await rt.sleep(for: .milliseconds(1))  // the writer is queued now
            steps.append("reader while a writer waits: \(lock.tryReadLock())")
            lock.readUnlock()
            try await rt.sleep(for: .milliseconds(1))
            steps.append("writer still waits: \(!lock.tryLock())")
            lock.readUnlock()  // the last reader hands the lock to the writer
            let granted = try await writer.value
            steps.append("writer granted after the readers: \(granted >= .milliseconds(2))")
            return steps
        }
        #expect(steps == ["second reader: true", "writer try: false", "reader while a writer waits: false",
                          "writer still waits: true", "writer granted after the readers: true"])
    }

    @Test(arguments: primitiveSchedulers)
    func cancelledWriterLetsQueuedReadersIn(_ scheduler: SchedulerKind) async throws {
        let (writerCancelled, readerDone) = try await runProgram(scheduler) { rt in
            let lock = rt.rwMutex("rw")
            try await lock.readLock()
            let writer = rt.spawn("writer") { try await lock.lock() }
            while lock.tryReadLock() {  // until the writer is queued: readers are then held back
                lock.readUnlock()
                await rt.yield()
            }
            let reader = rt.spawn("reader") {
                try await lock.readLock()
                lock.readUnlock()
                return true
            }
            try await rt.sleep(for: .milliseconds(2))
            writer.cancel()
            var cancelled = false
            do { try await writer.value } catch is CancellationError { cancelled = true }
            let done = try await reader.value
            lock.readUnlock()
            return (cancelled, done)
        }
        #expect(writerCancelled)
        #expect(readerDone)
    }
}
