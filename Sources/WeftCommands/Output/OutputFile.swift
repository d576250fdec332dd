import Foundation

/// A file a command writes whole or not at all: the writer fills a partial file beside it (same folder, same
/// extension, so that format detection still works), which `commit()` renames into place. While a command writes,
/// it holds an exclusive lock on the partial file, so a second command writing the same output is told so instead
/// of interleaving with it. An output that is one of the command's inputs is refused. An output that exists and is
/// not a regular file (`/dev/null`, a named pipe, a terminal) is written in place: renaming a file over it would
/// replace the device or pipe with that file.
final class OutputFile {
    /// The file asked for.
    let path: String
    /// Where the writer writes until `commit()`.
    let partialPath: String
    private var lock: Int32
    private var finished = false
    /// Whether `path` is a device or pipe written in place (`partialPath` is `path`; nothing is renamed or removed).
    let inPlace: Bool

    /// Prepares to write `path`: refuses an input or a folder, makes or checks its folder, takes the lock.
    /// - Parameters:
    ///   - inputs: files the command reads; writing one of them is refused.
    ///   - what: what is written ("trace", "picture"), for messages.
    ///   - createFolder: whether a missing folder is created (the default output folder) or is bad input.
    /// - Throws: `OutputError` saying what is wrong and what to do.
    init(_ path: String, inputs: [String] = [], what: String = "output", createFolder: Bool = false) throws(OutputError) {
        self.path = path
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw OutputError(path: path, message: "name a file for the \(what), not a folder", status: ExitStatus.badInput)
        }
        for input in inputs where input != "-" && Self.sameFile(input, path) {
            throw OutputError(path: path, message: "this is also an input of the command; writing the \(what) there would destroy it. Choose another output name", status: ExitStatus.badInput)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw OutputError(path: path, message: "this is a folder; name a file for the \(what), e.g. \(path)/out\(Self.extensionOf(path))", status: ExitStatus.badInput)
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            partialPath = path
            inPlace = true
            lock = -1
            return
        }
        inPlace = false
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try Self.makeFolder(folder, for: path, create: createFolder)
        let name = url.lastPathComponent
        let ext = Self.extensionOf(name)
        partialPath = folder + "/." + String(name.dropLast(ext.count)) + ".partial" + ext
        lock = -1
        lock = try takeLock()
    }

    deinit { discard() }

    /// Renames the partial file into place and releases the lock.
    /// - Throws: `OutputError` when the rename fails.
    func commit() throws(OutputError) {
        guard !finished else { return }
        finished = true
        if inPlace { return }
        defer { releaseLock() }
        if rename(partialPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(partialPath)
            throw OutputError(path: path, message: "cannot move the finished file into place: \(reason)", status: ExitStatus.cannotWrite)
        }
    }

    /// Removes the partial file (the output was not finished) and releases the lock; the file asked for, if it
    /// existed before, is left as it was. Without the lock (another command holds it: this init threw, and deinit
    /// comes here) the partial file is that command's, and is left alone.
    func discard() {
        guard !finished else { return }
        finished = true
        if lock >= 0 { unlink(partialPath) }
        releaseLock()
    }

    private func releaseLock() {
        if lock >= 0 { close(lock) }
        lock = -1
    }

    /// Opens (creating) the partial file and locks it; checks that the locked file is still the one named
    /// `partialPath` (another command may have renamed it into place meanwhile), and empties it.
    private func takeLock() throws(OutputError) -> Int32 {
        for _ in 0..<8 {
            let fd = open(partialPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw OutputError(path: path, message: "cannot create \(partialPath): \(String(cString: strerror(errno))); check that the folder is writable", status: ExitStatus.cannotWrite)
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                close(fd)
                throw OutputError(path: path, message: "another command is writing this file right now (it holds \(partialPath)); wait for it to finish or choose another output name", status: ExitStatus.cannotWrite)
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(partialPath, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                if ftruncate(fd, 0) != 0 {
                    close(fd)
                    throw OutputError(path: path, message: "cannot empty \(partialPath): \(String(cString: strerror(errno)))", status: ExitStatus.cannotWrite)
                }
                return fd
            }
            close(fd)
        }
        throw OutputError(path: path, message: "other commands keep writing this file; try again", status: ExitStatus.cannotWrite)
    }

    /// Checks that `folder` is one; creates it (and its parents) when it does not exist and `create` is set.
    private static func makeFolder(_ folder: String, for path: String, create: Bool) throws(OutputError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw OutputError(path: path, message: "\(folder) is a file, not a folder; choose an output in a folder", status: ExitStatus.cannotWrite)
            }
            return
        }
        // A parent that is a file makes creation fail: name it.
        var parent = URL(fileURLWithPath: folder)
        while parent.path != "/" {
            if FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder) {
                if !isFolder.boolValue {
                    throw OutputError(path: path, message: "\(parent.path) is a file, not a folder; choose an output in a folder", status: ExitStatus.cannotWrite)
                }
                break
            }
            parent.deleteLastPathComponent()
        }
        guard create else {
            throw OutputError(path: path, message: "the folder \(folder) does not exist; create it or choose another output", status: ExitStatus.badInput)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, message: "cannot create the folder \(folder): \(error.localizedDescription)", status: ExitStatus.cannotWrite)
        }
    }

    /// Whether `a` and `b` name the same file (the same inode, or the same path once resolved when `b` does not
    /// exist yet).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `.png` for `x.png`; "" without an extension.
    static func extensionOf(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[dot...])
    }
}
