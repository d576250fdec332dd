/// Sums, per pixel column and per key, how much of the column pieces cover — for lanes aggregated into one row.
///
/// Adding a piece costs O(1) whatever its length (difference arrays for whole columns, direct adds for the edges).
struct DensityAccumulator {
    let columns: Int
    let keys: Int
    private var whole: [Double]
    private var partial: [Double]

    init(columns: Int, keys: Int) {
        self.columns = max(columns, 1)
        self.keys = keys
        whole = [Double](repeating: 0, count: (self.columns + 1) * keys)
        partial = [Double](repeating: 0, count: self.columns * keys)
    }

    /// Adds coverage of [a, b) in column units (0 ..< columns) for `key`.
    mutating func add(_ a: Double, _ b: Double, key: Int) {
        let lo = max(a, 0)
        let hi = min(b, Double(columns))
        guard hi > lo, key >= 0, key < keys else { return }
        let first = Int(lo)
        let last = min(Int(hi), columns - 1)
        if first == last || Int(hi) == first {
            partial[key * columns + first] += hi - lo
            return
        }
        partial[key * columns + first] += Double(first + 1) - lo
        let wholeFrom = first + 1
        let wholeTo = Int(hi)  // exclusive
        if wholeTo > wholeFrom {
            whole[key * (columns + 1) + wholeFrom] += 1
            whole[key * (columns + 1) + wholeTo] -= 1
        }
        if wholeTo < columns { partial[key * columns + wholeTo] += hi - Double(wholeTo) }
    }

    /// Coverage per column for `key` (in pieces: 3.5 means three and a half pieces' worth).
    func values(for key: Int) -> [Double] {
        var out = [Double](repeating: 0, count: columns)
        var running = 0.0
        for c in 0..<columns {
            running += whole[key * (columns + 1) + c]
            out[c] = running + partial[key * columns + c]
        }
        return out
    }
}
