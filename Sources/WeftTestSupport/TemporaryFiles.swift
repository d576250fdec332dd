import Foundation
import WeftTrace

/// A fresh `.weft` path in the temporary folder, unique to this call.
public func temporaryTracePath(_ name: String = "trace") -> String {
    NSTemporaryDirectory() + "weft-\(name)-\(UUID().uuidString).weft"
}

/// Every event of a stream, read to its end.
public func readAll(_ stream: some EventStream) throws(TraceError) -> [Event] {
    var out: [Event] = []
    while let e = try stream.next() { out.append(e) }
    return out
}

/// Removal of the files tests write.
public enum TemporaryFiles {
    /// Removes `path`, unless WEFT_KEEP_TRACES is set: then prints where it was kept.
    public static func remove(_ path: String) {
        if ProcessInfo.processInfo.environment["WEFT_KEEP_TRACES"] == nil {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            print("kept \(path)")
        }
    }

    /// A fresh empty folder for files a test writes.
    public static func folder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "weft-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
