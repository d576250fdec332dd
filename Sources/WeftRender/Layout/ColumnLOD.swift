/// Level of detail for one lane: pieces at least `minimumWidth` pixels wide are drawn as they are; narrower pieces
/// are folded into pixel columns, each showing the key (task or state) that covered most of it and how much of the
/// column was covered, and runs of alike columns come out as one piece.
///
/// The output has at most one piece per pixel column plus the wide pieces, whatever the number of inputs.
struct ColumnLOD {
    /// A piece to draw.
    struct Piece: Equatable {
        var x0: Double
        var x1: Double
        var key: Int
        /// Fraction of the piece's width that was covered (1 for a piece drawn as it was).
        var coverage: Double
        /// Whether it stands for several narrow inputs.
        var merged: Bool
    }

    /// Inputs narrower than this (pixels) are folded into columns.
    static let minimumWidth = 2.0

    let origin: Double
    let columns: Int
    private var best: [Int32]
    private var bestCover: [Float]
    private var current: [Int32]
    private var currentCover: [Float]
    private var total: [Float]
    private var touched: [Int] = []
    private(set) var wide: [Piece] = []

    /// Columns of one pixel from `origin` over `width` pixels.
    init(origin: Double, width: Double) {
        self.origin = origin
        columns = max(Int(width.rounded(.up)), 1)
        best = [Int32](repeating: -1, count: columns)
        bestCover = [Float](repeating: 0, count: columns)
        current = [Int32](repeating: -1, count: columns)
        currentCover = [Float](repeating: 0, count: columns)
        total = [Float](repeating: 0, count: columns)
    }

    /// Clears the columns for the next lane (cost proportional to the columns touched).
    mutating func reset() {
        for c in touched {
            best[c] = -1
            bestCover[c] = 0
            current[c] = -1
            currentCover[c] = 0
            total[c] = 0
        }
        touched.removeAll(keepingCapacity: true)
        wide.removeAll(keepingCapacity: true)
    }

    /// Adds a piece [x0, x1) with `key` (>= 0); pieces of one lane come in time order.
    mutating func add(_ x0: Double, _ x1: Double, key: Int) {
        if x1 - x0 >= Self.minimumWidth {
            wide.append(Piece(x0: x0, x1: x1, key: key, coverage: 1, merged: false))
            return
        }
        let a = max(x0 - origin, 0)
        let b = max(min(x1 - origin, Double(columns)), a)
        var c = min(Int(a), columns - 1)
        let k = Int32(truncatingIfNeeded: key)
        repeat {
            let lo = max(a, Double(c))
            let hi = min(b, Double(c + 1))
            let cover = Float(max(hi - lo, 0))
            if current[c] < 0 { touched.append(c) }
            total[c] += cover
            if current[c] == k {
                currentCover[c] += cover
            } else {
                current[c] = k
                currentCover[c] = cover
            }
            // A zero-width piece still claims an empty column, so that an instant is not lost.
            if currentCover[c] > bestCover[c] || best[c] < 0 {
                best[c] = k
                bestCover[c] = currentCover[c]
            }
            c += 1
        } while Double(c) < b && c < columns
    }

    /// The folded columns as pieces: consecutive columns with the same key and about the same coverage are joined.
    func columnPieces() -> [Piece] {
        var out: [Piece] = []
        for c in touched.sorted() {
            // Even an instant shows a little.
            let cover = Double(min(max(total[c], 0.05), 1))
            let key = Int(best[c])
            let x0 = origin + Double(c)
            if var last = out.last, last.key == key, last.x1 == x0, abs(last.coverage - cover) < 0.08 {
                last.x1 = x0 + 1
                out[out.count - 1] = last
            } else {
                out.append(Piece(x0: x0, x1: x0 + 1, key: key, coverage: cover, merged: true))
            }
        }
        return out
    }
}
