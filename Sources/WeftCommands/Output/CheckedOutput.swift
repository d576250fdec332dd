@preconcurrency import Glibc
import Foundation

/// Standard output, checked: whatever a command printed must have reached its destination (a full disk, a closed
/// pipe or `/dev/full` is an error with exit status 5, not a silent success).
enum CheckedOutput {
    /// Flushes standard output.
    /// - Throws: `OutputError` when a write to it failed, now or earlier.
    static func finish() throws(OutputError) {
        errno = 0
        let flushed = fflush(stdout) == 0
        let reason = errno
        if !flushed || ferror(stdout) != 0 {
            clearerr(stdout)
            let why = reason != 0 ? String(cString: strerror(reason)) : "a write failed"
            throw OutputError(path: "standard output", message: "cannot write: \(why)", status: ExitStatus.cannotWrite)
        }
    }

    /// Writes `bytes` to file descriptor 1 whole, retrying after interruptions.
    /// - Returns: nil, or why the system refused.
    static func write(_ bytes: UnsafeRawBufferPointer) -> OutputError? {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(1, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                return OutputError(path: "standard output", message: "cannot write: \(String(cString: strerror(errno)))", status: ExitStatus.cannotWrite)
            }
            done += n
        }
        return nil
    }
}
