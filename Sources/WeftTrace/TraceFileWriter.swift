#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole list of events (e.g. parsed from text) to a binary trace, using the same encoder as the recorder.
///
/// Times are written in 1 ns units, so they read back exactly. Each run of consecutive events of one thread becomes
/// one batch (split at 64 KiB), in list order, so that a list already in causal and time order reads back in the
/// same order. A round marker follows each `roundBytes` of batches, as the recorder's rounds do: the reader holds
/// an unfinished round whole before it emits from it, so without them it would hold the first 64 MiB of a long list.
public enum TraceFileWriter {
    /// The batch bytes between two round markers (a list smaller than this has none).
    static let roundBytes = 1 << 20

    /// Writes `list` to `path`.
    /// - Throws: `TraceError.cannotOpen` or `.io`.
    public static func write(_ list: EventList, to path: String) throws(TraceError) {
        let bytes = try encode(list)
        let output = try TraceOutput(path: path)
        output.write(bytes)
        if let failure = output.close() { throw failure }
    }

    /// The bytes of a trace holding `list`.
    /// - Throws: `TraceError.invalidEvent` when an event names thread 0.
    public static func encode(_ list: EventList) throws(TraceError) -> [UInt8] {
        var encoder = RecordEncoder()
        encoder.preamble()
        encoder.header(nanosecondsPerUnit: 1)
        if list.strings.count > 1 { encoder.strings(first: 1, list.strings[1...]) }
        var states: [UInt64: EventCoding.State] = [:]
        var counts: [UInt8: UInt64] = [:]
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: ChunkPool.largeSize, alignment: 8)
        defer { scratch.deallocate() }
        var i = 0
        var endTime: UInt64 = 0
        var sinceRound = 0
        let events = list.events
        while i < events.count {
            let thread = events[i].thread.rawValue
            guard thread >= 1 else {
                throw TraceError(.invalidEvent, "event \(events[i].kind) names thread 0 (threads are numbered from 1)", eventIndex: i)
            }
            var state = states[thread] ?? EventCoding.State()
            let base = state
            var used = 0
            var n = 0
            while i < events.count && events[i].thread.rawValue == thread
                    && used + EventCoding.maxEventBytes <= ChunkPool.largeSize {
                let e = events[i]
                used = EventCoding.encode(e.kind, time: e.time, e.args.a0, e.args.a1, e.args.a2, e.args.a3,
                                          state: &state, into: scratch, at: used)
                counts[e.kind.rawValue, default: 0] += 1
                endTime = max(endTime, e.time)
                n += 1
                i += 1
            }
            states[thread] = state
            encoder.batch(thread: thread, base: base, count: n, events: UnsafeRawBufferPointer(start: scratch, count: used))
            sinceRound += used
            if sinceRound >= roundBytes && i < events.count {
                encoder.round(time: endTime)
                sinceRound = 0
            }
        }
        let trailer = TraceTrailer(events: UInt64(events.count), dropped: 0, threads: states.count,
                                   strings: list.strings.count, countsByCode: counts, endTime: endTime)
        encoder.trailer(trailer, endTime: endTime)
        return encoder.bytes
    }
}
