import Testing
import WeftAnalysis

/// The one duration formatter, byte formatter and duration parser every command and picture uses.
@Suite("Formats")
struct FormatTests {
    @Test("a duration that rounds to 1000 of a unit is written in the next unit")
    func durationRollover() {
        #expect(DurationFormat.format(999) == "999 ns")
        #expect(DurationFormat.format(nanoseconds: 999.6) == "1.00 µs")
        #expect(DurationFormat.format(999_499) == "999 µs")
        #expect(DurationFormat.format(999_600) == "1.00 ms")
        #expect(DurationFormat.format(1_000_000) == "1.00 ms")
        #expect(DurationFormat.format(999_999_999) == "1.00 s")
        #expect(DurationFormat.format(850) == "850 ns")
        #expect(DurationFormat.format(12_345) == "12.3 µs")
        #expect(DurationFormat.format(76_800_000) == "76.8 ms")
        #expect(DurationFormat.format(1_250_000_000) == "1.25 s")
        #expect(DurationFormat.format(nanoseconds: 1_234.0) == "1.23 µs")
        #expect(DurationFormat.format(signed: -1_000_000) == "-1.00 ms")
    }

    @Test("values printed side by side get enough significant digits that different values print differently")
    func distinctDigits() {
        // A median and its range that three digits collapse into "243 ms (242 ms – 243 ms)".
        #expect(DurationFormat.distinct([242_910_000, 242_400_000, 243_400_000]) == ["242.9 ms", "242.4 ms", "243.4 ms"])
        #expect(DurationFormat.distinct([242_410_000, 242_440_000]) == ["242.41 ms", "242.44 ms"])
        // Values three digits already tell apart, and equal values, keep three.
        #expect(DurationFormat.distinct([2_360_000, 2_150_000, 3_520_000]) == ["2.36 ms", "2.15 ms", "3.52 ms"])
        #expect(DurationFormat.distinct([243_000_000, 243_000_000]) == ["243 ms", "243 ms"])
        // More digits never roll a value into the wrong unit, and whole nanoseconds need none.
        #expect(DurationFormat.distinct([999_960, 999_930]) == ["1.000 ms", "999.9 µs"])
        #expect(DurationFormat.distinct([999_999, 999_900]) == ["1.000 ms", "999.9 µs"])
        #expect(DurationFormat.distinct([850, 851]) == ["850 ns", "851 ns"])
        #expect(ByteFormat.distinct(bytes: [27_578_368, 27_525_120]) == ["26.30 MiB", "26.25 MiB"])
        #expect(DurationFormat.format(nanoseconds: 9_996, digits: 3) == "10.0 µs")
        #expect(DurationFormat.format(nanoseconds: 9_996, digits: 4) == "9.996 µs")
        #expect(DurationFormat.significant(99.96, digits: 4) == "99.96")
        // Every pair of different values, at any scale, prints differently.
        var value = 1_000.0
        while value < 5e10 {
            let values = [value, value * 1.0001, value * 1.001, value * 1.01]
            let written = DurationFormat.distinct(nanoseconds: values)
            #expect(Set(written).count == values.count, "\(values) → \(written)")
            value *= 1.37
        }
        // Past six digits, values as good as equal are left alike rather than written ever longer.
        #expect(DistinctDigits.digits([1_000_000.0, 1_000_000.4]) { DurationFormat.format(nanoseconds: $0, digits: $1) }
            == DistinctDigits.most)
    }

    @Test("a median with its range prints each end distinctly, in the compare table's and the runs strip's form")
    func spreadTexts() {
        let walls = Spread<UInt64>([242_400_000, 242_910_000, 243_400_000, 242_700_000, 243_100_000])
        let single = Spread<UInt64>(single: 243_200_000)
        let texts = Spread.texts([walls, nil, single], DurationFormat.distinct)
        #expect(texts == ["242.9 ms (242.4 ms – 243.4 ms)", nil, "243.2 ms"])
    }

    @Test("bytes are powers of 1,024 written KiB, MiB, GiB, and roll over at 1024")
    func bytes() {
        #expect(ByteFormat.format(0) == "0 B")
        #expect(ByteFormat.format(1_023) == "1023 B")
        #expect(ByteFormat.format(1_024) == "1.00 KiB")
        #expect(ByteFormat.format(1_536) == "1.50 KiB")
        #expect(ByteFormat.format(44_669_337) == "42.6 MiB")
        #expect(ByteFormat.format(1_048_575) == "1.00 MiB")
        #expect(ByteFormat.format(3 * 1_073_741_824) == "3.00 GiB")
        #expect(ByteFormat.format(bytes: 16_384.4) == "16.0 KiB")
    }

    @Test("every duration option parses one way: units, minutes, spaces; nonsense is nil")
    func parse() {
        #expect(DurationFormat.parse("10ms") == 10_000_000)
        #expect(DurationFormat.parse("2.5 s") == 2_500_000_000)
        #expect(DurationFormat.parse("300us") == 300_000)
        #expect(DurationFormat.parse("300µs") == 300_000)
        #expect(DurationFormat.parse("1500") == 1_500)
        #expect(DurationFormat.parse("42ns") == 42)
        #expect(DurationFormat.parse("2m") == 120_000_000_000)
        #expect(DurationFormat.parse("ten ms") == nil)
        #expect(DurationFormat.parse("-3ms") == nil)
        #expect(DurationFormat.parse("") == nil)
        #expect(DurationFormat.parse("1e400s") == nil)
    }

    @Test("counts are grouped by thousands at any width and sign, and take their noun's plural unless one")
    func counts() {
        #expect(CountFormat.grouped(0) == "0")
        #expect(CountFormat.grouped(999) == "999")
        #expect(CountFormat.grouped(1_000) == "1,000")
        #expect(CountFormat.grouped(-1_234_567) == "-1,234,567")
        #expect(CountFormat.grouped(UInt64.max) == "18,446,744,073,709,551,615")
        #expect(CountFormat.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(CountFormat.counted(1, "OS thread") == "1 OS thread")
        #expect(CountFormat.counted(10_004, "OS thread") == "10,004 OS threads")
        #expect(CountFormat.counted(0, "mutex", plural: "mutexes") == "0 mutexes")
    }

    @Test("ratios keep three significant figures below a thousand and are grouped whole numbers from there")
    func ratios() {
        #expect(CountFormat.ratio(2.333) == "2.33")
        #expect(CountFormat.ratio(37.34) == "37.3")
        #expect(CountFormat.ratio(412.4) == "412")
        #expect(CountFormat.ratio(999.4) == "999")
        #expect(CountFormat.ratio(3_334.2) == "3,334")
        #expect(CountFormat.ratio(1e20) == "1e+20")
        #expect(CountFormat.ratio(.infinity) == "inf")
    }
}

@Suite("TaskSum")
struct TaskSumTests {
    @Test("a sum over tasks says over how many and what it makes per task, so that it never reads as a wall time")
    func wording() {
        var sum = TaskSum()
        for _ in 0 ..< 10_000 { sum.add(69_600_000) }
        #expect(sum.description == "696 s task-time, summed over 10,000 tasks, not wall time (69.6 ms per task on average)")
        #expect(TaskSum(total: 3_000_000, tasks: 1).description == "3.00 ms task-time, for its one task")
        #expect(TaskSum().perTask == 0)
    }
}
