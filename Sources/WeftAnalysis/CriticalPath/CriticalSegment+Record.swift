import WeftTrace

/// A critical-path segment as plain fields, for JSON.
public struct CriticalSegmentRecord: Sendable, Equatable, Codable {
    public var start: UInt64
    public var end: UInt64
    public var task: UInt64
    /// running, runnable, blocked, sleeping.
    public var state: String
    /// The state in words: `running on T2`, `blocked: receive jobs`, …
    public var detail: String

    /// The record of `segment`, worded with names from `timeline`.
    public init(_ segment: CriticalSegment, in timeline: Timeline) {
        start = segment.start
        end = segment.end
        task = segment.task.rawValue
        state = segment.state.category.description
        detail = CriticalPathReport.describe(segment.state, timeline)
    }
}
