import CWeftSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Records events from many threads into a .weft file.
///
/// Each thread encodes its events into its own chunk of memory with no lock and no allocation; a background
/// thread ("weft-writer") writes what they have committed every 10 ms and recycles full chunks.
/// - Warning: Call `finish()` after the recording threads are done; events recorded while it runs may be lost
///   (and are counted as dropped when noticed). Normal process exit finishes every live recorder.
public final class TraceRecorder: @unchecked Sendable {
    /// This recorder's serial number, which the hot path compares with its thread's writer.
    @usableFromInline let serial: UInt64
    /// Set when `finish()` begins; recording then goes to the slow path, which drops.
    @usableFromInline let closedFlag: UnsafeMutablePointer<Atomic<Bool>>
    /// The file.
    public let path: String
    /// How timestamps are taken, for the `clock` metadata.
    public var clockDescription: String {
        virtualClock == nil ? clock.description : "virtual: nanoseconds of a deterministic schedule, not measured"
    }

    let clock: TraceClock
    /// The clock that stamps events instead of the time-stamp counter, for a trace in virtual time.
    let virtualClock: VirtualTraceClock?
    /// The time at the start of the trace, in units.
    let start: UInt64
    let pool: ChunkPool
    let lock = PThreadLock()
    // Under `lock`:
    var writers: [ThreadWriter] = []
    var byTid: [Int32: ThreadWriter] = [:]
    var summary: TraceSummary?
    let dropped = Atomic<UInt64>(0)

    let strings = StringTable()
    let output: TraceOutput
    /// The background thread that writes every 10 ms; none in virtual time, where everything is written by `finish()`
    /// so that the file's layout does not depend on when the writer happened to run.
    private(set) var writerThread: WriterThread?

    private static let serials = Atomic<UInt64>(1)

    /// Creates the file, writes its header, starts the writer thread and records `metadata` from the calling thread.
    /// - Parameter virtualClock: when given, events are stamped with its virtual nanoseconds instead of the CPU's
    ///   counter, thread starts carry the thread's number in the trace instead of the kernel's thread id, and nothing
    ///   is written before `finish()`: the same events recorded in the same order give the same bytes.
    /// - Throws: `TraceError.cannotOpen` when the file cannot be created.
    public init(path: String, metadata: [(key: String, value: String)] = [],
                virtualClock: VirtualTraceClock? = nil) throws(TraceError) {
        self.path = path
        serial = Self.serials.add(1, ordering: .relaxed).newValue
        closedFlag = .allocate(capacity: 1)
        closedFlag.initialize(to: Atomic(false))
        self.virtualClock = virtualClock
        clock = virtualClock == nil ? TraceClock.shared : TraceClock.virtual
        start = virtualClock == nil ? clock.nowUnits() : 0
        pool = ChunkPool()
        do {
            output = try TraceOutput(path: path)
        } catch {
            closedFlag.deinitialize(count: 1)
            closedFlag.deallocate()
            throw error
        }
        var encoder = RecordEncoder()
        encoder.preamble()
        encoder.header(nanosecondsPerUnit: clock.nanosecondsPerUnit)
        output.write(encoder.bytes)
        if virtualClock == nil {
            writerThread = WriterThread { [weak self] in
                guard let self else { return false }
                self.flushRound()
                return true
            }
        }
        LiveRecorders.add(self)
        for (key, value) in metadata { self.metadata(key, value) }
    }

    deinit {
        _ = try? finish()
        closedFlag.deinitialize(count: 1)
        closedFlag.deallocate()
    }

    /// The id of `string` in this trace; thread-safe; the same string always gets the same id.
    public func intern(_ string: String) -> StringID { strings.intern(string) }

    /// Binds the calling thread to a buffer of this recorder and records `threadStart` (with the kernel thread id).
    public func beginThread(role: ThreadRole, index: UInt64) {
        let writer = writerForCurrentThread(role: role, index: index, bind: true)
        if let writer, !writer.append(.threadStart, threadIdentity(writer), role.rawValue, index, 0) {
            dropped.add(1, ordering: .relaxed)
        }
    }

    /// Records `threadStop` and hands the thread's buffer over for writing; the thread is no longer bound.
    public func endThread() {
        guard let writer = existingWriter() else { return }
        if closedFlag.pointee.load(ordering: .relaxed) || !writer.append(.threadStop, 0, 0, 0, 0) {
            dropped.add(1, ordering: .relaxed)
        }
        writer.retire()
        lock.withLock { if byTid[writer.tid] === writer { byTid[writer.tid] = nil } }
        if ThreadBinding.current === writer { ThreadBinding.bind(nil) }
        writerThread?.wake()
    }

    /// Unbinds the calling thread from its record without ending it, so that `attachThread` can continue the same
    /// record later, on whichever kernel thread then calls it. For a caller that awaits between its events (the
    /// caller of `Weft.run` may resume on another thread of its own executor): it stays one thread of the trace.
    /// - Returns: nil when the calling thread has no record in this recorder.
    public func detachThread() -> DetachedThread? {
        guard let writer = existingWriter() else { return nil }
        lock.withLock { if byTid[writer.tid] === writer { byTid[writer.tid] = nil } }
        if ThreadBinding.current === writer { ThreadBinding.bind(nil) }
        return DetachedThread(writer: writer)
    }

    /// Binds the calling thread to a record detached by `detachThread`: its next events continue that record.
    /// - Warning: only one kernel thread at a time may use a record; attach it after the detaching code is done.
    public func attachThread(_ detached: DetachedThread) {
        guard detached.writer.hot.pointee.owner == serial else { return }
        ThreadBinding.bind(detached.writer)
    }

    /// The calling thread as numbered in this trace (what its events carry as `Event.thread`), registering it when
    /// it is new; nil once the recorder is finished.
    public func currentThread() -> ThreadID? {
        if let bound = ThreadBinding.current, bound.hot.pointee.owner == serial { return ThreadID(bound.thread) }
        return writerForCurrentThread(role: .other, index: 0, bind: false).map { ThreadID($0.thread) }
    }

    /// The time of the last event the calling thread recorded, in nanoseconds since the start of the trace, exactly
    /// as a reader of the file will read it; nil when the thread has recorded nothing in this recorder.
    public func lastEventTime() -> UInt64? {
        guard let writer = existingWriter() else { return nil }
        let units = writer.hot.pointee.state.time
        return UInt64(min(Double(units > start ? units - start : 0) * clock.nanosecondsPerUnit, 1.8e19))
    }

    /// Appends one event to the calling thread's buffer (hot path: no lock, no allocation).
    /// An unknown thread is registered with role `.other`.
    @inlinable
    public func record(_ kind: EventKind, _ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0, _ a3: UInt64 = 0) {
        if let raw = cweft_tls_get(0) {
            let hot = raw.assumingMemoryBound(to: HotState.self)
            if hot.pointee.owner == serial && hot.pointee.position < hot.pointee.limit
                && !closedFlag.pointee.load(ordering: .relaxed) {
                hot.pointee.append(kind, a0, a1, a2, a3)
                return
            }
        }
        recordSlow(kind, a0, a1, a2, a3)
    }

    /// Appends one event given by its typed view (the same hot path as `record(_:_:_:_:_:)`):
    /// `recorder.record(SendEvent(channel: c, seq: n))`.
    @inlinable
    public func record<View: EventView>(_ view: View) {
        let a = view.arguments
        record(View.kind, a.a0, a.a1, a.a2, a.a3)
    }

    /// Records a `.metadata` event.
    public func metadata(_ key: String, _ value: String) {
        record(MetadataEvent(key: intern(key), value: intern(value)))
    }

    /// Records a `.metadata` event with one of the keys Weft writes.
    public func metadata(_ key: MetadataKey, _ value: String) { metadata(key.rawValue, value) }

    /// Records a `.sample` event with one of the names Weft writes.
    public func sample(_ name: SampleName, _ value: UInt64) {
        record(SampleEvent(name: intern(name.rawValue), value: value))
    }

    /// Events dropped so far (no chunk memory left, or recorded after `finish()`).
    public var droppedEvents: UInt64 { dropped.load(ordering: .relaxed) }

    /// The slow path: a thread without a chunk (or without room), a thread bound to another recorder, or a closed
    /// recorder.
    @usableFromInline
    func recordSlow(_ kind: EventKind, _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) {
        guard !closedFlag.pointee.load(ordering: .relaxed),
              let writer = writerForCurrentThread(role: .other, index: 0, bind: false),
              writer.append(kind, a0, a1, a2, a3)
        else {
            dropped.add(1, ordering: .relaxed)
            return
        }
    }

    /// The thread id a `threadStart` carries: the kernel's, or in virtual time the thread's number in the trace (the
    /// kernel's would differ from run to run).
    private func threadIdentity(_ writer: ThreadWriter) -> UInt64 {
        virtualClock == nil ? UInt64(UInt32(bitPattern: writer.tid)) : writer.thread
    }

    /// The current time in units: the counter's, or the latest virtual stamp.
    private func nowUnits() -> UInt64 {
        if let virtualClock { return virtualClock.lastStamp }
        return clock.nowUnits()
    }

    /// The calling thread's writer in this recorder, if it has one.
    private func existingWriter() -> ThreadWriter? {
        if let bound = ThreadBinding.current, bound.hot.pointee.owner == serial { return bound }
        let tid = cweft_gettid()
        return lock.withLock { byTid[tid] }
    }

    /// The calling thread's writer, registering the thread (and recording its `threadStart`) when it is new.
    /// Binds it to the thread's TLS when asked, or when the thread is bound to no live recorder.
    private func writerForCurrentThread(role: ThreadRole, index: UInt64, bind: Bool) -> ThreadWriter? {
        let tid = cweft_gettid()
        var created = false
        let writer: ThreadWriter? = lock.withLock {
            if summary != nil { return nil }
            if let w = byTid[tid] { return w }
            let w = ThreadWriter(owner: serial, thread: UInt64(writers.count + 1), tid: tid, clock: clock,
                                 start: start, pool: pool, virtualTime: virtualClock?.time)
            writers.append(w)
            byTid[tid] = w
            created = true
            return w
        }
        guard let writer else { return nil }
        let current = ThreadBinding.current
        if bind || current == nil || !LiveRecorders.isLive(current!.hot.pointee.owner) {
            if current !== writer { ThreadBinding.bind(writer) }
        }
        if created && !bind {
            if !writer.append(.threadStart, threadIdentity(writer), role.rawValue, index, 0) { dropped.add(1, ordering: .relaxed) }
        }
        return writer
    }

    /// Writes everything committed so far, then the trailer, and closes the file. Idempotent.
    /// - Throws: `TraceError.io` when writing failed.
    @discardableResult
    public func finish() throws(TraceError) -> TraceSummary {
        let existing: TraceSummary? = lock.withLock {
            if let summary { return summary }
            closedFlag.pointee.store(true, ordering: .relaxed)
            return nil
        }
        if let existing { return existing }
        writerThread?.stop()
        flushRound()
        let writersCount = lock.withLock { writers.count }
        var trailer = TraceTrailer(events: output.events, dropped: dropped.load(ordering: .relaxed),
                                   threads: writersCount, strings: strings.count, countsByCode: output.countsByKind)
        let end = nowUnits()
        trailer.endTime = end > start ? end - start : 0
        var encoder = RecordEncoder()
        encoder.trailer(trailer, endTime: trailer.endTime)
        output.write(encoder.bytes)
        let failure = output.close()
        LiveRecorders.remove(serial)
        let result = TraceSummary(events: trailer.events, dropped: trailer.dropped, bytes: output.bytesWritten,
                                  threads: writersCount, path: path)
        lock.withLock { summary = result }
        if let failure { throw failure }
        return result
    }

    /// Writes what every thread has committed: new strings first, then batches, then a round marker.
    /// Called by the writer thread, and once more by `finish()` after it stopped.
    func flushRound() {
        let all = lock.withLock { writers }
        let roundTime = nowUnits()
        var taken: [(writer: ThreadWriter, ranges: [(memory: UnsafeRawBufferPointer, recycle: Chunk?)])] = []
        for w in all {
            let (ranges, empty) = w.take()
            if !empty { taken.append((w, ranges)) }
        }
        var encoder = RecordEncoder()
        let (first, fresh) = strings.takePending()
        if !fresh.isEmpty { encoder.strings(first: first, fresh[...]) }
        var counts = output.countsByCode
        var events = output.events
        for (w, ranges) in taken {
            for r in ranges {
                if r.memory.count > 0 {
                    var state = w.written
                    let base = EventCoding.State(time: state.time &- start, deltas: state.deltas)
                    let n = EventWalker.walk(r.memory, state: &state, counts: &counts)
                    w.written = state
                    events += UInt64(n)
                    encoder.batch(thread: w.thread, base: base, count: n, events: r.memory)
                }
                if let chunk = r.recycle { pool.give(chunk) }
            }
        }
        if !encoder.bytes.isEmpty {
            encoder.round(time: roundTime > start ? roundTime - start : 0)
            output.countsByCode = counts
            output.events = events
            output.write(encoder.bytes)
        }
    }
}

extension EventCoding.State {
    init(time: UInt64, deltas: (UInt64, UInt64)) {
        self.init(time: time)
        self.deltas = deltas
    }
}

/// A thread's record set aside by `TraceRecorder.detachThread`, to be continued by `attachThread`.
public struct DetachedThread: @unchecked Sendable {
    let writer: ThreadWriter
}
