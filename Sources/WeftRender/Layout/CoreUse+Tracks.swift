import WeftAnalysis

extension CoreUse {
    /// The use of `cores` by the drawn threads, from their slices.
    init(_ threads: [ThreadTrack], cores: Int) {
        self.init(busy: threads.map { $0.slices.map { $0.start ..< $0.end } }, cores: cores)
    }
}
