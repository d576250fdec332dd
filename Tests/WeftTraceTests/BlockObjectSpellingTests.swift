import Testing
@testable import WeftTrace

/// A block's object in the text form is spelled by the kind of wait, as stats, lints, exports and pictures spell it:
/// one spelling per object.
@Suite("Block objects spelled by their kind")
struct BlockObjectSpellingTests {
    static let trace = """
    0 T1 - threadStart tid=100 role=worker index=0
    10 T1 - taskCreate task=t1 parent=- name="main" site=""
    20 T1 t1 runBegin task=t1
    30 T1 t1 timerMake timer=tm7 delay=1000ns name="deadline"
    40 T1 t1 block reason=timer object=o7
    50 T1 t1 runEnd task=t1 reason=blocked
    """

    @Test("a wait on a timer reads tm7, as the timer's own events spell it; the raw o7 still parses")
    func timerWait() throws {
        let text = try TraceText.format(try TraceText.parse(Self.trace))
        #expect(text.contains("40 T1 t1 block reason=timer object=tm7\n"))
        #expect(!text.contains("o7"))
        // The new spelling reads back to the same event.
        #expect(try TraceText.format(try TraceText.parse(text)) == text)
    }

    @Test("each kind of wait spells its object with its kind's prefix, and a wait on no object as -",
          arguments: [("mutex", "mu3"), ("readlock", "mu3"), ("send", "ch3"), ("receive", "ch3"), ("waitgroup", "wg3"),
                      ("condition", "cv3"), ("semaphore", "sem3"), ("once", "on3"), ("join", "t3"), ("actor", "ac3"),
                      ("select", "o3"), ("sleep", "-")])
    func everyKind(reason: String, spelled: String) throws {
        let object = spelled == "-" ? "-" : "o3"
        let line = "40 T1 t1 block reason=\(reason) object=\(object)"
        let text = try TraceText.format(try TraceText.parse(line))
        #expect(text == "40 T1 t1 block reason=\(reason) object=\(spelled)\n")
    }

    @Test("an object spelled with an unknown prefix is a syntax error")
    func unknownPrefix() {
        #expect(throws: TraceError.self) { try TraceText.parse("40 T1 t1 block reason=timer object=xy7") }
    }
}
