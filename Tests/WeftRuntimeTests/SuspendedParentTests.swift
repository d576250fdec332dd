import Dispatch
import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// A task suspended outside Weft does not count towards a deadlock, unless it awaits Swift tasks of its own that are
/// all blocked: then nothing can wake anyone, and the run reports a deadlock instead of hanging.
@Suite(.serialized) struct SuspendedParentTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask,
                                              .deterministic(seed: 2)]

    /// Runs `body` with and without a trace and returns the kind of error each run threw (nil when it completed).
    static func outcomes(_ scheduler: SchedulerKind,
                         _ body: @escaping @Sendable (Runtime) async throws -> Void) async -> [RuntimeError.Kind?] {
        var kinds: [RuntimeError.Kind?] = []
        for traced in [false, true] {
            let path = traced ? temporaryTracePath("suspended") : nil
            defer { if let path { TemporaryFiles.remove(path) } }
            do {
                try await runProgram(scheduler, tracePath: path, body)
                kinds.append(nil)
            } catch let error as RuntimeError {
                kinds.append(error.kind)
            } catch {
                kinds.append(.failed)
            }
        }
        return kinds
    }

    @Test(arguments: schedulers)
    func groupParentOfBlockedChildrenIsADeadlock(_ scheduler: SchedulerKind) async {
        let kinds = await Self.outcomes(scheduler) { rt in
            let never = rt.channel(of: Int.self, name: "never")
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = try? await never.receive() }
                group.addTask { _ = try? await never.receive() }
            }
        }
        #expect(kinds == [.deadlock, .deadlock])
    }

    @Test(arguments: schedulers)
    func nestedParentsOfABlockedAsyncLetAreADeadlock(_ scheduler: SchedulerKind) async {
        let kinds = await Self.outcomes(scheduler) { rt in
            let never = rt.channel(of: Int.self, name: "never")
            let outer = Task { () async -> Int in
                async let inner = { () async -> Int in (try? await never.receive()) ?? 0 }()
                return await inner
            }
            _ = await outer.value
        }
        #expect(kinds == [.deadlock, .deadlock])
    }

    @Test(arguments: schedulers)
    func aTaskAwaitingSomethingOutsideWeftKeepsTheRunGoing(_ scheduler: SchedulerKind) async {
        let kinds = await Self.outcomes(scheduler) { rt in
            let channel = rt.channel(of: Int.self, name: "later")
            let receiver = rt.spawn("receiver") { try await channel.receive() }
            let outside = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(30)) { continuation.resume(returning: 7) }
            }
            try await channel.send(outside)
            let received = try await receiver.value
            #expect(received == 7)
        }
        #expect(kinds == [nil, nil])
    }
}
