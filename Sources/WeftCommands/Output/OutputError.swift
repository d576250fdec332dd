/// Why an output file could not be written, where, and what to do; the command exits with `status`.
struct OutputError: Error, CustomStringConvertible {
    /// The file the command was asked to write.
    var path: String
    /// What went wrong and what to do about it.
    var message: String
    /// The exit status: `ExitStatus.badInput` when the request itself is wrong (the output is an input, a folder),
    /// `ExitStatus.cannotWrite` when the system refused.
    var status: Int32

    var description: String { "\(path): \(message)" }
}
