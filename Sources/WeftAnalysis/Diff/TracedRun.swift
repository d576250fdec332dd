import WeftTrace

/// One run ready to be compared: its timeline model, each task's operation sequence, and the stable identities
/// that match it to another run.
public struct TracedRun: Sendable {
    public var timeline: Timeline
    public var operations: TaskOperations
    public var identities: RunIdentities

    public init(timeline: Timeline, operations: TaskOperations) {
        self.timeline = timeline
        self.operations = operations
        self.identities = RunIdentities(timeline)
    }

    /// Reads every event of `stream` once, building the timeline and recording the operations in the same pass.
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
}
