/// The exit statuses every command shares (the README lists them).
enum ExitStatus {
    /// A finding of error level (`weft check`), a tripped gate (`weft diff`), a failed program (`weft run`).
    static let flagged: Int32 = 1
    /// Bad input: an unreadable trace, a bad option, an output that would overwrite an input.
    static let badInput: Int32 = 2
    /// An output (a trace, a picture, an export, standard output) could not be written.
    static let cannotWrite: Int32 = 5
}
