import WeftRuntime

/// A program whose counts are known before it runs: tasks, messages per channel, lock acquisitions, waits in a
/// select, a send on a closed channel. Each figure of `weft stats` and `weft diff` must equal them, under both
/// schedulers.
public enum KnownCountProgram {
    public static let producers = 2
    public static let messagesPerProducer = 4
    public static let lockers = 4
    public static let locksPerLocker = 5
    public static let selectRounds = 3
    /// main, the producers, the consumer, the lockers, the selector, the feeder, the closer.
    public static let tasks = 1 + producers + 1 + lockers + 1 + 1 + 1
    /// Messages in all: the jobs, and the feeder's one per select round.
    public static let messages = producers * messagesPerProducer + selectRounds
    /// The feeder sleeps this long before each send, so that the selector is already waiting in its select.
    public static let feederPause = Duration.milliseconds(100)

    /// The program, as a body for `Weft.run`.
    /// - Throws: `KnownCountFailure` when a count it checks itself came out wrong.
    public static func run(_ rt: Runtime) async throws {
        let jobs = rt.channel(of: Int.self, capacity: 2, name: "jobs")
        let a = rt.channel(of: Int.self, name: "a")
        let b = rt.channel(of: Int.self, capacity: 1, name: "b")
        let shut = rt.channel(of: Int.self, name: "shut")
        let m = rt.mutex("m")

        let producers = (0..<producers).map { p in
            rt.spawn("producer \(p)") { for i in 0..<messagesPerProducer { try await jobs.send(i) } }
        }
        let consumer = rt.spawn("consumer") {
            var received = 0
            while try await jobs.receive() != nil { received += 1 }
            return received
        }
        let lockers = (0..<lockers).map { l in
            rt.spawn("locker \(l)") { for _ in 0..<locksPerLocker { try await m.withLock {} } }
        }
        let selector = rt.spawn("selector") {
            var got = 0
            for _ in 0..<selectRounds {
                got += try await rt.select(.receive(a) { $0 ?? 0 }, .receive(b) { $0 ?? 0 })
            }
            return got
        }
        let feeder = rt.spawn("feeder") {
            for round in 0..<selectRounds {
                try await rt.sleep(for: feederPause)
                if round % 2 == 0 { try await a.send(1) } else { try await b.send(1) }
            }
        }
        let closer = rt.spawn("closer") {
            shut.close()
            do {
                try await shut.send(1)
                return false
            } catch ChannelError.closed {
                return true
            }
        }
        for p in producers { try await p.value }
        jobs.close()
        let received = try await consumer.value
        for l in lockers { try await l.value }
        let selected = try await selector.value
        try await feeder.value
        let failed = try await closer.value
        guard received == producers.count * messagesPerProducer, selected == selectRounds, failed else {
            throw KnownCountFailure(message: "received \(received), selected \(selected), send on closed failed: \(failed)")
        }
    }
}

extension KnownCountProgram {
    /// Runs the program under `scheduler` into a temporary trace and returns its path (remove it with
    /// `TemporaryFiles.remove`).
    public static func record(_ scheduler: SchedulerKind) async throws -> String {
        let path = temporaryTracePath("known-counts")
        _ = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: path, programName: "known-counts"), run)
        return path
    }
}

/// The known-count program did not do what it was written to do.
public struct KnownCountFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "the known-count program went wrong: \(message)" }
}
