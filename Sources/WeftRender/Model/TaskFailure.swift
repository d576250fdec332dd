/// A task that ended by throwing: when (ns from the picture's origin) and the error's description, drawn as a
/// distinct end mark on its lane ("✕ failed: worker 2 failed").
public struct TaskFailure: Sendable, Equatable {
    public var time: UInt64
    public var message: String

    public init(time: UInt64, message: String) {
        self.time = time
        self.message = message
    }

    /// "failed: worker 2 failed", or "failed" without a message.
    public var label: String { message.isEmpty ? "failed" : "failed: \(message)" }
}
