#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A batch decoded by the read-ahead thread: its thread and every event, in order.
struct DecodedBatch {
    var thread: UInt64
    var events: [PendingEvent]
    /// Its events by kind code (the kinds it holds).
    var counts: [(code: UInt8, events: UInt64)]
    /// The batch record's payload bytes (what the reader's look-ahead counts).
    var size: Int
}

/// One record read ahead, in file order: its framing, where it starts and ends in the file, and its events when it
/// is a batch the thread could decode whole (its payload is then dropped).
struct ReadAheadRecord {
    var framed: FramedRecord
    var start: Int
    var end: Int
    var decoded: DecodedBatch?

    /// What stands in the reader's list once a record is taken out.
    static let taken = ReadAheadRecord(framed: .end(start: 0, failure: nil), start: 0, end: 0, decoded: nil)

    /// The memory it holds: its payload, or its decoded events.
    var bytes: Int {
        if let decoded { return decoded.events.count * MemoryLayout<PendingEvent>.stride }
        if case .record(_, let payload, _) = framed { return payload.count }
        return 0
    }
}

/// Reads records on a second thread, named "weft-read-ahead", ahead of the reader, and decodes each clean batch
/// there whole, so that the reader's thread only merges and checks the order.
///
/// The records pass through a bounded queue in file order, with their framing failures and the input's end as
/// records too: the reader meets each exactly where it would have read it itself. A batch with anything the fast
/// decoding run refuses (a damaged event, a kind this reader skips, a bad header) passes undecoded, and the reader
/// decodes it itself. Memory stays bounded: at most `queueBytes` queued, and at most `decodedBudget` bytes of
/// decoded events alive (queued or in the reader's lanes); past that, batches pass undecoded.
final class ReadAhead: @unchecked Sendable {
    /// The most bytes (payloads or decoded events) waiting in the queue.
    static let queueBytes = 2 << 20
    /// The most records waiting in the queue.
    static let queueRecords = 4096
    /// The most bytes of decoded events alive at once (queued, or waiting in the reader's lanes). The reader looks
    /// ahead two writer rounds when a thread runs out of events: on ping-pong that is about 80,000 events, 3.7 MiB
    /// decoded (5.5 MiB when an event took 72 bytes), and a budget of 6 MiB left most batches to be decoded on the
    /// reading thread.
    static let decodedBudget = 16 << 20
    /// The largest batch payload decoded ahead (an event takes at least 2 bytes and 48 decoded: at most 24 MiB).
    static let largestDecodedPayload = 1 << 20
    /// The smallest batch payload decoded ahead: a batch of a few events costs more to hand over (its arrays made on
    /// one thread and freed on the other) than to decode where it is used.
    static let smallestDecodedPayload = 256

    private let lock = PThreadLock()
    // Guarded by `lock`.
    private var queue: [ReadAheadRecord] = []
    private var queuedBytes = 0
    private var decodedBytes = 0
    private var cancelled = false
    private var producerWaiting = false
    private var consumerWaiting = false

    private let framer: RecordFramer
    private let decoder: BatchDecoder

    /// Starts the thread reading from `framer`'s input (which the caller no longer touches), decoding with its own
    /// copy of `decoder`.
    /// - Returns: nil when no thread could be started (the caller then reads the input itself).
    static func start(framer: RecordFramer, decoder: BatchDecoder) -> ReadAhead? {
        let me = ReadAhead(framer: framer, decoder: decoder.copy())
        let context = Unmanaged.passRetained(me).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let me = Unmanaged<ReadAhead>.fromOpaque(raw!).takeRetainedValue()
            WriterThread.nameCurrentThread("weft-read-ahead")
            me.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<ReadAhead>.fromOpaque(context).release()
            return nil
        }
        pthread_detach(thread)
        return me
    }

    private init(framer: RecordFramer, decoder: BatchDecoder) {
        self.framer = framer
        self.decoder = decoder
    }

    /// Tells the thread to stop (it ends at its next record, or when a blocking read returns).
    func cancel() {
        lock.withLock {
            cancelled = true
            lock.signal()
        }
    }

    private func run() {
        while true {
            var (framed, start, end) = framer.next()
            var decoded: DecodedBatch?
            if case .record(let tag, let payload, let offset) = framed, tag == TraceFormat.Tag.batch.rawValue,
               payload.count >= Self.smallestDecodedPayload, payload.count <= Self.largestDecodedPayload,
               lock.withLock({ decodedBytes < Self.decodedBudget }),
               let batch = decoder.decodeWhole(payload, offset) {
                decoded = batch
                framed = .record(tag: tag, payload: [], offset: offset)
            }
            let record = ReadAheadRecord(framed: framed, start: start, end: end, decoded: decoded)
            let bytes = record.bytes
            lock.lock()
            while !cancelled && !queue.isEmpty
                && (queuedBytes + bytes > Self.queueBytes || queue.count >= Self.queueRecords) {
                producerWaiting = true
                lock.wait(nanoseconds: 100_000_000)
            }
            producerWaiting = false
            if cancelled {
                lock.unlock()
                return
            }
            queue.append(record)
            queuedBytes += bytes
            if decoded != nil { decodedBytes += bytes }
            if consumerWaiting { lock.signal() }
            lock.unlock()
            if framed.endsInput { return }
        }
    }

    /// Moves every queued record into `records` (which must be used up), waiting for one when none is queued, and
    /// gives back `released` bytes of decoded events the reader no longer holds.
    func take(into records: inout [ReadAheadRecord], released: Int) {
        records.removeAll(keepingCapacity: true)
        lock.lock()
        decodedBytes -= released
        while queue.isEmpty {
            consumerWaiting = true
            lock.wait(nanoseconds: 100_000_000)
        }
        consumerWaiting = false
        swap(&queue, &records)
        queuedBytes = 0
        if producerWaiting { lock.signal() }
        lock.unlock()
    }
}
