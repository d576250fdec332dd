/// A plain-text table with a header row, columns padded to their widest cell; numbers right-aligned.
///
/// ```
/// task     run      blocked
/// main     1.20 ms  300 µs
/// ```
public struct TextTable: Sendable {
    /// How a column's cells line up.
    public enum Alignment: Sendable { case left, right }

    public var title: String?
    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []
    /// A line printed under the table (e.g. "… 40 more; use --top").
    public var footer: String?

    /// A table with these column headers; the first column is left-aligned, the others right-aligned unless given.
    public init(title: String? = nil, _ headers: [String], alignments: [Alignment]? = nil) {
        self.title = title
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    /// Appends a row (missing cells are empty).
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines of text, ending with a newline.
    public func render() -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        if let title { out += title + "\n" }
        func line(_ cells: [String]) {
            var parts: [String] = []
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(alignments[i] == .left ? cell + pad : pad + cell)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            out += "  " + text + "\n"
        }
        line(headers)
        for row in rows { line(row) }
        if let footer { out += "  " + footer + "\n" }
        return out
    }
}
