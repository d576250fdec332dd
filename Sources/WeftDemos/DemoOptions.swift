/// The sizes and switches one run of a demo uses: every parameter has a value (given or default).
public struct DemoOptions: Sendable, Equatable {
    /// Every parameter's value, by name.
    public private(set) var values: [String: Int]
    /// The switches that are on.
    public private(set) var flags: Set<String>
    /// The demo these options belong to.
    public let demoName: String

    /// The value of parameter `name`. Asking for a parameter the demo does not declare is a programming error.
    public subscript(name: String) -> Int {
        guard let value = values[name] else { preconditionFailure("demo \(demoName) has no parameter --\(name)") }
        return value
    }

    /// Whether switch `name` is on.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The options in command-line form, every parameter spelled out (`--tasks 1000 --sleep-ms 100 --fixed`),
    /// in the demo's declaration order: what a trace records and what `weft compare` hands to each run.
    public func commandLine(for demo: Demo) -> [String] {
        var words: [String] = []
        for parameter in demo.parameters { words += ["--\(parameter.name)", String(self[parameter.name])] }
        for flag in demo.flags where flags.contains(flag.name) { words.append("--\(flag.name)") }
        return words
    }

    /// The defaults of `demo`.
    public init(defaultsOf demo: Demo) {
        demoName = demo.name
        values = Dictionary(uniqueKeysWithValues: demo.parameters.map { ($0.name, $0.defaultValue) })
        flags = []
    }

    /// Parses `--name N`, `--name=N` and `--flag` words for `demo`.
    /// - Throws: `DemoError` naming the word that is wrong and what the demo accepts.
    public init(parsing words: [String], for demo: Demo) throws(DemoError) {
        self.init(defaultsOf: demo)
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                throw DemoError(.unknownOption, "\(demo.name): unexpected argument '\(word)'. \(demo.optionsHint)")
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if let flag = demo.flags.first(where: { $0.name == name }) {
                guard inlineValue == nil else {
                    throw DemoError(.badValue, "\(demo.name): --\(flag.name) is a switch and takes no value.")
                }
                flags.insert(flag.name)
                continue
            }
            guard let parameter = demo.parameters.first(where: { $0.name == name }) else {
                throw DemoError(.unknownOption, "\(demo.name) has no option --\(name). \(demo.optionsHint)")
            }
            let text: String
            if let inlineValue {
                text = inlineValue
            } else if index < words.count {
                text = words[index]
                index += 1
            } else {
                throw DemoError(.badValue, "\(demo.name): --\(name) needs a whole number (\(parameter.rangeText)).")
            }
            values[name] = try parameter.parse(text, demo: demo.name)
        }
        if let problem = demo.constraint(self) { throw DemoError(.outOfRange, "\(demo.name): \(problem)") }
    }
}

extension DemoParameter {
    /// The accepted range as people write it: "1 to 1,000,000".
    var rangeText: String { "\(range.lowerBound.grouped) to \(range.upperBound.grouped)" }

    /// Reads a value given for this parameter, accepting `_` and `,` as digit separators.
    func parse(_ text: String, demo: String) throws(DemoError) -> Int {
        let digits = text.filter { $0 != "_" && $0 != "," }
        guard let value = Int(digits) else {
            throw DemoError(.badValue, "\(demo): --\(name) must be a whole number from \(rangeText); got '\(text)'.")
        }
        guard range.contains(value) else {
            let hint = value < range.lowerBound ? "at least \(range.lowerBound.grouped)" : "at most \(range.upperBound.grouped)"
            throw DemoError(.outOfRange, "\(demo): --\(name) must be \(hint) (\(rangeText)); got \(value.grouped) (--\(name) is \(help)).")
        }
        return value
    }
}

extension Int {
    /// The number with thousands separators: 10,000.
    public var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return self < 0 ? "-" + out : out
    }
}
