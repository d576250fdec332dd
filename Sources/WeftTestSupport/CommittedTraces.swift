import Foundation

/// The traces `scripts/regenerate-traces` keeps in the repository's `traces/` folder, for tests that check a claim on
/// every recorded program.
public enum CommittedTraces {
    /// The repository's `traces/` folder.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("traces")

    /// The name of every `.weft` file in it, sorted.
    public static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".weft") }.sorted()
    }
}
