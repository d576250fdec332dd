@preconcurrency import Glibc
import Foundation

/// Messages to standard error, spelled one way: `weft COMMAND: error: …`, `weft COMMAND: warning: …`.
enum Diagnostics {
    /// Writes `weft: MESSAGE` to standard error.
    static func error(_ message: String) {
        raw("weft: \(message)\n")
    }

    /// Writes `weft COMMAND: error: MESSAGE` to standard error.
    static func error(_ command: String, _ message: String) {
        raw("weft \(command): error: \(message)\n")
    }

    /// Writes `weft COMMAND: warning: MESSAGE` to standard error.
    static func warning(_ command: String, _ message: String) {
        raw("weft \(command): warning: \(message)\n")
    }

    /// Writes `weft COMMAND: MESSAGE` to standard error (what was written, progress).
    static func note(_ command: String, _ message: String) {
        raw("weft \(command): \(message)\n")
    }

    /// Writes text to standard error as is (progress lines). A write that fails (standard error on a full disk) is
    /// dropped: there is nowhere left to say so, and it must not stop the command.
    static func raw(_ text: String) {
        fputs(text, stderr)
    }
}
