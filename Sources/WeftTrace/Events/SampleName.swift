/// The names of the quantities Weft records as `sample` events, spelled once for the runtime that writes them and
/// the analysis that reads them. A trace may hold other names (a newer writer's); they stay plain strings.
public enum SampleName: String, Sendable, CaseIterable {
    /// The process's peak resident memory, in bytes.
    case peakRSSBytes = "peak_rss_bytes"
    /// CPU time spent in user mode during the run, in nanoseconds.
    case cpuUserNanoseconds = "cpu_user_ns"
    /// CPU time spent in the kernel during the run, in nanoseconds.
    case cpuSystemNanoseconds = "cpu_system_ns"
    /// Voluntary context switches during the run.
    case voluntaryContextSwitches = "voluntary_ctx_switches"
    /// Involuntary context switches during the run.
    case involuntaryContextSwitches = "involuntary_ctx_switches"
    /// OS threads the runtime created.
    case threadsCreated = "threads_created"
    /// The most OS threads of the runtime alive at once.
    case peakThreadsAlive = "peak_threads_alive"
    /// The process's resident memory at the sample's time, in bytes: sampled periodically during the run.
    case residentBytes = "rss_bytes"
    /// The runtime's OS threads alive at the sample's time (workers or task threads, and the timer): sampled
    /// periodically during the run.
    case threadsAlive = "threads_alive"

    /// The names sampled periodically during a run, as counter series; the others are recorded once, at its end.
    public static let periodic: [SampleName] = [.residentBytes, .threadsAlive]
}
