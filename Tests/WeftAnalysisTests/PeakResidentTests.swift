import Testing
import WeftTrace
@testable import WeftAnalysis

/// The run's peak resident memory, one definition (`RunInfo.peakResidentBytes`) for stats, diff, the verdict's
/// figures and the pictures: never below a sample of resident memory, even when the kernel's high-water mark
/// recorded at the run's end (`peak_rss_bytes`) is.
@Suite("Peak resident memory")
struct PeakResidentTests {
    /// `Traces/peak-below-sample.txt`: samples of 30, 59 and 58 MB, the mark 58.9 MB.
    static let sampled: UInt64 = 59_000_000
    static let mark: UInt64 = 58_900_000

    @Test("a mark below the highest sample: the peak is the sample, in stats, diff and the verdict's figures alike")
    func markBelowSample() throws {
        let timeline = try traceFile("peak-below-sample")
        #expect(timeline.run.sample(SampleName.peakRSSBytes.rawValue) == Self.mark)
        #expect(timeline.run.counter(.residentBytes)?.peak == Self.sampled)
        #expect(timeline.run.peakResidentBytes == Self.sampled)
        let stats = RunStats(timeline)
        #expect(stats.run.peakRSSBytes == Self.sampled)
        #expect(stats.run.peakRSSBytes! >= stats.run.sampledPeakRSSBytes!)
        #expect(StatsReport().runTable(stats.run).render().contains(ByteFormat.format(Self.sampled)))
        #expect(RunFigures(timeline).peakMemory == Self.sampled)
        let rss = TraceDiff.runMetrics(timeline, timeline, stats, stats).first { $0.key == "rss" }
        #expect(rss?.a == Self.sampled && rss?.b == Self.sampled)
        // The two figures the io-bound picture showed apart, now one: 56.3 MiB, not the mark's 56.2 MiB.
        #expect(ByteFormat.format(Self.sampled) == "56.3 MiB" && ByteFormat.format(Self.mark) == "56.2 MiB")
    }

    @Test("a mark above every sample (the moments between samples) is the peak; either alone is the peak; neither: nil")
    func markOrSamplesAlone() {
        func run(_ samples: [(String, UInt64)]) -> RunInfo {
            RunInfo(samples: samples.enumerated().map { Sample(time: UInt64($0.offset), name: $0.element.0, value: $0.element.1) })
        }
        #expect(run([("rss_bytes", 10), ("peak_rss_bytes", 12)]).peakResidentBytes == 12)
        #expect(run([("rss_bytes", 10), ("rss_bytes", 11)]).peakResidentBytes == 11)
        #expect(run([("peak_rss_bytes", 7)]).peakResidentBytes == 7)
        #expect(run([("cpu_user_ns", 7)]).peakResidentBytes == nil)
    }
}
