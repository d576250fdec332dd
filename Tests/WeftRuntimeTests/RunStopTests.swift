import Foundation
import Testing
import WeftRuntime
import WeftTestSupport
import WeftTrace

/// `RunOptions.stop`: a run stopped from another thread ends cleanly, its trace says so, and the stop adds no thread.
@Suite(.serialized) struct RunStopTests {
    @Test("a stop requested from a foreign thread cancels every wait, ends the trace with runFinish(stopped) and records nothing on that thread",
          arguments: allSchedulers)
    func stopFromAnotherThread(_ scheduler: SchedulerKind) async throws {
        let stop = RunStop()
        let started = Date()
        let trace = try await record(scheduler, stop: stop) { rt in
            let silent = rt.channel(of: Int.self, name: "silent")
            let group = rt.waitGroup("sleepers")
            group.add(3)
            for index in 1...3 {
                rt.spawn("sleeper \(index)") {
                    defer { group.done() }
                    try await rt.sleep(for: .seconds(3600))
                }
            }
            rt.spawn("receiver") { _ = try await silent.receive() }
            Thread { usleep(50_000); stop.request("stopped by the test") }.start()
            try await group.wait()
        }
        // The sleeps last an hour; a bound far below it but far above a loaded machine's stalls (the whole test process
        // has been seen to stand still for 80 s while other builds ran) tells "cut short" from "slept".
        #expect(Date().timeIntervalSince(started) < 600, "the sleeps were not cut short")
        #expect(trace.failure?.kind == .stopped, "\(String(describing: trace.failure))")
        #expect(trace.failure?.message == "stopped by the test")
        #expect(trace.failure?.report?.outcome == .stopped)
        let finish = try #require(trace.of(.runFinish).first.flatMap(RunFinishEvent.init))
        #expect(finish.outcome == .stopped)
        #expect(trace.strings(finish.message) == "stopped by the test")
        #expect(trace.count(.taskEnd) == trace.count(.taskCreate), "every task ended")
        #expect(!trace.threadRoles.contains(.other), "the stop recorded on a thread of its own: \(trace.threadRoles)")
        #expect(trace.threadRoles.filter { $0 == .main }.count == 1)
    }

    @Test("a stop requested before the run begins stops it at its first wait", arguments: allSchedulers)
    func stopBeforeTheRun(_ scheduler: SchedulerKind) async throws {
        let stop = RunStop()
        stop.request("stopped early")
        let trace = try await record(scheduler, stop: stop) { rt in
            try await rt.sleep(for: .seconds(3600))
        }
        #expect(trace.failure?.kind == .stopped, "\(String(describing: trace.failure))")
        #expect(trace.of(.runFinish).first.flatMap(RunFinishEvent.init)?.outcome == .stopped)
        #expect(stop.requested == "stopped early")
    }

    @Test("a stop requested after the run ended changes nothing")
    func stopAfterTheRun() async throws {
        let stop = RunStop()
        var options = RunOptions(scheduler: .multiplexed(workers: 1), programName: "late stop")
        options.stop = stop
        let (value, report) = try await Weft.run(options) { _ in 7 }
        stop.request("too late")
        #expect(value == 7)
        #expect(report.outcome == .completed)
    }

    /// Runs `body` traced under `scheduler` with `stop`, and reads the trace back with the run's error.
    private func record(_ scheduler: SchedulerKind, stop: RunStop,
                        _ body: @escaping @Sendable (Runtime) async throws -> Void) async throws -> RecordedTrace {
        let path = temporaryTracePath("run-stop")
        defer { TemporaryFiles.remove(path) }
        var options = RunOptions(scheduler: scheduler, tracePath: path, programName: "run stop")
        options.stop = stop
        var failure: RuntimeError?
        do { _ = try await Weft.run(options, body) } catch { failure = error }
        var trace = try RecordedTrace(path: path)
        trace.failure = failure
        return trace
    }
}
