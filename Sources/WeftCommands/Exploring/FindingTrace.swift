import Foundation
import WeftDemos
import WeftRuntime

/// Saves the trace of a deadlock or failure `weft explore` found, by replaying its first seed with a trace: the
/// deterministic scheduler repeats the run exactly, so the trace shows the very interleaving that was found.
enum FindingTrace {
    /// Why a replay did not give the trace.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Replays `finding`'s first seed traced into `folder/BASE[-STRATEGY]-seedS.weft` (written beside its name and
    /// renamed into place) and checks that the replay ended the same way.
    /// - Returns: the trace's path.
    /// - Throws: `OutputError` when the file cannot be written, `Failure` when the replay ended otherwise.
    static func save(_ finding: ExploreFinding, selection: DemoSelection, in folder: String) async throws -> String {
        var name = TracePaths.baseName(selection)
        if case .deterministic(_, let strategy) = finding.replay, strategy != .random {
            name += "-" + ReplayCommand.spelling(strategy).replacingOccurrences(of: ":", with: "")
        }
        let path = "\(folder)/\(name)-seed\(finding.firstSeed).weft"
        let target = try OutputFile(path, what: "trace", createFolder: true)
        let replayed: RuntimeError?
        do throws(RuntimeError) {
            _ = try await selection.demo.run(selection.options, scheduler: finding.replay, tracePath: target.partialPath,
                                             output: DiscardedOutput())
            replayed = nil
        } catch {
            replayed = error
        }
        guard let replayed else {
            target.discard()
            throw Failure(description: "its replay completed instead of repeating the \(finding.kind.rawValue)")
        }
        let again = ExploreFinding.classify(replayed)
        guard again.kind == finding.kind, again.signature == finding.signature else {
            target.discard()
            throw Failure(description: "its replay ended otherwise: \(replayed.message)")
        }
        try target.commit()
        return path
    }
}
