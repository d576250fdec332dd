/// A picture file format, chosen by the output's extension.
public enum OutputFormat: String, Sendable, CaseIterable {
    case png
    case svg
    case pdf

    /// The format named by `path`'s extension (case-insensitive).
    /// - Throws: `RenderError.unsupportedFormat` for any other extension.
    public init(path: String) throws(RenderError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."),
              let format = OutputFormat(rawValue: name[name.index(after: dot)...].lowercased()) else {
            throw .unsupportedFormat(path: path)
        }
        self = format
    }
}
