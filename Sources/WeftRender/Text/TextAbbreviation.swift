extension TextMeasurer {
    /// `text` shortened at a word boundary to fit `maxWidth` ("t3 primes 50000..<100000" → "t3 primes …"), keeping
    /// at least its first word; cut inside a word (`fit`) only when not even the first word and "…" fit.
    public func abbreviate(_ text: String, maxWidth: Double, size: Double, weight: FontWeight = .regular) -> String? {
        if width(text, size: size, weight: weight) <= maxWidth { return text }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        var count = words.count - 1
        while count >= 1 {
            let candidate = words.prefix(count).joined(separator: " ") + " …"
            if width(candidate, size: size, weight: weight) <= maxWidth { return candidate }
            count -= 1
        }
        return fit(text, maxWidth: maxWidth, size: size, weight: weight)
    }
}
