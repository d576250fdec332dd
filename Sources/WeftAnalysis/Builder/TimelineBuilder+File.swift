import WeftTrace

/// A timeline read from a `.weft` file, with what the reader noticed along the way.
public struct LoadedTimeline: Sendable {
    /// The model.
    public var timeline: Timeline
    /// Problems that did not stop reading (a truncated end, unknown kinds), for the user to see.
    public var warnings: [TraceWarning]
}

extension TimelineBuilder {
    /// Reads a `.weft` file ("-" for standard input) and builds its timeline in one streaming pass.
    ///
    /// The trailer's count of dropped events, when the file has one, becomes `RunInfo.dropped`.
    /// - Throws: the reader's `TraceError` when the file cannot be opened or is damaged or inconsistent.
    public static func build(path: String) throws(TraceError) -> LoadedTimeline {
        let reader = try TraceReader(path: path)
        var timeline = try build(from: reader)
        if let trailer = reader.trailer { timeline.run.dropped = max(timeline.run.dropped, trailer.dropped) }
        return LoadedTimeline(timeline: timeline, warnings: reader.warnings)
    }
}
