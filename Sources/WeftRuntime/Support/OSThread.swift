import Glibc

/// Starts and joins OS threads running a Swift closure.
enum OSThread {
    private final class Start {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Starts a thread running `body`; returns its handle or the `errno` of the failure (EAGAIN at a limit).
    /// - Parameters:
    ///   - stackSize: the stack size in bytes, 0 for the system's default.
    static func start(stackSize: Int = 0, _ body: @escaping () -> Void) -> Result<pthread_t, ThreadStartFailure> {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if stackSize > 0 { pthread_attr_setstacksize(&attributes, stackSize) }
        let start = Unmanaged.passRetained(Start(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
            start.body()
            return nil
        }, start)
        guard status == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            return .failure(ThreadStartFailure(errno: status))
        }
        return .success(thread)
    }

    /// Waits for `thread` to end.
    static func join(_ thread: pthread_t) { pthread_join(thread, nil) }
}

/// Why `pthread_create` failed.
struct ThreadStartFailure: Error, Sendable {
    var errno: Int32
    var explanation: String { String(cString: strerror(errno)) }
}
