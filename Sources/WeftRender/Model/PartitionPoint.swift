extension RandomAccessCollection {
    /// The first index whose element makes `isPast` true, by binary search: `isPast` must be false for a prefix of the
    /// collection and true for the rest (a sorted list asked "past this time?"); `endIndex` when it is true for none.
    func partitionPoint(where isPast: (Element) -> Bool) -> Index {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = index(low, offsetBy: distance(from: low, to: high) / 2)
            if isPast(self[mid]) { high = mid } else { low = index(after: mid) }
        }
        return low
    }
}
