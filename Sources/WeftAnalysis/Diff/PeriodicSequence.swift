/// A long sequence kept as runs of a short repeating pattern, so that a task that does the same few operations a
/// million times (send, receive, send, receive, …) costs a few bytes, not a million entries; an irregular stretch is
/// kept as it is, one entry per element.
///
/// Elements are appended one at a time. Whenever the last elements repeat a pattern of up to `maxPeriod` elements
/// twice, the pattern is kept once with a count, and later elements that continue it only raise the count.
public struct PeriodicSequence<Element: Equatable & Sendable>: Sendable {
    /// The longest repeating pattern recognised.
    public static var maxPeriod: Int { 8 }
    /// How many irregular elements wait in the open tail before its older part is closed into a run.
    static var tailLimit: Int { 64 }

    /// A stretch of the sequence: the pattern `elements[start ..< start + period]` repeated `repeats` times.
    struct Run: Sendable {
        /// Where its pattern is in `elements`.
        var start: Int
        var period: Int
        var repeats: Int
        /// The position in the whole sequence of its first element.
        var first: Int
        var count: Int { period * repeats }
    }

    /// The patterns of the runs, then the open tail.
    private var elements: [Element] = []
    /// The closed runs, in order.
    private var runs: [Run] = []
    /// The run still growing: its pattern is stored, and `phase` elements of its next repetition have come.
    private var open: Run?
    private var phase = 0
    /// Where the open tail of irregular elements begins in `elements` (when there is no open run).
    private var tailStart = 0
    /// How many elements the sequence holds.
    public private(set) var count = 0

    public init() {}

    /// The sequence of `items`.
    public init(_ items: some Sequence<Element>) {
        for item in items { append(item) }
    }

    /// Adds `x` at the end.
    public mutating func append(_ x: Element) {
        count += 1
        if var run = open {
            if elements[run.start + phase] == x {
                phase += 1
                if phase == run.period {
                    run.repeats += 1
                    phase = 0
                    open = run
                }
                return
            }
            // The pattern broke: the whole repetitions are a run, the partial one starts the tail.
            runs.append(run)
            open = nil
            tailStart = elements.count
            for i in 0..<phase { elements.append(elements[run.start + i]) }
            phase = 0
        }
        elements.append(x)
        foldTail()
    }

    /// Looks for a pattern repeated twice at the end of the tail; makes it the open run when found, and closes the
    /// tail's older part into a run of its own when the tail grows long.
    private mutating func foldTail() {
        let end = elements.count, length = end - tailStart
        var p = 1
        while p <= Self.maxPeriod && 2 * p <= length {
            if elements[end - 1] == elements[end - 1 - p] && repeats(period: p, end: end) {
                let patternStart = end - 2 * p
                let first = count - 2 * p
                if patternStart > tailStart {
                    runs.append(Run(start: tailStart, period: patternStart - tailStart, repeats: 1,
                                    first: first - (patternStart - tailStart)))
                }
                elements.removeLast(p)
                open = Run(start: patternStart, period: p, repeats: 2, first: first)
                phase = 0
                return
            }
            p += 1
        }
        if length >= Self.tailLimit {
            let keep = 2 * Self.maxPeriod
            let closed = length - keep
            runs.append(Run(start: tailStart, period: closed, repeats: 1, first: count - length))
            tailStart += closed
        }
    }

    /// Whether `elements[end - 2p ..< end - p]` equals `elements[end - p ..< end]`.
    private func repeats(period p: Int, end: Int) -> Bool {
        for i in 0..<p where elements[end - 2 * p + i] != elements[end - p + i] { return false }
        return true
    }

    /// The element at `index` (0 ..< count).
    public subscript(index: Int) -> Element {
        let stretch = stretch(containing: index)
        return elements[stretch.start + (index - stretch.first) % stretch.period]
    }

    /// The stretch that holds position `index`: a closed run, the open run (with its partial repetition), or the
    /// tail (as a run of period its length). Within it, element `i` is `elements[start + (i - first) % period]`.
    func stretch(containing index: Int) -> (start: Int, period: Int, first: Int, end: Int) {
        precondition(index >= 0 && index < count, "index \(index) outside 0 ..< \(count)")
        if let run = open {
            if index >= run.first { return (run.start, run.period, run.first, count) }
        } else {
            let tailFirst = count - (elements.count - tailStart)
            if index >= tailFirst { return (tailStart, Swift.max(elements.count - tailStart, 1), tailFirst, count) }
        }
        // The last closed run whose first element is at or before `index`.
        var low = 0, high = runs.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if runs[mid].first <= index { low = mid } else { high = mid - 1 }
        }
        let run = runs[low]
        return (run.start, run.period, run.first, run.first + run.count)
    }

    /// The elements from `range.lowerBound` up to (not including) `range.upperBound`, clamped to the sequence.
    public func elements(in range: Range<Int>) -> [Element] {
        let lower = Swift.max(range.lowerBound, 0), upper = Swift.min(range.upperBound, count)
        return lower < upper ? (lower..<upper).map { self[$0] } : []
    }

    /// How many elements are stored for the whole sequence (its patterns and irregular stretches).
    public var storedCount: Int { elements.count }

    /// The index of the first position where `self` and `other` differ by `same` (given the position and the two
    /// elements; one sequence ending early counts), or nil when they are the same.
    ///
    /// A stretch where both repeat a pattern is compared over the two patterns' lengths added up and then skipped:
    /// two periodic sequences that agree that far agree all along (Fine and Wilf). `same` must therefore give the
    /// same answer for the same pair of elements anywhere in a stretch; `boundary(i)` may end a stretch that starts
    /// at `i` sooner, where what `same` reads besides the elements changes.
    public func firstDifference<Other>(_ other: PeriodicSequence<Other>, boundary: (Int) -> Int = { _ in .max },
                                       same: (Int, Element, Other) -> Bool) -> Int? {
        let n = Swift.min(count, other.count)
        var i = 0
        while i < n {
            let x = stretch(containing: i), y = other.stretch(containing: i)
            let end = Swift.min(x.end, y.end, n, boundary(i))
            let enough = x.period + y.period
            let checked = end - i > enough ? i + enough : end
            var j = i
            while j < checked {
                if !same(j, elements[x.start + (j - x.first) % x.period], other.elements[y.start + (j - y.first) % y.period]) {
                    return j
                }
                j += 1
            }
            i = end
        }
        return count == other.count ? nil : n
    }
}

extension PeriodicSequence: Sequence {
    public struct Iterator: IteratorProtocol {
        let sequence: PeriodicSequence
        var index = 0
        public mutating func next() -> Element? {
            guard index < sequence.count else { return nil }
            defer { index += 1 }
            return sequence[index]
        }
    }

    public func makeIterator() -> Iterator { Iterator(sequence: self) }
    public var underestimatedCount: Int { count }
}
