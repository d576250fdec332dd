import WeftAnalysis
/// What went wrong while laying out or painting a picture, and what to do about it.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// Cairo reported `status` (its own message in `message`) during `operation`, e.g. creating a surface for a path.
    case cairo(operation: String, status: UInt32, message: String)
    /// The output path's extension names no format Weft can write.
    case unsupportedFormat(path: String)
    /// The picture would be too large or too small to paint.
    case badSize(width: Int, height: Int, reason: String)
    /// The time window is empty or reversed.
    case emptyWindow(from: UInt64, to: UInt64)

    public var description: String {
        switch self {
        case let .cairo(operation, status, message):
            "cairo failed to \(operation): \(message) (status \(status)); check that the output folder exists and is writable"
        case let .unsupportedFormat(path):
            "cannot tell the picture format of '\(path)': name the output with .png, .svg or .pdf"
        case let .badSize(width, height, reason):
            "cannot paint a \(width)×\(height) picture: \(reason)"
        case let .emptyWindow(from, to):
            "the time window \(DurationFormat.format(from))…\(DurationFormat.format(to)) is empty: --from must be before --to and before the end of the trace"
        }
    }
}
