import WeftTrace

/// The state of one Perfetto export: the packet encoder, one packet sequence per OS thread, tracks, live tasks and
/// threads, counters, and the flows begun but not yet ended.
///
/// Used by one thread at a time, so its stored properties skip the runtime's exclusivity checks (a quarter of the
/// export's time when checked).
final class PerfettoTraceWriter {
    let options: PerfettoTraceOptions
    let out: JSONOutput
    let strings: (StringID) -> String
    @exclusivity(unchecked) var summary = PerfettoTraceSummary()

    /// The sequence of the track descriptors; each thread's lane has a sequence of its own after it.
    static let descriptorSequence: UInt64 = 1
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
    /// The thread ids given to threads whose kernel tid is unknown.
    static let syntheticTidBase: UInt64 = 1 << 30

    // MARK: Encoding state

    /// The packet being written.
    @exclusivity(unchecked) var packet = ProtobufEncoder(capacity: 512)
    /// Where the open `TrackEvent`'s length goes.
    @exclusivity(unchecked) var eventMark = 0
    /// One packet sequence per thread track, and the lane of each thread (by thread id).
    @exclusivity(unchecked) var lanes: [PerfettoLane] = []
    @exclusivity(unchecked) var laneOfTrack: [UInt64: Int] = [:]
    @exclusivity(unchecked) var laneOfThread: [UInt64: Int] = [:]
    /// The same for thread ids below `fastThreads`, by index (-1: none yet): the hot path hashes nothing.
    @exclusivity(unchecked) var fastLaneOfThread = [Int](repeating: -1, count: 64)
    static let fastThreads: UInt64 = 1 << 16
    /// How many live threads write on each lane.
    @exclusivity(unchecked) var laneThreads: [Int] = []
    @exclusivity(unchecked) private(set) var started = false
    /// The process id the run is given: the caller's kernel tid (so that the viewer's main thread is the caller,
    /// not an empty thread of its own).
    @exclusivity(unchecked) private(set) var pid: UInt64 = 0
    /// The latest event time seen (open slices close there at the end).
    @exclusivity(unchecked) var lastTime: UInt64 = 0

    // MARK: Run state

    @exclusivity(unchecked) var metadata: [String: String] = [:]
    @exclusivity(unchecked) var threads: [UInt64: ThreadState] = [:]
    @exclusivity(unchecked) var trackOfKernelThread: [UInt64: UInt64] = [:]
    /// The thread of each task under thread-per-task (by task id).
    @exclusivity(unchecked) var threadOfTask: [UInt64: UInt64] = [:]
    @exclusivity(unchecked) var callerTrack: UInt64?
    @exclusivity(unchecked) var tasks: [UInt64: TaskState] = [:]
    @exclusivity(unchecked) var objectNames: [UInt64: (name: String, id: String)] = [:]
    @exclusivity(unchecked) var channelCounts: [UInt64: Int] = [:]
    @exclusivity(unchecked) var channelTracks: Set<UInt64> = []
    /// Channels made with capacity 0.
    @exclusivity(unchecked) var unbuffered: Set<UInt64> = []
    @exclusivity(unchecked) var sampleTracks: [String: UInt64] = [:]
    @exclusivity(unchecked) var taskTracksWritten: Set<UInt64> = []
    @exclusivity(unchecked) var outsideTrackWritten = false

    /// Runnable and waiting tasks now, and whether each changed since written.
    @exclusivity(unchecked) var runnable = 0, waiting = 0
    /// (True at first, so that both counters start with a value.)
    @exclusivity(unchecked) var runnableChanged = true, waitingChanged = true
    /// A channel's occupancy to write with the next event (track uuid, value).
    @exclusivity(unchecked) var pendingChannel: (track: UInt64, value: Int64)?

    /// Flows begun and not yet ended: a message's by its channel and sequence number, a spawn's by the child.
    @exclusivity(unchecked) var openMessages: [MessageKey: UInt64] = [:]
    @exclusivity(unchecked) var openSpawns: [UInt64: UInt64] = [:]
    @exclusivity(unchecked) var flowIDs = PerfettoFlowIDs()

    struct MessageKey: Hashable {
        var channel: UInt64
        var seq: UInt64
    }

    init(options: PerfettoTraceOptions, out: JSONOutput, strings: @escaping (StringID) -> String) {
        self.options = options
        self.out = out
        self.strings = strings
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

    /// Writes the descriptor sequence's first packet, then the process and the task counters' tracks.
    func startIfNeeded() {
        guard !started else { return }
        started = true
        pid = choosePid()
        packet.reset()
        packet.uint(10, Self.descriptorSequence)         // trusted_packet_sequence_id
        packet.uint(13, 1)                               // sequence_flags: SEQ_INCREMENTAL_STATE_CLEARED
        emitPacket()
        describeProcess()
        describeCounter(Self.runnableTrack, name: "tasks runnable", rank: 0)
        describeCounter(Self.waitingTrack, name: "tasks waiting (blocked or sleeping)", rank: 1)
        if options.lanes == .threads {
            for id in threads.keys.sorted() where showsNow(id) { _ = threadTrack(ThreadID(id)) }
        }
    }

    /// Whether a thread's track is described before its first event: all but a task's thread whose task is not
    /// created yet (it is described once the task is, under the task's name).
    func showsNow(_ thread: UInt64) -> Bool {
        guard let state = threads[thread], state.role == .taskThread else { return true }
        return tasks[state.index] != nil
    }

    /// The caller's kernel tid, else the first thread's; a thread's own id past the kernel's when none is known.
    private func choosePid() -> UInt64 {
        let first = threads.min { $0.key < $1.key }
        let caller = threads.filter { $0.value.role == .main }.min { $0.key < $1.key } ?? first
        guard let caller else { return Self.syntheticTidBase }
        return caller.value.kernelTid != 0 ? caller.value.kernelTid : Self.syntheticTidBase + caller.key
    }

    /// Writes the packet built in `packet` as one `Trace.packet` field.
    func emitPacket() {
        let n = packet.count
        var header: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0x0A, 0, 0, 0, 0, 0) // field 1, length-delimited
        let length = withUnsafeMutableBytes(of: &header) { h -> Int in
            var v = UInt64(n), i = 1
            while v >= 0x80 {
                h[i] = UInt8(truncatingIfNeeded: v) | 0x80
                v >>= 7
                i += 1
            }
            h[i] = UInt8(truncatingIfNeeded: v)
            return i + 1
        }
        withUnsafeBytes(of: &header) { out.bytes(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length)) }
        packet.withBytes { out.bytes($0) }
        summary.packets += 1
    }

    /// Writes a track descriptor packet; `body` writes the descriptor's fields after its uuid.
    func describe(_ uuid: UInt64, _ body: (inout ProtobufEncoder) -> Void) {
        startIfNeeded()
        packet.reset()
        packet.uint(10, Self.descriptorSequence)
        let d = packet.begin(60)                         // track_descriptor
        packet.uint(1, uuid)
        body(&packet)
        packet.end(d)
        emitPacket()
        summary.tracks += 1
    }

    private func describeProcess() {
        let name = ChromeTraceWriter.processName(program: metadata["program"] ?? "", scheduler: metadata["scheduler"] ?? "")
        describe(Self.processTrack) { p in
            let process = p.begin(3)
            p.uint(1, self.pid)
            p.string(6, name)
            p.end(process)
            p.uint(11, 3)                                // child_ordering: EXPLICIT (by sibling_order_rank)
            p.uint(20, 1)                                // thread_ordering: EXPLICIT (newer viewers)
        }
    }

    /// A counter track under the process; `rank` orders it among the process's tracks.
    func describeCounter(_ uuid: UInt64, name: String, rank: Int32) {
        describe(uuid) { p in
            p.uint(5, Self.processTrack)                 // parent_uuid
            p.string(2, name)
            let counter = p.begin(8)
            p.end(counter)
            p.int(12, Int64(Self.counterRankBase + rank)) // sibling_order_rank
        }
    }

    /// Ranks among the process's tracks: threads (or tasks) in the trace's order, then the counters.
    static let counterRankBase: Int32 = 1 << 30

    // MARK: Lanes

    /// The lane of a thread's events, its first packet written on first use.
    func lane(of thread: ThreadID) -> Int {
        if let lane = knownLane(thread) { return lane }
        let track = threads[thread.rawValue]?.track ?? Self.threadTrack(id: thread.rawValue)
        let index: Int
        if let existing = laneOfTrack[track] {
            index = existing
        } else {
            index = lanes.count
            lanes.append(PerfettoLane(sequenceID: Self.descriptorSequence + 1 + UInt64(index),
                                      defaultTrack: options.lanes == .threads ? track : nil, internCap: options.internCap))
            laneOfTrack[track] = index
            laneThreads.append(0)
        }
        setLane(index, of: thread)
        laneThreads[index] += 1
        return index
    }

    /// The lane a thread writes on, if it has one.
    @inline(__always)
    func knownLane(_ thread: ThreadID) -> Int? {
        let id = thread.rawValue
        if id < UInt64(fastLaneOfThread.count) {
            let lane = fastLaneOfThread[Int(id)]
            return lane >= 0 ? lane : nil
        }
        return id < Self.fastThreads ? nil : laneOfThread[id]
    }

    /// Sets (or, with nil, forgets) a thread's lane.
    func setLane(_ lane: Int?, of thread: ThreadID) {
        let id = thread.rawValue
        guard id < Self.fastThreads else {
            laneOfThread[id] = lane
            return
        }
        while UInt64(fastLaneOfThread.count) <= id { fastLaneOfThread.append(contentsOf: repeatElement(-1, count: fastLaneOfThread.count)) }
        fastLaneOfThread[Int(id)] = lane ?? -1
    }

    /// Writes a lane's first packet: its state cleared, its incremental clock, its defaults.
    private func startLane(_ index: Int) {
        lanes[index].started = true
        lanes[index].clock = 0
        packet.reset()
        packet.uint(10, lanes[index].sequenceID)
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
        if let track = lanes[index].defaultTrack { packet.uint(11, track) } // track_uuid
        packet.uint(31, Self.runnableTrack)              // extra_counter_track_uuids
        packet.uint(31, Self.waitingTrack)
        packet.end(eventDefaults)
        packet.end(defaults)
        emitPacket()
    }

    // MARK: Track events

    /// Starts a `TrackEvent` of a type on a lane (its default track, or `track`), named by an interned name (or
    /// inline past the cap). A `key` (see `cachedIID`) spares hashing the name again.
    func beginEvent(_ type: UInt64, lane: Int, track: UInt64? = nil, name: String?, key: UInt64? = nil) {
        startIfNeeded()
        if !lanes[lane].started { startLane(lane) }
        packet.reset()
        eventMark = packet.begin(11)                     // track_event
        packet.uint(9, type)                             // type: 1 begin, 2 end, 3 instant, 4 counter
        if let track, track != lanes[lane].defaultTrack { packet.uint(11, track) } // track_uuid
        if let name {
            if let iid = key.map({ cachedIID(lane, $0, .eventName, name) }) ?? lanes[lane].interning.iid(.eventName, name) {
                packet.uint(10, iid)                     // name_iid
            } else {
                packet.string(23, name)                  // name
            }
        }
    }

    /// Starts a `TrackEvent` whose name is interned under `key`, made by `name` only the first time.
    func beginEvent(_ type: UInt64, lane: Int, track: UInt64? = nil, key: UInt64, name: () -> String) {
        startIfNeeded()
        if !lanes[lane].started { startLane(lane) }
        packet.reset()
        eventMark = packet.begin(11)
        packet.uint(9, type)
        if let track, track != lanes[lane].defaultTrack { packet.uint(11, track) }
        if let iid = lanes[lane].cachedIIDs[key] {
            packet.uint(10, iid)
        } else {
            let text = name()
            if let iid = cachedIID(lane, key, .eventName, text) { packet.uint(10, iid) } else { packet.string(23, text) }
        }
    }

    /// Closes the `TrackEvent` and writes its packet at `time`: a delta on the lane's incremental clock, or the
    /// absolute time for an event before the lane's last (a damaged trace, or a thread recorded again), with the
    /// lane's new interned entries. `carriesCounters`: the event is the one that changed the counters.
    func emitEvent(lane: Int, at time: UInt64, carriesCounters: Bool = true) {
        if carriesCounters { attachPendingCounters() }
        packet.end(eventMark)
        if time < lanes[lane].clock {
            packet.uint(8, time)                         // timestamp
            packet.uint(58, Self.absoluteClock)          // timestamp_clock_id
        } else {
            packet.uint(8, time - lanes[lane].clock)     // timestamp: delta on the incremental clock
            lanes[lane].clock = time
        }
        packet.uint(10, lanes[lane].sequenceID)
        if lanes[lane].interning.hasPending {
            lanes[lane].interning.pending.withBytes { packet.message(12, $0) } // interned_data
            lanes[lane].interning.clearPending()
        }
        emitPacket()
    }

    /// Interned ids found by an integer key, so that the hot path hashes no strings: the top byte says what the
    /// rest is (1 an event kind's name, 2 an argument's name by kind and index, 3 a task's slice name by task id,
    /// 4 an instant's name by kind and subject, 5 a constant string value).
    func cachedIID(_ lane: Int, _ key: UInt64, _ kind: PerfettoInterning.Kind, _ text: @autoclosure () -> String) -> UInt64? {
        let slot = PerfettoLane.fixedSlot(key)
        if let slot {
            let iid = lanes[lane].fixedIIDs[slot]
            if iid != 0 { return iid }
        } else if let iid = lanes[lane].cachedIIDs[key] {
            return iid
        }
        guard let iid = lanes[lane].interning.iid(kind, text()) else { return nil }
        if let slot {
            lanes[lane].fixedIIDs[slot] = iid
        } else if lanes[lane].cachedIIDs.count < 4 * options.internCap {
            lanes[lane].cachedIIDs[key] = iid // bounded, like the interning
        }
        return iid
    }

    /// A debug annotation with an unsigned value.
    func annotate(_ lane: Int, _ name: String, key: UInt64? = nil, uint value: UInt64) {
        let a = beginAnnotation(lane, name, key: key)
        packet.uint(3, value)
        packet.end(a)
    }

    /// A debug annotation with a signed value.
    func annotate(_ lane: Int, _ name: String, key: UInt64? = nil, int value: Int64) {
        let a = beginAnnotation(lane, name, key: key)
        packet.int(4, value)
        packet.end(a)
    }

    /// A debug annotation with a string value (interned, or inline past the cap); `valueKey` caches its iid.
    func annotate(_ lane: Int, _ name: String, key: UInt64? = nil, string value: String, valueKey: UInt64? = nil) {
        let a = beginAnnotation(lane, name, key: key)
        let iid = valueKey.map { cachedIID(lane, $0, .stringValue, value) } ?? lanes[lane].interning.iid(.stringValue, value)
        if let iid { packet.uint(17, iid) } else { packet.string(6, value) }
        packet.end(a)
    }

    private func beginAnnotation(_ lane: Int, _ name: String, key: UInt64?) -> Int {
        let a = packet.begin(4)                          // debug_annotations
        if let iid = key.map({ cachedIID(lane, $0, .annotationName, name) }) ?? lanes[lane].interning.iid(.annotationName, name) {
            packet.uint(1, iid)
        } else {
            packet.string(10, name)
        }
        return a
    }

    // MARK: Counters

    /// Notes that the task counters changed, to be written with the next event.
    func tasksChanged(runnable r: Int, waiting w: Int) {
        runnable += r
        waiting += w
        if r != 0 { runnableChanged = true }
        if w != 0 { waitingChanged = true }
    }

    /// Puts the pending counter values on the event being written: the task counters as values alone (the
    /// defaults' tracks, runnable first, so that a change of runnable alone takes one value), with track uuids
    /// when a channel's occupancy goes too.
    private func attachPendingCounters() {
        let tasks = runnableChanged || waitingChanged
        guard tasks || pendingChannel != nil else { return }
        let values = waitingChanged ? 2 : (runnableChanged ? 1 : 0)
        if let channel = pendingChannel {
            packet.uint(31, channel.track)               // extra_counter_track_uuids
            if values > 0 { packet.uint(31, Self.runnableTrack) }
            if values > 1 { packet.uint(31, Self.waitingTrack) }
            packet.int(12, channel.value)                // extra_counter_values
        }
        if values > 0 { packet.int(12, Int64(max(runnable, 0))) }
        if values > 1 { packet.int(12, Int64(max(waiting, 0))) }
        summary.counterValues += values + (pendingChannel == nil ? 0 : 1)
        pendingChannel = nil
        runnableChanged = false
        waitingChanged = false
    }

    /// Writes the counter values no event carried, each as a counter event of its own on a thread's lane.
    func flushCounters(lane: Int, at time: UInt64) {
        var values: [(UInt64, Int64)] = []
        if let channel = pendingChannel { values.append(channel) }
        if runnableChanged { values.append((Self.runnableTrack, Int64(max(runnable, 0)))) }
        if waitingChanged { values.append((Self.waitingTrack, Int64(max(waiting, 0)))) }
        pendingChannel = nil
        runnableChanged = false
        waitingChanged = false
        for (track, value) in values {
            beginEvent(4, lane: lane, track: track, name: nil)
            packet.int(30, value)                        // counter_value
            emitEvent(lane: lane, at: time, carriesCounters: false)
            summary.counterValues += 1
        }
    }
}
