extension TextMeasurer {
    /// `text` as lines no wider than `maxWidth`: each line break starts a new line, and long lines break at spaces
    /// (a word wider than a whole line is cut with "…"). Tabs become spaces.
    public func wrap(_ text: String, maxWidth: Double, size: Double, weight: FontWeight = .regular) -> [String] {
        var lines: [String] = []
        for paragraph in text.replacingTabs().split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if width(candidate, size: size, weight: weight) <= maxWidth {
                    line = candidate
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                line = fit(String(word), maxWidth: maxWidth, size: size, weight: weight) ?? ""
            }
            if !line.isEmpty || paragraph.isEmpty { lines.append(line) }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

extension String {
    fileprivate func replacingTabs() -> String { split(separator: "\t", omittingEmptySubsequences: false).joined(separator: " ") }
}
