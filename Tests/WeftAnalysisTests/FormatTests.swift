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
        #expect(sum.description == "summed over 10,000 tasks: 696 s, 69.6 ms per task on average")
        #expect(TaskSum(total: 3_000_000, tasks: 1).description == "for its one task: 3.00 ms")
        #expect(TaskSum().perTask == 0)
    }
}
