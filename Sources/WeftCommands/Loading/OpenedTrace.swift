import Foundation
import WeftTrace

/// One trace opened for reading: a `.weft` file (or standard input, `-`) or its text form (a name ending in `.txt`),
/// with what the reader noticed once the events have been read.
final class OpenedTrace {
    /// The path as the user gave it (`-` for standard input).
    let path: String
    /// The events, from the first (read them once).
    let stream: any EventStream
    private let reader: TraceReader?

    /// Opens `path`.
    /// - Throws: `TraceError` when the path is a folder, cannot be opened, or does not start like a trace.
    init(path: String) throws(TraceError) {
        self.path = path
        if path != "-" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw TraceError(.cannotOpen, "this is a folder, not a trace; name a .weft file in it", path: path)
            }
        }
        if path != "-" && path.hasSuffix(".txt") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TraceError(.cannotOpen, "cannot read this text trace; check the path", path: path)
            }
            do {
                stream = try TraceText.parse(String(decoding: data, as: UTF8.self))
            } catch {
                var located = error
                located.path = path
                throw located
            }
            reader = nil
        } else {
            let reader = try TraceReader(path: path)
            self.reader = reader
            stream = reader
        }
    }

    /// What the reader noticed without stopping (truncation, unknown kinds); complete once the events are read.
    var warnings: [TraceWarning] { reader?.warnings ?? [] }

    /// The trailer's totals, once read (nil for a trace cut before it, and for the text form).
    var trailer: TraceTrailer? { reader?.trailer }

    /// The events the recorder counted as dropped in the trailer (0 without one, or for the text form).
    var droppedInTrailer: UInt64 { reader?.trailer?.dropped ?? 0 }
}
