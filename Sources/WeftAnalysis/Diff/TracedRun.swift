import WeftTrace

/// One run ready to be compared: its tasks and objects, their figures, each task's operation sequence, each
/// channel's message order, and the stable identities that match it to another run.
///
/// Two ways to read one: `build` keeps the whole timeline model (the diff picture's timelines need it);
/// `digest` reads the trace once keeping no per-event lists, so its memory follows the tasks and objects, and the
/// operations and messages only where they do not repeat (`weft diff`). Both give the same diff.
public struct TracedRun: Sendable {
    /// The run's model: whole from `build` or `init(timeline:operations:)`; from `digest`, its run, tasks, threads
    /// and objects without their intervals, slices, messages and holds.
    public var timeline: Timeline
    public var operations: TaskOperations
    public var identities: RunIdentities
    /// The run's figures, as `RunStats(timeline)` of the whole model gives them.
    public var stats: RunStats
    /// Each channel's messages in sequence order.
    public var messages: [ChannelID: ChannelMessages]
    /// Each mutex's time held, over every hold (released or held to the end), by raw id.
    public var held: [UInt64: UInt64]

    /// A run from its whole model and its operations.
    public init(timeline: Timeline, operations: TaskOperations) {
        self.timeline = timeline
        self.operations = operations
        identities = RunIdentities(timeline)
        stats = RunStats(timeline)
        var byChannel: [ChannelID: [MessageFlow]] = [:]
        for f in timeline.flows { byChannel[f.channel, default: []].append(f) }
        messages = byChannel.mapValues { flows in
            var channel = ChannelMessages()
            for f in flows.sorted(by: { $0.seq < $1.seq }) { channel.append(seq: f.seq, sender: f.sender, receiver: f.receiver) }
            return channel
        }
        held = Dictionary(timeline.mutexes.map { ($0.id.rawValue, $0.holds.saturatingSum(\.duration)) },
                          uniquingKeysWith: { a, _ in a })
    }

    /// A run from a model without its per-event lists and what was gathered from them while reading.
    init(skeleton: Timeline, stats: RunStats, operations: TaskOperations, messages: [ChannelID: ChannelMessages],
         held: [UInt64: UInt64]) {
        timeline = skeleton
        self.operations = operations
        identities = RunIdentities(skeleton)
        self.stats = stats
        self.messages = messages
        self.held = held
    }

    /// Reads every event of `stream` once, building the whole timeline and recording the operations in the same
    /// pass.
    /// - Throws: the stream's `TraceError` when the trace is damaged.
    public static func build(from stream: some EventStream) throws(TraceError) -> TracedRun {
        let builder = TimelineBuilder(strings: { [unowned stream] in stream.string($0) })
        var operations = TaskOperations()
        while let event = try stream.next() {
            builder.add(event)
            operations.add(event)
        }
        return TracedRun(timeline: builder.finish(), operations: operations)
    }

    /// Reads every event of `stream` once for the diff alone: each interval, slice and hold is counted into the
    /// run's figures and forgotten (`TimelineBuilder.summarize`), each message goes into its channel's order and
    /// each operation into its task's sequence. Memory grows with the tasks and objects, never with events that
    /// repeat what came before.
    /// - Throws: the stream's `TraceError` when the trace is damaged.
    public static func digest(from stream: some EventStream) throws(TraceError) -> TracedRun {
        var state = TimelineState(strings: { [unowned stream] in stream.string($0) })
        state.countFigures(RunStatsAccumulator())
        state.messageOrder = MessageOrderCollector()
        var operations = TaskOperations()
        while let event = try stream.next() {
            state.add(event)
            operations.add(event)
        }
        let skeleton = state.finish()
        // The messages still missing their send or their receive at the end are in the model too.
        var collector = state.messageOrder ?? MessageOrderCollector()
        let free = Set(state.freeFlows)
        for f in state.flows.indices where !free.contains(f) { collector.add(state.flows[f]) }
        let accumulator = state.summary ?? RunStatsAccumulator()
        return TracedRun(skeleton: skeleton, stats: RunStats(accumulator, skeleton), operations: operations,
                         messages: collector.finish(), held: accumulator.mutexes.mapValues(\.held))
    }
}
