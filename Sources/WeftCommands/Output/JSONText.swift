import Foundation

/// JSON as every command prints it: pretty, keys sorted, slashes unescaped.
enum JSONText {
    /// `value` as pretty JSON with sorted keys.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
