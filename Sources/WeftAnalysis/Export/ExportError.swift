import WeftTrace

/// What went wrong exporting a trace, and where.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output file ("-" for standard output, "" for memory), or the trace when reading it failed.
    public var path: String
    /// What failed and what to do about it.
    public var message: String
    /// The reading error, when the trace could not be read.
    public var trace: TraceError?

    public init(path: String, _ message: String, trace: TraceError? = nil) {
        self.path = path
        self.message = message
        self.trace = trace
    }

    /// Reading the trace failed (it is damaged): the export stops there.
    public init(reading error: TraceError) {
        self.init(path: error.path ?? "", "reading the trace failed: \(error.message)", trace: error)
    }

    public var description: String {
        if let trace { return "cannot export: \(trace)" }
        return path.isEmpty ? message : "\(path): \(message)"
    }
}
