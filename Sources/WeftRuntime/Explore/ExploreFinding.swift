/// One distinct way runs of an exploration went wrong: a deadlock with its wait-for cycle, or a failure with its
/// error. Runs that went wrong the same way (the same cycle of the same tasks and objects, the same message) are one
/// finding; the first of them is the one to replay.
public struct ExploreFinding: Sendable, CustomStringConvertible {
    /// How the run ended.
    public enum Kind: String, Sendable, Equatable {
        /// Every live task blocked with no timer pending.
        case deadlock
        /// The program threw, or the runtime could not go on (no thread, no trace).
        case failure
    }

    public var kind: Kind
    /// What makes two runs the same finding, in words: the cycle (`"philosopher 1" waits on mutex mu2 "fork 2" ->
    /// …`), else every blocked task, else the error's message.
    public var signature: String
    /// The runs that ended this way.
    public var runs: Int
    /// The seed of the first of them.
    public var firstSeed: UInt64
    /// The scheduler that replays the first of them (`.deterministic(seed: firstSeed, strategy: …)`).
    public var replay: SchedulerKind
    /// The first run's error, with its report and (for a deadlock) its blocked tasks and cycle.
    public var error: RuntimeError

    public init(kind: Kind, signature: String, runs: Int, firstSeed: UInt64, replay: SchedulerKind, error: RuntimeError) {
        self.kind = kind
        self.signature = signature
        self.runs = runs
        self.firstSeed = firstSeed
        self.replay = replay
        self.error = error
    }

    /// The tasks of the first run's wait-for cycle (empty for a failure, or a deadlock without a cycle).
    public var cycle: [BlockedTask] { error.deadlock?.cycle ?? [] }

    /// `deadlock ×12 (first seed 3): …signature…`.
    public var description: String { "\(kind.rawValue) ×\(runs) (first seed \(firstSeed)): \(signature)" }

    /// The finding a failed run belongs to: its kind and signature (two runs with the same are one finding).
    public static func classify(_ error: RuntimeError) -> (kind: Kind, signature: String) {
        guard error.kind == .deadlock else { return (.failure, error.message) }
        guard let deadlock = error.deadlock else { return (.deadlock, error.message) }
        let cycle = rotatedToFirstName(deadlock.cycle)
        if !cycle.isEmpty {
            return (.deadlock, (cycle + [cycle[0]]).map { "\"\($0.name)\"" }.joined(separator: " -> ")
                + " (" + cycle.map { $0.reason.describeWait(on: $0.object, label: $0.objectName) }.joined(separator: ", ") + ")")
        }
        let blocked = deadlock.blocked.map { "\"\($0.name)\" waits on \($0.reason.describeWait(on: $0.object, label: $0.objectName))" }
        return (.deadlock, "no cycle: " + blocked.sorted().joined(separator: "; "))
    }

    /// The same cycle starting at the task whose name sorts first, so that one ring found from different starting
    /// points reads the same.
    private static func rotatedToFirstName(_ cycle: [BlockedTask]) -> [BlockedTask] {
        guard let start = cycle.indices.min(by: { cycle[$0].name < cycle[$1].name }) else { return [] }
        return Array(cycle[start...] + cycle[..<start])
    }
}
