import Foundation
import WeftTrace

/// The bytes of a `.weft` file with its one run-dependent fact, the wall-clock start date, blanked: two traces of the
/// same deterministic schedule must give equal `ReplayBytes`.
public struct ReplayBytes: Equatable, CustomStringConvertible {
    /// The file's bytes, with the `wallclock_start_ns` value's digits replaced by zeros.
    public let bytes: [UInt8]

    /// Reads the trace at `path`.
    /// - Throws: when the file cannot be read or parsed.
    public init(path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let trace = try RecordedTrace(path: path, allowWarnings: true)
        let key = MetadataKey.wallClockStart.rawValue
        for event in trace.of(.metadata) where trace.string(event.args.a0) == key {
            let digits = Array(trace.string(event.args.a1).utf8)
            guard !digits.isEmpty, digits.count <= bytes.count else { continue }
            var at = 0
            while at + digits.count <= bytes.count {
                if bytes[at..<(at + digits.count)].elementsEqual(digits) {
                    for i in at..<(at + digits.count) { bytes[i] = UInt8(ascii: "0") }
                    at += digits.count
                } else {
                    at += 1
                }
            }
        }
        self.bytes = bytes
    }

    /// The size and a short fingerprint, not the bytes (a failed comparison must stay readable).
    public var description: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\(bytes.count) bytes, FNV-1a \(String(hash, radix: 16))"
    }

    /// The offset of the first byte where `other` differs, or nil when they are equal.
    public func firstDifference(from other: ReplayBytes) -> Int? {
        for index in 0..<min(bytes.count, other.bytes.count) where bytes[index] != other.bytes[index] { return index }
        return bytes.count == other.bytes.count ? nil : min(bytes.count, other.bytes.count)
    }
}
