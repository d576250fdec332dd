import Foundation

/// Expected text files that tests compare their output with, and the switch that rewrites them.
///
/// Set `WEFT_UPDATE_GOLDEN=1` to rewrite the files after a deliberate change, then read the diff. Under CI
/// (`CI=true`) the switch is refused: a test that would rewrite its expectation fails instead, so a stray switch can
/// never turn a red build green.
public enum GoldenFile {
    /// The environment variable that rewrites golden files.
    public static let updateSwitch = "WEFT_UPDATE_GOLDEN"

    /// Whether the switch `name` (default `WEFT_UPDATE_GOLDEN`) asks to rewrite expected files.
    /// - Throws: `GoldenError.updateUnderCI` when it is set while `CI` is true.
    public static func updateRequested(_ name: String = updateSwitch,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) throws(GoldenError) -> Bool {
        guard environment[name] == "1" else { return false }
        if let ci = environment["CI"], ["true", "1", "yes"].contains(ci.lowercased()) {
            throw .updateUnderCI(variable: name)
        }
        return true
    }

    /// Compares `actual` with `folder/name`, or rewrites the file when the update switch is set.
    /// - Throws: `GoldenError.differs` naming the first differing line, `.missing` when there is no file, or
    ///   `.updateUnderCI`.
    public static func compare(_ actual: String, with name: String, in folder: URL,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(GoldenError) {
        let url = folder.appendingPathComponent(name)
        if try updateRequested(environment: environment) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                throw .unwritable(path: url.path, reason: "\(error)")
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else { throw .missing(path: url.path) }
        if let difference = firstDifference(actual, expected) {
            throw .differs(name: name, line: difference.line, got: difference.got, expected: difference.expected)
        }
    }

    /// The first line where `actual` and `expected` differ (1-based), with both lines ("" past the end); nil if equal.
    public static func firstDifference(_ actual: String, _ expected: String) -> (line: Int, got: String, expected: String)? {
        if actual == expected { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let x = i < a.count ? String(a[i]) : "", y = i < e.count ? String(e[i]) : ""
            if x != y || (i < a.count) != (i < e.count) { return (i + 1, x, y) }
        }
        return (max(a.count, e.count), "", "")
    }
}

/// Why a golden comparison failed.
public enum GoldenError: Error, Equatable, CustomStringConvertible {
    /// The output differs from the expected file.
    case differs(name: String, line: Int, got: String, expected: String)
    /// There is no expected file.
    case missing(path: String)
    /// The expected file could not be rewritten.
    case unwritable(path: String, reason: String)
    /// The update switch was set under CI.
    case updateUnderCI(variable: String)

    public var description: String {
        switch self {
        case .differs(let name, let line, let got, let expected):
            "\(name) line \(line) differs:\n  got      \(got)\n  expected \(expected)\n" +
                "(if the change is deliberate, rerun with WEFT_UPDATE_GOLDEN=1 and read the diff)"
        case .missing(let path):
            "no golden file at \(path): run the test once with WEFT_UPDATE_GOLDEN=1 to write it, and commit it"
        case .unwritable(let path, let reason):
            "could not rewrite the golden file \(path): \(reason)"
        case .updateUnderCI(let variable):
            "\(variable)=1 is set under CI (CI=true): golden files are never rewritten there; unset it"
        }
    }
}
