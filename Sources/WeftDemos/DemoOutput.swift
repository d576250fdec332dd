import Foundation

/// Where a demo's own output lines go: the terminal for `weft run`, a buffer for tests, nowhere for measured runs.
public protocol DemoOutput: Sendable {
    /// Writes one line (without its newline). Called from any thread.
    func write(_ line: String)
}

/// Writes each line to standard output through its buffer (shared with `print`, so lines keep their order with the
/// command's own). A failed write never traps: the stream keeps its error, which the command checks when it ends.
public struct StandardOutput: DemoOutput {
    public init() {}
    public func write(_ line: String) {
        print(line)
    }
}

/// Drops every line (for runs whose output is not wanted, such as measured runs).
public struct DiscardedOutput: DemoOutput {
    public init() {}
    public func write(_ line: String) {}
}

/// Keeps every line in order, for tests.
public final class CapturedOutput: DemoOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    public init() {}

    public func write(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }

    /// The lines written so far, in the order they were written.
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
