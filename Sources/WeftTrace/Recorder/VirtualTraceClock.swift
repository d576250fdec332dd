/// The time a virtual clock holds: the owner's current time and the last stamp handed out.
@usableFromInline
struct VirtualTime {
    /// The owner's current virtual time, in nanoseconds.
    @usableFromInline var now: UInt64
    /// The last timestamp given to an event.
    @usableFromInline var last: UInt64

    /// The next event's timestamp: the virtual time, or one past the previous stamp if that is later, so that every
    /// event of the trace has its own time and the order of the file is the order things happened.
    @inlinable @inline(__always)
    mutating func stamp() -> UInt64 {
        let time = Swift.max(now, last &+ 1)
        last = time
        return time
    }
}

/// A clock a scheduler drives by hand, which a `TraceRecorder` reads instead of the CPU's time-stamp counter: a trace
/// recorded with it holds virtual nanoseconds, the same on every run of the same schedule.
///
/// - Warning: not thread-safe. Only one thread at a time may advance it or record events into a recorder that uses
///   it, with a happens-before edge (a lock, a thread start or join) between one thread's turn and the next.
public final class VirtualTraceClock: @unchecked Sendable {
    @usableFromInline let time: UnsafeMutablePointer<VirtualTime>

    /// A clock at virtual time 0.
    public init() {
        time = .allocate(capacity: 1)
        time.initialize(to: VirtualTime(now: 0, last: 0))
    }

    deinit {
        time.deinitialize(count: 1)
        time.deallocate()
    }

    /// The current virtual time in nanoseconds; the owner only moves it forward.
    public var nanoseconds: UInt64 {
        get { time.pointee.now }
        set { time.pointee.now = Swift.max(time.pointee.now, newValue) }
    }

    /// The time of the latest event stamped so far (0 before any).
    public var lastStamp: UInt64 { time.pointee.last }
}
