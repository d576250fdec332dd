#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The recorder's open file, with the totals of what was written. Used by one thread at a time (the writer thread,
/// then `finish()` after joining it).
final class TraceOutput: @unchecked Sendable {
    let path: String
    private var fd: Int32
    private(set) var bytesWritten: UInt64 = 0
    private var failure: TraceError?
    var events: UInt64 = 0
    /// Events written, by kind code.
    var countsByCode = [UInt64](repeating: 0, count: 256)
    /// The non-zero counts, as the trailer holds them.
    var countsByKind: [UInt8: UInt64] {
        var out: [UInt8: UInt64] = [:]
        for (code, n) in countsByCode.enumerated() where n > 0 { out[UInt8(code)] = n }
        return out
    }

    init(path: String) throws(TraceError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw TraceError(.cannotOpen, "cannot create the trace file: \(String(cString: strerror(errno))); check that the folder exists and is writable", path: path)
        }
    }

    deinit { _ = close() }

    /// Writes all of `bytes` (remembering the first failure).
    func write(_ bytes: [UInt8]) {
        guard fd >= 0, failure == nil else { return }
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = TraceError(.io, "writing the trace failed after \(bytesWritten + UInt64(done)) bytes: \(String(cString: strerror(errno)))", path: path, byteOffset: Int(bytesWritten) + done)
                    return
                }
                done += n
            }
        }
        bytesWritten += UInt64(bytes.count)
    }

    /// Closes the file; returns the first failure, if any.
    func close() -> TraceError? {
        if fd >= 0 {
            if Glibc.close(fd) != 0 && failure == nil {
                failure = TraceError(.io, "closing the trace failed: \(String(cString: strerror(errno)))", path: path)
            }
            fd = -1
        }
        return failure
    }
}
