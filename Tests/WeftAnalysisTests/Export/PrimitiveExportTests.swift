import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// The newer primitives' events reach both exports, named and categorised, with their objects' names.
@Suite("Export of the newer primitives", .serialized)
struct PrimitiveExportTests {
    @Test("Chrome export: each new kind is an instant in its category, its object labelled")
    func chrome() async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: "deterministic")
        let out = JSONOutput()
        _ = try ChromeTrace.export(RecordedEvents(run.events, strings: run.strings), to: out)
        try out.close()
        let check = try ChromeTraceChecker(out.memory)
        #expect(check.problems.isEmpty)
        let instants = check.events("i")
        func named(_ name: String) -> [ChromeTraceChecker.TraceEvent] { instants.filter { $0.name == name } }
        #expect(named("taskCancel").count == 1 && named("taskCancel").first?.cat == "task")
        #expect(named("readAcquire").count == 81 && named("readAcquire").allSatisfy { $0.cat == "mutex" })
        #expect(named("readAcquire").first?.args["mutex_name"] as? String == "cache")
        #expect(named("semaphoreAcquire").first?.args["semaphore_name"] as? String == "fetch slots")
        #expect(named("tick").count == 3 && named("tick").first?.cat == "time")
        #expect(named("onceBegin").first?.cat == "once")
        #expect(named("tryReceiveMiss").first?.cat == "channel")
    }
}

/// A recorded run's events replayed as a stream.
final class RecordedEvents: EventStream {
    private let events: [Event]
    private let strings: (StringID) -> String
    private var position = 0

    init(_ events: [Event], strings: @escaping (StringID) -> String) {
        self.events = events
        self.strings = strings
    }

    func next() throws(TraceError) -> Event? {
        guard position < events.count else { return nil }
        defer { position += 1 }
        return events[position]
    }

    func string(_ id: StringID) -> String { strings(id) }
}
