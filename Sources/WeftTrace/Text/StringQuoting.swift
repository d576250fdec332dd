/// Quotes strings for Weft's text outputs: the text form of a trace and JSON lines differ only in how they spell a
/// control character, so both go through `quote(_:control:)`.
enum StringQuoting {
    /// `s` in double quotes with `"`, `\\`, newline, tab and carriage return escaped by backslash, and every other
    /// scalar for which `control` returns an escape written as that escape.
    static func quote(_ s: String, control: (Unicode.Scalar) -> String?) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if let escape = control(scalar) {
                    out += escape
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
