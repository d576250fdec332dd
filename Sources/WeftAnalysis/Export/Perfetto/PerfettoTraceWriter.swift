import WeftTrace

/// The state of one Perfetto export: the packet encoder, interning, tracks, live tasks and threads, counters, and
/// the flow ends held back for their other end.
final class PerfettoTraceWriter {
    let options: PerfettoTraceOptions
    let out: JSONOutput
    let strings: (StringID) -> String
    var summary = PerfettoTraceSummary()

    /// The one packet sequence, its sequence-scoped incremental clock, and the clock it maps to.
    static let sequenceID: UInt64 = 1
    static let incrementalClock: UInt64 = 64
    static let absoluteClock: UInt64 = 6 // BUILTIN_CLOCK_BOOTTIME, the trace's clock: Weft's nanoseconds as they are

    /// Track uuids, small so that their varints are short: the low three bits say the kind (0 the run's own
    /// tracks, 1 a thread, 2 a task, 3 a channel's counter, 4 a sample's counter), the rest the id.
    static let processTrack: UInt64 = 1 << 3
    static let runnableTrack: UInt64 = 2 << 3
    static let waitingTrack: UInt64 = 3 << 3
    static let outsideTrack: UInt64 = 4 << 3
    static func threadTrack(id: UInt64) -> UInt64 { id << 3 | 1 }
    static func taskTrack(id: UInt64) -> UInt64 { id << 3 | 2 }
    static func channelTrack(id: UInt64) -> UInt64 { id << 3 | 3 }
    static func sampleTrack(number: Int) -> UInt64 { UInt64(number) << 3 | 4 }
    /// The process id the run is given, and the thread ids given to threads whose kernel tid is unknown.
    static let pid: UInt64 = 1
    static let syntheticTidBase: UInt64 = 1 << 30

    // MARK: Encoding state

    private var packet = ProtobufEncoder(capacity: 512)
    /// The body of the `TrackEvent` being written.
    var event = ProtobufEncoder(capacity: 256)
    var interning: PerfettoInterning
    /// The incremental clock's value: the time of the last packet written on it.
    private var clock: UInt64 = 0
    private(set) var started = false
    /// The latest event time seen (open slices close there at the end).
    var lastTime: UInt64 = 0

    // MARK: Run state

    var metadata: [String: String] = [:]
    var threads: [UInt64: ThreadState] = [:]
    var trackOfKernelThread: [UInt64: UInt64] = [:]
    var callerTrack: UInt64?
    var tasks: [UInt64: TaskState] = [:]
    var objectLabels: [UInt64: UInt64] = [:] // object id → interned label (string value iid)
    var objectNames: [UInt64: (name: String, id: String)] = [:]
    var channelCounts: [UInt64: Int] = [:]
    var channelTracks: Set<UInt64> = []
    var sampleTracks: [String: UInt64] = [:]
    var stringValueIIDs: [UInt64: UInt64] = [:] // trace string id → interned string value iid
    var cachedIIDs: [UInt64: UInt64] = [:]
    var taskTracksWritten: Set<UInt64> = []
    var outsideTrackWritten = false

    /// Runnable and waiting tasks now, and as last written.
    var runnable = 0, waiting = 0
    private var writtenRunnable = 0, writtenWaiting = 0
    /// Counter values to write with the next event packet (track uuid, value).
    var pendingCounters: [(track: UInt64, value: Int64)] = []

    /// Flow ends held back until their other end is seen, by flow id, and their order (for the cap).
    var held: [UInt64: Event] = [:]
    var heldOrder: [UInt64] = []
    var heldHead = 0

    init(options: PerfettoTraceOptions, out: JSONOutput, strings: @escaping (StringID) -> String) {
        self.options = options
        self.out = out
        self.strings = strings
        interning = PerfettoInterning(cap: options.internCap)
    }

    /// One OS thread's track and the slice open on it.
    struct ThreadState {
        var track: UInt64
        var kernelTid: UInt64
        var role: ThreadRole?
        var index: UInt64
        var described = false
        /// The task whose run slice is open (thread lanes).
        var openTask: UInt64?
    }

    /// What a live task is doing.
    struct TaskState {
        enum Phase { case runnable, running, blocked, sleeping, unknown }
        var phase: Phase = .unknown
        var name: String = ""
        /// The wait announced by the last `block` (reason, object).
        var waitReason: UInt64?
        var waitObject: UInt64 = 0
        /// Woken (`unblock`) while still running: the slice's end makes it runnable, not waiting.
        var wokenEarly = false
        /// Whether a state slice is open on the task's track (task lanes).
        var stateOpen = false
    }

    // MARK: Packets

    /// Writes the first packet: the sequence's cleared state, the clocks, and the defaults; then the process and
    /// the task counters' tracks.
    func startIfNeeded() {
        guard !started else { return }
        started = true
        packet.reset()
        packet.uint(10, Self.sequenceID)                 // trusted_packet_sequence_id
        packet.uint(13, 1)                               // sequence_flags: SEQ_INCREMENTAL_STATE_CLEARED
        let snapshot = packet.begin(6)                   // clock_snapshot
        var m = packet.begin(1)                          // clocks: the incremental clock from 0
        packet.uint(1, Self.incrementalClock)
        packet.uint(2, 0)
        packet.bool(3, true)                             // is_incremental
        packet.end(m)
        m = packet.begin(1)                              // clocks: BOOTTIME 0 is the same instant
        packet.uint(1, Self.absoluteClock)
        packet.uint(2, 0)
        packet.end(m)
        packet.end(snapshot)
        let defaults = packet.begin(59)                  // trace_packet_defaults
        packet.uint(58, Self.incrementalClock)           // timestamp_clock_id
        let eventDefaults = packet.begin(11)             // track_event_defaults
        packet.uint(31, Self.runnableTrack)              // extra_counter_track_uuids
        packet.uint(31, Self.waitingTrack)
        packet.end(eventDefaults)
        packet.end(defaults)
        emitPacket()
        describeProcess()
        describeCounter(Self.runnableTrack, name: "tasks runnable")
        describeCounter(Self.waitingTrack, name: "tasks waiting (blocked or sleeping)")
        if options.lanes == .threads {
            for id in threads.keys.sorted() { _ = threadTrack(ThreadID(id)) }
        }
    }

    /// Writes the packet built in `packet` as one `Trace.packet` field.
    private func emitPacket() {
        var header = ProtobufEncoder(capacity: 8)
        header.tag(1, .lengthDelimited)
        header.varint(UInt64(packet.count))
        header.bytes.withUnsafeBufferPointer { out.bytes($0) }
        packet.bytes.withUnsafeBufferPointer { out.bytes($0) }
        summary.packets += 1
    }

    /// Writes a track descriptor packet; `body` writes the descriptor's fields after its uuid.
    func describe(_ uuid: UInt64, _ body: (inout ProtobufEncoder) -> Void) {
        startIfNeeded()
        packet.reset()
        packet.uint(10, Self.sequenceID)
        let d = packet.begin(60)                         // track_descriptor
        packet.uint(1, uuid)
        body(&packet)
        packet.end(d)
        emitPacket()
        summary.tracks += 1
    }

    private func describeProcess() {
        describe(Self.processTrack) { p in
            let process = p.begin(3)
            p.uint(1, Self.pid)
            p.string(6, ChromeTraceWriter.processName(program: self.metadata["program"] ?? "",
                                                      scheduler: self.metadata["scheduler"] ?? ""))
            p.end(process)
        }
    }

    /// A counter track under the process.
    func describeCounter(_ uuid: UInt64, name: String) {
        describe(uuid) { p in
            p.uint(5, Self.processTrack)                 // parent_uuid
            p.string(2, name)
            let counter = p.begin(8)
            p.end(counter)
        }
    }

    /// Writes the `TrackEvent` built in `event` as a packet at `time`, with the pending interned entries and
    /// counter values. Times before the incremental clock's (events of other threads, merged slightly out of
    /// order) and held flow ends (`absolute`) are written absolute; only an event written in its turn carries the
    /// pending counter values.
    func emitEvent(at time: UInt64, absolute: Bool = false) {
        startIfNeeded()
        // A held flow end written late (absolute) is not the event that changed the counters.
        if !absolute { attachPendingCounters() }
        packet.reset()
        if absolute || time < clock {
            packet.uint(8, time)                         // timestamp
            packet.uint(58, Self.absoluteClock)          // timestamp_clock_id
        } else {
            packet.uint(8, time - clock)                 // timestamp: delta on the incremental clock
            clock = time
        }
        packet.uint(10, Self.sequenceID)
        packet.uint(13, 2)                               // sequence_flags: SEQ_NEEDS_INCREMENTAL_STATE
        if interning.hasPending {
            packet.message(12, interning.pending.bytes)  // interned_data
            interning.clearPending()
        }
        packet.message(11, event.bytes)                  // track_event
        event.reset()
        emitPacket()
    }

    /// Writes the interned entries not yet written, in a packet of their own.
    func beginInternedOnlyPacket() {
        packet.reset()
        packet.uint(10, Self.sequenceID)
        packet.uint(13, 2)
        packet.message(12, interning.pending.bytes)
        interning.clearPending()
        emitPacket()
    }

    // MARK: Track events

    /// Starts a `TrackEvent` of a type on a track, named by an interned name (or inline past the cap). A `key`
    /// (see `cachedIID`) spares hashing the name again.
    func beginEvent(_ type: UInt64, track: UInt64, name: String?, key: UInt64? = nil) {
        event.reset()
        event.uint(9, type)                              // type: 1 begin, 2 end, 3 instant, 4 counter
        event.uint(11, track)                            // track_uuid
        if let name {
            if let iid = key.map({ cachedIID($0, .eventName, name) }) ?? interning.iid(.eventName, name) {
                event.uint(10, iid)
            } else {
                event.string(23, name)
            }
        }
    }

    /// Interned ids found by an integer key, so that the hot path hashes no strings: the top byte says what the
    /// rest is (1 an event kind's name, 2 an argument's name by kind and index, 3 a task's slice name by task id).
    func cachedIID(_ key: UInt64, _ kind: PerfettoInterning.Kind, _ text: @autoclosure () -> String) -> UInt64? {
        if let iid = cachedIIDs[key] { return iid }
        guard let iid = interning.iid(kind, text()) else { return nil }
        if cachedIIDs.count < 4 * options.internCap { cachedIIDs[key] = iid } // bounded, like the interning
        return iid
    }

    /// A debug annotation with an unsigned value.
    func annotate(_ name: String, key: UInt64? = nil, uint value: UInt64) {
        let a = beginAnnotation(name, key: key)
        event.uint(3, value)
        event.end(a)
    }

    /// A debug annotation with a signed value.
    func annotate(_ name: String, key: UInt64? = nil, int value: Int64) {
        let a = beginAnnotation(name, key: key)
        event.int(4, value)
        event.end(a)
    }

    /// A debug annotation with a string value (interned, or inline past the cap).
    func annotate(_ name: String, key: UInt64? = nil, string value: String) {
        let a = beginAnnotation(name, key: key)
        if let iid = interning.iid(.stringValue, value) { event.uint(17, iid) } else { event.string(6, value) }
        event.end(a)
    }

    /// A debug annotation whose string value is already interned.
    func annotate(_ name: String, key: UInt64? = nil, stringIID iid: UInt64) {
        let a = beginAnnotation(name, key: key)
        event.uint(17, iid)
        event.end(a)
    }

    private func beginAnnotation(_ name: String, key: UInt64?) -> Int {
        let a = event.begin(4)                           // debug_annotations
        if let iid = key.map({ cachedIID($0, .annotationName, name) }) ?? interning.iid(.annotationName, name) {
            event.uint(1, iid)
        } else {
            event.string(10, name)
        }
        return a
    }

    /// The interned value of a trace string (by its id in the trace), or nil past the cap.
    func stringValueIID(_ id: UInt64) -> UInt64? {
        if let iid = stringValueIIDs[id] { return iid }
        guard let iid = interning.iid(.stringValue, strings(StringID(id))) else { return nil }
        stringValueIIDs[id] = iid
        return iid
    }

    // MARK: Counters

    /// Notes the task counters' new values, to be written with the next event.
    func tasksChanged() {
        if runnable != writtenRunnable || waiting != writtenWaiting {
            pendingCounters.removeAll { $0.track == Self.runnableTrack || $0.track == Self.waitingTrack }
            pendingCounters.append((Self.runnableTrack, Int64(max(runnable, 0))))
            pendingCounters.append((Self.waitingTrack, Int64(max(waiting, 0))))
            writtenRunnable = runnable
            writtenWaiting = waiting
        }
    }

    /// Puts the pending counter values on the event being written: values alone when they are the two task
    /// counters (the defaults' tracks), track uuids and values otherwise.
    private func attachPendingCounters() {
        guard !pendingCounters.isEmpty else { return }
        if pendingCounters.count == 2 && pendingCounters[0].track == Self.runnableTrack
            && pendingCounters[1].track == Self.waitingTrack {
            event.int(12, pendingCounters[0].value)      // extra_counter_values
            event.int(12, pendingCounters[1].value)
        } else {
            for c in pendingCounters { event.uint(31, c.track) } // extra_counter_track_uuids
            for c in pendingCounters { event.int(12, c.value) }
        }
        summary.counterValues += pendingCounters.count
        pendingCounters.removeAll(keepingCapacity: true)
    }

    /// Writes the counter values no event carried, each as a counter event of its own.
    func flushCounters(at time: UInt64) {
        guard !pendingCounters.isEmpty else { return }
        let values = pendingCounters
        pendingCounters.removeAll(keepingCapacity: true)
        for c in values {
            beginEvent(4, track: c.track, name: nil)
            event.int(30, c.value)                       // counter_value
            emitEvent(at: time)
            summary.counterValues += 1
        }
    }
}
