import Foundation
@testable import WeftTrace

/// Parses text written with `TraceText`, failing the test on a syntax error.
func list(_ text: String) throws -> EventList { try TraceText.parse(text) }

/// The text of every event of a stream.
func text(_ stream: EventStream) throws -> String { try TraceText.format(stream) }

/// Runs `body(i)` on `count` new pthreads (small stacks) at once and waits for all of them.
/// With `together`, every thread waits until all have started before running `body`.
func runThreads(_ count: Int, together: Bool = false, _ body: @escaping @Sendable (Int) -> Void) {
    final class Box: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
    let gate = Gate(count: together ? count : 0)
    var threads: [pthread_t] = []
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, 256 << 10)
    for i in 0..<count {
        let box = Box { gate.arriveAndWait(); body(i) }
        var t = pthread_t()
        let rc = pthread_create(&t, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, Unmanaged.passRetained(box).toOpaque())
        precondition(rc == 0, "pthread_create failed: \(rc)")
        threads.append(t)
    }
    pthread_attr_destroy(&attributes)
    for t in threads { pthread_join(t, nil) }
}

/// A one-shot barrier.
final class Gate: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var waiting: Int
    init(count: Int) {
        waiting = count
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }
    func arriveAndWait() {
        pthread_mutex_lock(&mutex)
        if waiting > 0 {
            waiting -= 1
            if waiting == 0 { pthread_cond_broadcast(&condition) }
            while waiting > 0 { pthread_cond_wait(&condition, &mutex) }
        }
        pthread_mutex_unlock(&mutex)
    }
}
