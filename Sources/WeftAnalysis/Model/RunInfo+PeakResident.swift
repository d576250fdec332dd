import WeftTrace

extension RunInfo {
    /// The run's peak resident memory in bytes, the one definition every figure uses (`weft stats`, `weft diff`,
    /// `weft compare`, the verdict, the pictures' headers): the larger of the peak the runtime recorded at the run's
    /// end (`peak_rss_bytes`, the kernel's high-water mark VmHWM) and the highest periodic sample of resident memory
    /// (`rss_bytes`, from /proc/self/statm). The kernel raises its mark lazily, from approximate per-CPU counts, so
    /// it can end a little below a sample read during the run; a peak is never below a sample. Nil when the trace
    /// holds neither.
    public var peakResidentBytes: UInt64? {
        let recorded = samples.lazy.filter { $0.name == SampleName.peakRSSBytes.rawValue }.map(\.value).max()
        let sampled = counter(.residentBytes)?.peak
        switch (recorded, sampled) {
        case let (r?, s?): return max(r, s)
        case let (r, s): return r ?? s
        }
    }
}
