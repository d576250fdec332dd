import Foundation

/// Messages to standard error.
enum Diagnostics {
    /// Writes `weft: MESSAGE` to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("weft: \(message)\n".utf8))
    }

    /// Writes text to standard error as is (progress lines).
    static func raw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
