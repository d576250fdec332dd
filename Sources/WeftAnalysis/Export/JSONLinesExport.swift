import WeftTrace

/// Exports every event as one JSON object a line, for scripts: the same lines as `weft dump --json`, written by the
/// same formatter (`TraceJSON.line`).
public enum JSONLinesExport {
    /// Writes each event of `events`, in order, as it is read.
    /// - Returns: the number of events written.
    /// - Throws: `ExportError` when the trace cannot be read (the lines before the damage are written).
    @discardableResult
    public static func export(_ events: some EventStream, to out: JSONOutput) throws(ExportError) -> Int {
        var count = 0
        do {
            while let event = try events.next() {
                out.raw(TraceJSON.line(event, strings: events.string))
                out.byte(0x0A)
                count += 1
            }
        } catch {
            throw ExportError(reading: error)
        }
        return count
    }
}
