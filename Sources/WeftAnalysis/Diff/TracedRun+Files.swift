import Dispatch
import WeftTrace

extension TracedRun {
    /// Reads several `.weft` traces at once, one thread each, and returns their runs in the order of `paths`,
    /// each with the reader's warnings: whole models (`build`), or with `whole: false` digests (`digest`).
    /// - Throws: the first `TraceError` (in the order of `paths`) when a trace cannot be read.
    public static func read(_ paths: [String], whole: Bool = true) throws(TraceError) -> [(run: TracedRun, warnings: [String])] {
        let results = ResultSlots(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            do throws(TraceError) {
                let reader = try TraceReader(path: paths[i])
                var run = whole ? try TracedRun.build(from: reader) : try TracedRun.digest(from: reader)
                if let trailer = reader.trailer { run.timeline.run.dropped = max(run.timeline.run.dropped, trailer.dropped) }
                results.set(i, .success((run, reader.warnings.map { "\($0)" })))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var out: [(run: TracedRun, warnings: [String])] = []
        for result in results.values {
            switch result {
            case .success(let value): out.append(value)
            case .failure(let error): throw error
            case nil: throw TraceError(.io, "a trace was not read")
            }
        }
        return out
    }
}

/// One result slot per trace, filled from several threads (each writes only its own slot, under a lock).
private final class ResultSlots: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private(set) var values: [Result<(run: TracedRun, warnings: [String]), TraceError>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<(run: TracedRun, warnings: [String]), TraceError>) {
        lock.wait()
        values[i] = value
        lock.signal()
    }
}
