import CWeftSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The part of a thread's writer that the hot path touches, in raw memory (no reference counting, no exclusivity
/// checks). TLS slot 0 points at it. Only the owning thread writes it, except under the writer's lock.
@usableFromInline
struct HotState {
    /// The serial number of the recorder this belongs to.
    @usableFromInline var owner: UInt64
    /// The current chunk (nil: none yet, or the thread ended).
    @usableFromInline var memory: UnsafeMutableRawPointer?
    /// Where the next event goes; always equal to `committed`.
    @usableFromInline var position: Int
    /// The chunk's capacity minus the room of one event (0 without a chunk): the hot path needs no other check.
    @usableFromInline var limit: Int
    /// Time units are counter ticks shifted right by this.
    @usableFromInline var shift: UInt64
    /// The encoder state (previous time and sequence numbers).
    @usableFromInline var state: EventCoding.State
    /// The end of the complete events in the chunk, published to the writer thread with release ordering.
    @usableFromInline var committed: UnsafeMutablePointer<Atomic<Int>>
    /// The virtual clock that stamps events instead of the time-stamp counter, if the recorder has one.
    @usableFromInline var virtualTime: UnsafeMutablePointer<VirtualTime>?

    /// Encodes one event; the caller has checked `position < limit`.
    @inlinable @inline(__always)
    mutating func append(_ kind: EventKind, _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) {
        let now = if let virtualTime { virtualTime.pointee.stamp() } else { cweft_rdtsc() >> shift }
        position = EventCoding.encode(kind, time: now, a0, a1, a2, a3, state: &state, into: memory.unsafelyUnwrapped, at: position)
        committed.pointee.store(position, ordering: .releasing)
    }
}

/// One thread's event buffer in one recorder.
final class ThreadWriter: @unchecked Sendable {
    /// The hot state, in memory this object owns.
    let hot: UnsafeMutablePointer<HotState>
    /// The thread's number in the trace.
    let thread: UInt64
    /// The kernel thread id.
    let tid: Int32
    let pool: ChunkPool

    /// Guards `flushed`, `retired` and chunk changes between the owner's slow path and the writer thread.
    let lock = PThreadLock()
    /// The chunk being filled.
    var chunk: Chunk?
    /// How much of `chunk` the writer thread has taken.
    var flushed = 0
    /// Filled chunks (and the part not yet taken) waiting for the writer thread, oldest first.
    var retired: [(chunk: Chunk, from: Int, to: Int)] = []
    /// Whether the thread filled a chunk before (then it gets large ones).
    var filledOne = false

    /// The writer thread's view of the encoder state at the end of what it has written.
    var written: EventCoding.State

    init(owner: UInt64, thread: UInt64, tid: Int32, clock: TraceClock, start: UInt64, pool: ChunkPool,
         virtualTime: UnsafeMutablePointer<VirtualTime>? = nil) {
        self.thread = thread
        self.tid = tid
        self.pool = pool
        self.written = EventCoding.State(time: start)
        let committed = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        committed.initialize(to: Atomic(0))
        hot = .allocate(capacity: 1)
        hot.initialize(to: HotState(owner: owner, memory: nil, position: 0, limit: 0, shift: clock.shift,
                                    state: EventCoding.State(time: start), committed: committed,
                                    virtualTime: virtualTime))
    }

    deinit {
        if let chunk { free(chunk.memory) }
        for r in retired { free(r.chunk.memory) }
        hot.pointee.committed.deinitialize(count: 1)
        hot.pointee.committed.deallocate()
        hot.deinitialize(count: 1)
        hot.deallocate()
    }

    /// Appends one event from the owning thread, getting a chunk when needed.
    /// - Returns: false when no memory was left (the event is dropped).
    func append(_ kind: EventKind, _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) -> Bool {
        if hot.pointee.position >= hot.pointee.limit {
            guard refill() else { return false }
        }
        hot.pointee.append(kind, a0, a1, a2, a3)
        return true
    }

    /// Retires the current chunk (if any) and takes a fresh one. Called by the owning thread.
    func refill() -> Bool {
        let fresh = pool.take(large: filledOne || chunk != nil)
        lock.withLock {
            retireLocked()
            if let fresh {
                chunk = fresh
                hot.pointee.memory = fresh.memory
                hot.pointee.limit = fresh.capacity - EventCoding.maxEventBytes
            }
        }
        return fresh != nil
    }

    /// Hands the current chunk to the writer thread and stops recording into it. Called by the owning thread.
    func retire() {
        lock.withLock { retireLocked() }
    }

    private func retireLocked() {
        guard let old = chunk else { return }
        let end = hot.pointee.committed.pointee.load(ordering: .relaxed)
        retired.append((old, flushed, end))
        filledOne = true
        chunk = nil
        flushed = 0
        hot.pointee.memory = nil
        hot.pointee.position = 0
        hot.pointee.limit = 0
        hot.pointee.committed.pointee.store(0, ordering: .releasing)
    }

    /// What the writer thread should write now: retired chunks, then the new part of the current one.
    /// The returned ranges stay valid until the writer thread gives the retired chunks back.
    func take() -> (ranges: [(memory: UnsafeRawBufferPointer, recycle: Chunk?)], empty: Bool) {
        lock.withLock {
            var out: [(memory: UnsafeRawBufferPointer, recycle: Chunk?)] = []
            for r in retired {
                out.append((UnsafeRawBufferPointer(start: r.chunk.memory + r.from, count: r.to - r.from), r.chunk))
            }
            retired.removeAll()
            if let chunk {
                let end = hot.pointee.committed.pointee.load(ordering: .acquiring)
                if end > flushed {
                    out.append((UnsafeRawBufferPointer(start: chunk.memory + flushed, count: end - flushed), nil))
                    flushed = end
                }
            }
            return (out, out.isEmpty)
        }
    }
}

/// Binds threads to writers through TLS slot 0 (the hot state) and a pthread key (a retained reference to the
/// writer, released when the thread exits, which also hands the thread's chunk over for writing).
enum ThreadBinding {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            cweft_tls_set(0, nil)
            let writer = Unmanaged<ThreadWriter>.fromOpaque(raw)
            writer.takeUnretainedValue().retire()
            writer.release()
        }
        return key
    }()

    /// The writer bound to the calling thread, if any.
    static var current: ThreadWriter? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<ThreadWriter>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Binds the calling thread to `writer` (nil: unbinds).
    static func bind(_ writer: ThreadWriter?) {
        let old = pthread_getspecific(key)
        if let writer {
            pthread_setspecific(key, Unmanaged.passRetained(writer).toOpaque())
            cweft_tls_set(0, UnsafeMutableRawPointer(writer.hot))
        } else {
            pthread_setspecific(key, nil)
            cweft_tls_set(0, nil)
        }
        if let old { Unmanaged<ThreadWriter>.fromOpaque(old).release() }
    }
}
