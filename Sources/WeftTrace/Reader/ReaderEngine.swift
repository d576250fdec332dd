#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reader's state and work, as one struct, so that the per-event path touches no class properties
/// (each of which would cost a dynamic exclusivity check).
struct ReaderEngine {
    var version: Int = 0
    var eventTable: [EventSpec] = []
    var warnings: [TraceWarning] = []
    var trailer: TraceTrailer?
    let path: String?
    var nanosecondsPerUnit: Double = 1
    var eventsRead = 0

    /// The most batch bytes held while looking ahead.
    static let lookaheadBytes = 64 << 20
    /// How far to read ahead for a thread whose events ran out, in writer rounds and bytes.
    static let waitRounds = 2
    static let waitBytes = 4 << 20

    /// The input, read by this struct only until the header is in; then by `readAhead`'s thread (or, when none
    /// could be started, through `framer` here).
    let input: ByteInput
    let framer: RecordFramer
    /// The thread that reads and decodes records ahead, or nil.
    private(set) var readAhead: ReadAhead?
    /// Records taken from `readAhead` (or framed here), and the next one to use.
    private var aheadRecords: [ReadAheadRecord] = []
    private var aheadIndex = 0
    /// Bytes of decoded events dropped since they were last given back to `readAhead`.
    private var releasedDecoded = 0
    /// The file offset up to which records have been used (the end of the last one).
    private var inputOffset = 0
    var table = HeaderTable()
    private(set) var exactUnits = true
    var strings: [String] = [""]
    /// The bytes of `strings`, together (at most `TraceFormat.maxStringBytes`).
    private var stringBytes = 0
    /// The most threads accepted (`TraceFormat.maxThreads`; tests lower it).
    let maxThreads: Int
    /// One lane per thread, changed in place (a class: the engine is not copied).
    private let lanes = LaneStore()
    /// The lane of each thread number (numbers are dense from 1: an array lookup, no hashing).
    private var laneOfThread = DenseTable<Int>()
    private var heap = LaneHeap()
    /// A lane with a frontier held outside the heap (the one last emitted from), or -1.
    private var current = -1
    private var waiting: [WaitKey: [Int]] = [:]
    private var parked = 0
    private var state = CausalState()
    private var endOfInput = false
    private var truncated = false
    private var lenient = false
    private var finished = false
    /// A lane's decoding error met while refilling it after an event was emitted: thrown by the next call, so that
    /// the event before the damage is still returned.
    private var deferredFailure: TraceError?
    private var sawTrailer = false
    private var rounds = 0
    /// Some of a writer round has been read but not its end: batches of one round are not in time order across
    /// threads, so no event is emitted before the whole round is in.
    private var midRound = false
    private var awaitRound = 1
    private var awaitOffset = ReaderEngine.waitBytes
    private var buffered = 0
    /// The payload bytes of the batches read but not yet used up.
    var heldBatchBytes: Int { buffered }
    private var unknownSeen = Set<UInt8>()
    /// Delta-base arrays of batches used up, for the next batches' headers (many threads: a batch of a dozen events
    /// each, and an allocation less for each).
    private var spareDeltas: [[UInt64]] = []
    /// The most arrays kept in `spareDeltas`.
    static let spareDeltasKept = 16

    /// What decoding looks up per kind code, and the events decoded per kind code (set once the header is read).
    private(set) var kindTables = KindTables(HeaderTable())
    /// Decodes batches with `kindTables` (set once the header is read).
    private(set) var decoder = BatchDecoder(table: HeaderTable(), maxUnits: TraceFormat.maxTime, exactUnits: true, nanosecondsPerUnit: 1, path: nil)
    /// The latest time accepted, in the file's units (`TraceFormat.maxTime` converted).
    private(set) var maxUnits: UInt64 = TraceFormat.maxTime

    init(input: ByteInput, path: String?, maxThreads: Int = TraceFormat.maxThreads) throws(TraceError) {
        self.input = input
        framer = RecordFramer(input: input)
        self.path = path
        self.maxThreads = maxThreads
        try readPreamble()
        // At most 2^62, so that a time and a gap, each at most this, add without overflow.
        maxUnits = exactUnits ? TraceFormat.maxTime : UInt64(min(Double(TraceFormat.maxTime) / nanosecondsPerUnit, 0x1p62))
        decoder = BatchDecoder(table: table, maxUnits: maxUnits, exactUnits: exactUnits, nanosecondsPerUnit: nanosecondsPerUnit, path: path)
        kindTables = decoder.tables
        inputOffset = input.offset
        readAhead = ReadAhead.start(framer: framer, decoder: decoder)
    }

    /// Stops the read-ahead thread (the reader is done with the input).
    func stopReadingAhead() {
        readAhead?.cancel()
    }

    // MARK: - Records

    private func error(_ kind: TraceError.Kind, _ message: String, at offset: Int?, event: Int? = nil) -> TraceError {
        TraceError(kind, message, path: path, byteOffset: offset, eventIndex: event)
    }

    mutating func readPreamble() throws(TraceError) {
        guard input.ensure(TraceFormat.preambleSize) else {
            let n = input.available
            if n >= 1 && (0..<min(n, 8)).allSatisfy({ input.peek($0) == TraceFormat.magic[$0] }) {
                throw error(.truncated, "the file ends after \(n) bytes, inside the preamble (expected 10 bytes of magic and version); nothing was recorded", at: n)
            }
            throw error(.notATrace, "not a .weft trace: \(n) bytes, too short for the preamble (expected the magic \\x89WEFT\\r\\n\\x1A and a version)", at: 0)
        }
        for i in 0..<8 where input.peek(i) != TraceFormat.magic[i] {
            throw error(.notATrace, "not a .weft trace: byte \(i) is \(input.peek(i)), expected \(TraceFormat.magic[i]) of the magic \\x89WEFT\\r\\n\\x1A", at: i)
        }
        version = Int(input.peek(8)) | Int(input.peek(9)) << 8
        guard version >= 1 && version <= TraceFormat.version else {
            throw error(.unsupportedVersion, "format version \(version) is not supported (this Weft reads version 1 to \(TraceFormat.version)); use a newer weft", at: 8)
        }
        input.skip(TraceFormat.preambleSize)
        let at = input.offset
        guard input.ensure(1) else { throw error(.truncated, "the file ends before its header; nothing was recorded", at: at) }
        guard input.peek() == TraceFormat.Tag.header.rawValue else {
            throw error(.corrupt, "expected the header record (tag H) after the preamble, found tag \(input.peek())", at: at)
        }
        let (framed, _, _) = framer.next()
        guard let payload = try payload(of: framed) else {
            throw error(.truncated, "the file ends inside its header; nothing usable was recorded", at: at)
        }
        do {
            let (unit, parsed) = try HeaderTable.parse(payload.bytes)
            nanosecondsPerUnit = unit
            exactUnits = unit == 1
            table = parsed
            eventTable = parsed.specs
        } catch {
            throw self.error(.corrupt, "bad header: \(error.message)", at: payload.offset + error.offset)
        }
        for (code, name) in table.unknown {
            warnings.append(TraceWarning(.unknownKind, "the trace has events of kind \(name) (code \(code)), which this Weft does not know; they are skipped"))
        }
    }

    /// The tag and payload of a framed record. Returns nil (after noting the truncation) when the input ends
    /// inside it.
    /// - Throws: `TraceError` (`.corrupt`) when its length is not a valid number or above the cap.
    mutating func payload(of framed: FramedRecord) throws(TraceError) -> (tag: UInt8, bytes: [UInt8], offset: Int)? {
        switch framed {
        case .record(let tag, let payload, let offset):
            return (tag, payload, offset)
        case .invalidLength(let start):
            throw error(.corrupt, "the length of the record at byte \(start) is not a valid number (expected a varint of at most 10 bytes)", at: start + 1)
        case .tooLong(let start, let length):
            throw error(.corrupt, "a record claims \(length) bytes (at most \(TraceFormat.maxRecordLength)); the file is damaged here", at: start)
        case .cut(let start, let tag, let needed, let present):
            noteTruncation(start: start, tag: tag, needed: needed, present: present)
            return nil
        case .end:
            return nil  // the callers meet the end before
        }
    }

    /// Notes that the input ends `present` bytes into the record at `start` (from its tag).
    mutating func noteTruncation(start: Int, tag: UInt8, needed: Int?, present: Int) {
        let what = tag == TraceFormat.Tag.batch.rawValue ? "a batch" : "a record"
        let size = needed.map { " of \($0) bytes" } ?? ""
        warnings.append(TraceWarning(.truncated, "the file is cut \(present) bytes into \(what)\(size); that record is lost, and so is the trailer (the number of events lost after it is unknown)", byteOffset: start, lostBytes: present, lostBatches: tag == TraceFormat.Tag.batch.rawValue ? 1 : 0))
        truncated = true
        endOfInput = true
    }

    /// The next record, read ahead by the thread or framed here; `aheadIndex` still points at it.
    private mutating func peekRecord() -> ReadAheadRecord {
        if aheadIndex == aheadRecords.count {
            aheadIndex = 0
            if let readAhead {
                readAhead.take(into: &aheadRecords, released: releasedDecoded)
                releasedDecoded = 0
            } else {
                let (framed, start, end) = framer.next()
                aheadRecords.removeAll(keepingCapacity: true)
                aheadRecords.append(ReadAheadRecord(framed: framed, start: start, end: end, decoded: nil))
            }
        }
        return aheadRecords[aheadIndex]
    }

    /// Reads one record. Returns false at the end of the input.
    mutating func readRecord() throws(TraceError) -> Bool {
        guard !endOfInput else { return false }
        let record = peekRecord()
        let start = record.start
        if case .end(_, let failure) = record.framed {
            aheadRecords[aheadIndex] = .taken
            aheadIndex += 1
            inputOffset = record.end
            endOfInput = true
            if let failure {
                throw error(.io, "reading the trace failed: \(failure)", at: start)
            }
            if !sawTrailer {
                truncated = true
                warnings.append(TraceWarning(.truncated, "the trace has no trailer: the recording was killed or the file was cut at byte \(start); events not yet written then are lost (their number is unknown)", byteOffset: start))
            }
            return false
        }
        if sawTrailer {
            throw error(.corrupt, "data after the trailer (expected the file to end there)", at: start)
        }
        // Taken only now: after data past the trailer, the reader stays there (as it did reading the input itself).
        aheadRecords[aheadIndex] = .taken
        aheadIndex += 1
        inputOffset = record.end
        if let decoded = record.decoded, case .record(_, _, let offset) = record.framed {
            try addBatch(decoded.thread, BatchCursor(decoded: decoded, fileOffset: offset), offset)
            midRound = true
            return true
        }
        guard let (tag, p, offset) = try payload(of: record.framed) else { return false }
        switch TraceFormat.Tag(rawValue: tag) {
        case .strings: try readStrings(p, offset)
        case .batch:
            try readBatch(p, offset)
            midRound = true
        case .round:
            rounds += 1
            midRound = false
        case .trailer: try readTrailer(p, offset)
        case .header:
            throw error(.corrupt, "a second header record (expected one, at the start)", at: start)
        case nil:
            throw error(.corrupt, "unknown record tag \(tag) (expected H, S, B, R or T); the file is damaged here", at: start)
        }
        return true
    }

    private func varint(_ p: [UInt8], _ o: inout Int, _ base: Int, _ what: String) throws(TraceError) -> UInt64 {
        let at = o
        let v: UInt64? = p.withUnsafeBytes { Varint.read($0, &o, end: p.count) }
        guard let v else { throw error(.corrupt, "\(what) is cut or not a valid number", at: base + at) }
        return v
    }

    mutating func readStrings(_ p: [UInt8], _ base: Int) throws(TraceError) {
        var o = 0
        let first = try varint(p, &o, base, "the first id of a strings record")
        let count = try varint(p, &o, base, "the count of a strings record")
        guard first == UInt64(strings.count) else {
            throw error(.corrupt, "a strings record starts at id \(first), expected \(strings.count) (strings are numbered on)", at: base)
        }
        guard count <= UInt64(p.count), strings.count + Int(count) <= TraceFormat.maxStrings else {
            throw error(.corrupt, "a strings record claims \(count) strings, more than it can hold", at: base)
        }
        for _ in 0..<count {
            let at = o
            let n = try varint(p, &o, base, "a string length")
            guard n <= UInt64(TraceFormat.maxStringLength), o + Int(n) <= p.count else {
                throw error(.corrupt, "a string claims \(n) bytes, beyond its record (or above 1 MiB)", at: base + at)
            }
            stringBytes += Int(n)
            guard stringBytes <= TraceFormat.maxStringBytes else {
                throw error(.corrupt, "the trace's strings pass \(TraceFormat.maxStringBytes >> 20) MiB in all (string "
                    + "\(strings.count) is one too many): a recording interns each name once, so this is a damaged file or an "
                    + "endless stream of new names; record fewer distinct names or split the recording", at: base + at)
            }
            strings.append(String(decoding: p[o..<(o + Int(n))], as: UTF8.self))
            o += Int(n)
        }
        guard o == p.count else { throw error(.corrupt, "\(p.count - o) unexpected bytes at the end of a strings record", at: base + o) }
        state.stringCount = strings.count
    }

    mutating func readTrailer(_ p: [UInt8], _ base: Int) throws(TraceError) {
        var o = 0
        var t = TraceTrailer()
        t.events = try varint(p, &o, base, "the trailer's event count")
        t.dropped = try varint(p, &o, base, "the trailer's dropped count")
        t.threads = Int(min(try varint(p, &o, base, "the trailer's thread count"), TraceFormat.maxThread))
        t.strings = Int(min(try varint(p, &o, base, "the trailer's string count"), UInt64(TraceFormat.maxStrings)))
        let endUnits = try varint(p, &o, base, "the trailer's end time")
        guard endUnits <= maxUnits else {
            throw error(.corrupt, "the trailer's end time \(endUnits) units is beyond the latest time a trace may hold (\(TraceFormat.maxTime) ns, about 417 days)", at: base)
        }
        t.endTime = nanoseconds(endUnits)
        let kinds = try varint(p, &o, base, "the trailer's kind count")
        guard kinds <= 256 else { throw error(.corrupt, "the trailer claims \(kinds) kinds (at most 256)", at: base) }
        for _ in 0..<kinds {
            guard o < p.count else { throw error(.corrupt, "the trailer ends early", at: base + o) }
            let code = p[o]
            o += 1
            t.countsByCode[code] = try varint(p, &o, base, "a count in the trailer")
        }
        guard o == p.count else { throw error(.corrupt, "\(p.count - o) unexpected bytes at the end of the trailer", at: base + o) }
        trailer = t
        sawTrailer = true
    }

    mutating func readBatch(_ p: [UInt8], _ base: Int) throws(TraceError) {
        let (thread, cursor) = try decoder.batchHeader(p, base, reusing: spareDeltas.popLast() ?? [])
        try addBatch(thread, cursor, base)
    }

    /// Appends a batch to its thread's lane (made on the thread's first batch), and decodes the lane's frontier when
    /// it had none.
    mutating func addBatch(_ thread: UInt64, _ cursor: BatchCursor, _ base: Int) throws(TraceError) {
        let li: Int
        if let existing = laneOfThread[thread] {
            li = existing
        } else {
            guard lanes.count < maxThreads else {
                throw error(.corrupt, "the trace has more than \(maxThreads) threads (thread \(thread) is one too many): "
                    + "the reader keeps a little state per thread, so an endless stream of new threads is refused rather "
                    + "than let memory grow without bound; split the recording or record fewer threads", at: base)
            }
            li = lanes.append(Lane(thread: ThreadID(thread)))
            laneOfThread[thread] = li
        }
        lanes[li].batches.append(cursor)
        buffered += cursor.size
        if !hasFrontier(li) && !lanes[li].queued {
            try fill(li)
            enqueue(li)
        }
    }

    // MARK: - Events

    @inline(__always)
    func nanoseconds(_ units: UInt64) -> UInt64 {
        exactUnits ? units : UInt64(min(Double(units) * nanosecondsPerUnit, Double(TraceFormat.maxTime)))
    }

    /// How many events a lane decodes ahead at a time.
    static let sliceSize = 128

    /// Makes sure the lane's frontier is decoded, decoding the next slice of its batches when the last is used up.
    /// An error met after some events of a slice is kept until the lane reaches it.
    @inline(__always)
    mutating func fill(_ li: Int) throws(TraceError) {
        if lanes[li].readyIndex < lanes[li].ready.count { return }
        try refill(li)
    }

    /// Decodes the lane's next slice (see `fill`).
    mutating func refill(_ li: Int) throws(TraceError) {
        if let failure = lanes[li].failure { throw failure }
        var buffer = lanes[li].ready
        lanes[li].ready = []
        buffer.removeAll(keepingCapacity: true)
        var failure: TraceError?
        let thread = lanes[li].thread
        while buffer.count < Self.sliceSize && lanes[li].hasBatches {
            let h = lanes[li].head
            // Move the cursor out while decoding, so that its arrays stay uniquely referenced (a swap: no copy, no
            // retain of its four arrays).
            var c = BatchCursor.moved
            swap(&c, &lanes[li].batches[h])
            if c.remaining == 0 {
                if c.position != c.bytes.count {
                    failure = error(.corrupt, "\(c.bytes.count - c.position) bytes follow the last event of a batch (its header counts fewer events)", at: c.fileOffset + c.position)
                    lanes[li].batches[h] = c
                    break
                }
                buffered -= c.size
                if c.isDecoded {
                    releasedDecoded += c.decodedBytes
                    for (code, events) in c.decodedCounts { kindTables.counts[Int(code)] &+= events }
                } else if !c.deltas.isEmpty && spareDeltas.count < Self.spareDeltasKept {
                    spareDeltas.append(c.deltas)
                }
                lanes[li].dropConsumedBatch()
                continue
            }
            if c.isDecoded {
                if buffer.isEmpty && c.remaining == c.decoded.count {
                    // The whole batch, moved rather than copied: the lane emits from the decoded array itself.
                    swap(&buffer, &c.decoded)
                    c.remaining = 0
                    lanes[li].batches[h] = c
                    break
                }
                takeDecoded(&c, into: &buffer)
                lanes[li].batches[h] = c
                continue
            }
            // Room for the batch's events up to a slice, at once: a batch of a few events (many threads) then costs
            // one allocation of the lane's buffer, or none when the buffer kept from before is large enough.
            let wanted = min(Self.sliceSize, buffer.count + c.remaining)
            if buffer.capacity < wanted { buffer.reserveCapacity(wanted) }
            do {
                while c.remaining > 0 && buffer.count < Self.sliceSize {
                    decoder.decodeRun(&c, into: &buffer, limit: Self.sliceSize, thread: thread)
                    // What the fast run left (a skipped kind, a damaged event) takes the careful path, which throws
                    // the error that names what is wrong.
                    if c.remaining > 0 && buffer.count < Self.sliceSize, let pending = try decode(&c, thread: thread) {
                        buffer.append(pending)
                    }
                }
            } catch {
                failure = error
            }
            lanes[li].batches[h] = c
            if failure != nil { break }
        }
        if buffer.isEmpty && !lanes[li].hasBatches { buffer = [] }
        lanes[li].ready = buffer
        lanes[li].readyIndex = 0
        if let failure {
            if buffer.isEmpty { throw failure }
            lanes[li].failure = failure
        }
    }

    /// Moves the next events of a batch decoded ahead into `buffer`, up to a slice (they are counted by kind when
    /// the batch is used up).
    @inline(__always)
    func takeDecoded(_ c: inout BatchCursor, into buffer: inout [PendingEvent]) {
        let n = min(Self.sliceSize - buffer.count, c.remaining)
        let first = c.decoded.count - c.remaining
        c.decoded.withUnsafeBufferPointer { events in
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: events[first..<(first + n)]))
        }
        c.remaining -= n
    }

    /// Decodes one event of a batch; nil when it was of a kind this reader skips. The careful path: `decodeRun`
    /// decodes most events, and leaves to this one those it skips and those with something wrong.
    mutating func decode(_ c: inout BatchCursor, thread: ThreadID) throws(TraceError) -> PendingEvent? {
        let start = c.position
        let end = c.bytes.count
        guard start < end else {
            throw error(.corrupt, "a batch ends after \(c.bytes.count) bytes with \(c.remaining) of its events missing", at: c.fileOffset + start)
        }
        let code = c.bytes[start]
        let tables = kindTables
        let argc = tables.argumentCounts[Int(code)]
        guard argc >= 0 else {
            throw error(.corrupt, "event kind code \(code) is not in the header's event table; the batch is damaged", at: c.fileOffset + start)
        }
        var o = start + 1
        var args = EventArguments()
        var time = c.time
        let slotBase = Int(code) * KindTables.slotsPerCode
        let ok: Bool = c.bytes.withUnsafeBytes { b in
            guard let dt = Varint.read(b, &o, end: end) else { return false }
            time = time &+ min(dt, maxUnits &+ 1)  // at most 2^62 + 2^62 + 1: no overflow, and beyond maxUnits when dt is
            for i in 0..<argc {
                guard var v = Varint.read(b, &o, end: end) else { return false }
                let slot = tables.deltaSlots[slotBase + i]
                if slot >= 0 {
                    v = c.deltas[slot] &+ UInt64(bitPattern: Event.unzigzag(v))
                    c.deltas[slot] = v
                }
                if i < EventSpec.maxArguments { args[i] = v }
            }
            return true
        }
        guard ok else {
            throw error(.corrupt, "event \(table.rows[Int(code)]?.name ?? "?") is cut or holds an invalid number; the batch is damaged", at: c.fileOffset + start)
        }
        guard time <= maxUnits else {
            throw error(.corrupt, "event \(table.rows[Int(code)]?.name ?? "?") is later than the latest time a trace may hold (\(TraceFormat.maxTime) ns after its start, about 417 days); the batch is damaged", at: c.fileOffset + start)
        }
        c.time = time
        c.position = o
        c.remaining -= 1
        tables.counts[Int(code)] &+= 1
        guard let kind = tables.kinds[Int(code)] else { return nil }
        let limits = tables.argumentLimits + Int(code) * EventSpec.maxArguments
        if args.a0 > limits[0] || args.a1 > limits[1] || args.a2 > limits[2]
            || args.a3 > limits[3] || (tables.hasEnumeration[Int(code)] && TypedEvent(Event(kind: kind, time: 0, thread: thread, args: args)) == nil) {
            throw error(.corrupt, "\(kind.spec.outOfRange(args) ?? "\(kind) has an argument out of range"); the batch is damaged", at: c.fileOffset + start)
        }
        return PendingEvent(kind: kind, time: nanoseconds(time), args: args, offset: c.fileOffset + start)
    }

    /// Whether lane `li` has its next event decoded. (Reads stored fields in place: a computed property of an array
    /// element would copy the whole lane, retaining its arrays, on every event.)
    @inline(__always)
    func hasFrontier(_ li: Int) -> Bool { lanes[li].readyIndex < lanes[li].ready.count }

    /// The next event of lane `li`, if decoded (see `hasFrontier`).
    @inline(__always)
    func frontier(_ li: Int) -> PendingEvent? {
        let i = lanes[li].readyIndex
        return i < lanes[li].ready.count ? lanes[li].ready[i] : nil
    }

    /// The lane whose frontier comes first: the lane just emitted from, unless the heap holds an earlier one.
    mutating func pickLane() -> Int? {
        guard current >= 0 else { return heap.pop() }
        let li = current
        current = -1
        if let f = frontier(li), !f.precedes(time: heap.topTime, offset: heap.topOffset) {
            // The heap's top comes first (offsets are distinct: no tie): it leaves as this lane goes in.
            return heap.replaceTop(time: f.time, offset: f.offset, lane: li)
        }
        return li
    }

    mutating func enqueue(_ li: Int) {
        if let f = frontier(li) {
            heap.push(time: f.time, offset: f.offset, lane: li)
            lanes[li].queued = true
        } else if !lanes[li].stopped {
            awaitRound = max(awaitRound, rounds + Self.waitRounds)
            awaitOffset = max(awaitOffset, inputOffset + Self.waitBytes)
        }
    }

    private var needMore: Bool {
        if endOfInput { return false }
        if heap.isEmpty && current < 0 { return parked == 0 || buffered < Self.lookaheadBytes }
        if buffered >= Self.lookaheadBytes { return false }
        if midRound { return true }
        return rounds < awaitRound && inputOffset < awaitOffset
    }

    @inline(__always)
    mutating func next() throws(TraceError) -> Event? {
        if finished { return nil }
        if let failure = deferredFailure {
            deferredFailure = nil
            throw failure
        }
        while true {
            while needMore {
                if try !readRecord() { break }
            }
            if let li = pickLane() {
                let pending = frontier(li)!
                var event = pending.event(thread: lanes[li].thread, task: lanes[li].running)
                var running = event.task
                var wake: WaitKey? = nil
                let cause: WaitKey?
                do {
                    cause = try state.admit(event, running: &running, lenient: lenient, wake: &wake)
                } catch {
                    throw inconsistency(error, at: pending.offset)
                }
                if let cause {
                    park(li, on: cause)
                    continue
                }
                if event.kind == .runBegin { event.task = running }
                if lanes[li].emitted(running: running, stops: event.kind == .threadStop) {
                    current = li  // most often the next event is this lane's again: no heap work then
                } else if let failure = laneRanDry(li) {
                    deferredFailure = failure
                    eventsRead += 1
                    return event
                }
                if let key = wake, !waiting.isEmpty { wakeLanes(waitingOn: key) }
                eventsRead += 1
                return event
            }
            if !endOfInput && parked == 0 { continue }
            if parked > 0 {
                if truncated && endOfInput {
                    lenient = true
                    warnings.append(TraceWarning(.inconsistent, "\(parked) thread(s) had events whose causes are missing (probably in the part of the trace that was lost); they are given in time order without those checks"))
                    for (_, lanesWaiting) in waiting { for w in lanesWaiting { enqueue(w) } }
                    waiting.removeAll()
                    parked = 0
                    continue
                }
                if endOfInput || buffered >= Self.lookaheadBytes { throw stuck() }
                continue
            }
            try finishChecks()
            finished = true
            return nil
        }
    }

    /// Parks lane `li`, whose frontier waits for `key`. (Kept out of `next`, as the other rare steps are: the
    /// per-event path then fits in fewer registers and a smaller frame.)
    @inline(never)
    private mutating func park(_ li: Int, on key: WaitKey) {
        lanes[li].queued = false
        waiting[key, default: []].append(li)
        parked += 1
    }

    /// Queues again the lanes parked on `key`.
    @inline(never)
    private mutating func wakeLanes(waitingOn key: WaitKey) {
        guard let woken = waiting.removeValue(forKey: key) else { return }
        parked -= woken.count
        for w in woken { enqueue(w) }
    }

    /// Refills lane `li` after its last decoded event was emitted, and keeps it as the current lane or queues it.
    /// - Returns: the decoding error met, which the next call throws (the event just emitted is still returned).
    @inline(never)
    private mutating func laneRanDry(_ li: Int) -> TraceError? {
        do {
            try fill(li)
        } catch {
            return error
        }
        if hasFrontier(li) {
            current = li
            lanes[li].queued = true
        } else {
            enqueue(li)
        }
        return nil
    }

    /// The error for an event the causal checks refused.
    @inline(never)
    private func inconsistency(_ problem: ValidationProblem, at offset: Int) -> TraceError {
        error(.invalidEvent, problem.message, at: offset, event: eventsRead)
    }

    /// The error for the earliest event that waits for a cause that never came.
    private func stuck() -> TraceError {
        var best: (PendingEvent, WaitKey, ThreadID)?
        for (key, ls) in waiting {
            for li in ls {
                guard let f = frontier(li) else { continue }
                if best == nil || f.precedes(time: best!.0.time, offset: best!.0.offset) { best = (f, key, lanes[li].thread) }
            }
        }
        guard let (pending, key, thread) = best else { return error(.invalidEvent, "events wait for causes that never came", at: nil) }
        var message = state.describeMissing(pending.event(thread: thread), key)
        if !endOfInput { message += " within the next \(Self.lookaheadBytes >> 20) MiB of the trace" }
        return error(.invalidEvent, message, at: pending.offset, event: eventsRead)
    }

    mutating func finishChecks() throws(TraceError) {
        guard let trailer else { return }
        var total: UInt64 = 0
        for code in 0..<256 {
            let have = kindTables.counts[code]
            total += have
            let said = trailer.countsByCode[UInt8(code)] ?? 0
            if have != said {
                let name = table.rows[code]?.name ?? "code \(code)"
                throw error(.corrupt, "the trailer counts \(said) \(name) events but the file holds \(have); batches are missing or damaged", at: nil, event: eventsRead)
            }
        }
        if total != trailer.events {
            throw error(.corrupt, "the trailer counts \(trailer.events) events but the file holds \(total)", at: nil, event: eventsRead)
        }
    }
}
