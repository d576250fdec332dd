#if !FUZZING
import Foundation

/// Without libFuzzer: runs each file named on the command line through the whole pipeline, so that a saved
/// reproduction replays in an ordinary build (`swift run weft-fuzz-replay crash-…`).
@main
struct ReplayMain {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: weft-fuzz-replay FILE…  (runs each file through reader, model, stats, lints, diff, export and layout)\n".utf8))
            exit(64)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("weft-fuzz-replay: cannot read \(path)\n".utf8))
                exit(66)
            }
            PipelineCheck.run(Array(data))
            print("\(path): ok")
        }
    }
}
#endif
