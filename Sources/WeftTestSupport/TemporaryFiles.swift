import Foundation
import WeftTrace

/// A fresh `.weft` path in the temporary folder, unique to this call, removed when the test process exits.
public func temporaryTracePath(_ name: String = "trace") -> String {
    TemporaryFiles.removeAtExit(NSTemporaryDirectory() + "weft-\(name)-\(UUID().uuidString).weft")
}

/// Every event of a stream, read to its end.
public func readAll(_ stream: some EventStream) throws(TraceError) -> [Event] {
    var out: [Event] = []
    while let e = try stream.next() { out.append(e) }
    return out
}

/// Removal of the files tests write: each test may remove its own at once; whatever is left goes when the test process
/// exits, so that a failed or interrupted test does not leave folders behind in the temporary folder.
public enum TemporaryFiles {
    /// Paths to remove at exit, and whether the exit handler is installed.
    private static let pending = PendingRemovals()

    /// Removes `path`, unless WEFT_KEEP_TRACES is set: then prints where it was kept.
    public static func remove(_ path: String) {
        if ProcessInfo.processInfo.environment["WEFT_KEEP_TRACES"] == nil {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            print("kept \(path)")
        }
    }

    /// A fresh empty folder for files a test writes, removed with its contents when the test process exits.
    public static func folder(_ name: String) throws -> String {
        let path = removeAtExit(NSTemporaryDirectory() + "weft-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Notes `path` for removal when the process exits (unless WEFT_KEEP_TRACES is set) and returns it.
    @discardableResult
    public static func removeAtExit(_ path: String) -> String {
        pending.add(path)
        return path
    }

    /// Removes every noted path; run by the exit handler.
    fileprivate static func removePending() {
        for path in pending.takeAll() { remove(path) }
    }
}

/// The paths noted for removal at exit, behind a lock (tests run in parallel).
private final class PendingRemovals: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    private var handlerInstalled = false

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
        if !handlerInstalled {
            handlerInstalled = true
            atexit { TemporaryFiles.removePending() }
        }
    }

    func takeAll() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let taken = paths
        paths = []
        return taken
    }
}
