import Testing
@testable import WeftTrace
import WeftTestSupport

@Suite("Causal order and validation")
struct CausalOrderTests {
    /// Encodes `text` and reads it back as text.
    func reorder(_ source: String) throws -> String {
        try text(try TraceReader(bytes: try TraceFileWriter.encode(try list(source))))
    }

    func readError(_ source: String) throws -> TraceError? {
        let reader = try TraceReader(bytes: try TraceFileWriter.encode(try list(source)))
        do {
            _ = try readAll(reader)
            return nil
        } catch let e as TraceError {
            return e
        }
    }

    static let setup = """
        0 T1 - taskCreate task=t1 parent=- name="a" site=""
        1 T1 - taskCreate task=t2 parent=- name="b" site=""
        2 T1 - channelMake channel=ch3 capacity=0 name=""
        3 T1 - mutexMake mutex=mu4 name=""

        """

    @Test("a receive whose thread's clock runs early still follows its send")
    func receiveAfterSend() throws {
        let out = try reorder(Self.setup + """
            100 T2 t2 runBegin task=t2
            110 T2 t2 receive channel=ch3 seq=1
            200 T1 t1 runBegin task=t1
            210 T1 t1 send channel=ch3 seq=1
            """)
        let kinds = out.split(separator: "\n").map { $0.split(separator: " ")[3] }
        #expect(kinds.suffix(4) == ["runBegin", "runBegin", "send", "receive"])
    }

    @Test("an unblock comes before the run it causes, and a task's runEnd before its runBegin elsewhere")
    func unblockBeforeRun() throws {
        let out = try reorder(Self.setup + """
            10 T1 t1 runBegin task=t1
            20 T1 t1 block reason=receive object=o3
            30 T1 t1 runEnd task=t1 reason=blocked
            40 T2 t1 runBegin task=t1
            50 T2 t1 runEnd task=t1 reason=finished
            45 T3 t2 runBegin task=t2
            46 T3 t2 unblock task=t1
            """)
        let lines = out.split(separator: "\n").map(String.init)
        let unblock = lines.firstIndex { $0.contains("unblock") }!
        let resume = lines.firstIndex { $0.hasPrefix("40 T2") }!
        #expect(unblock < resume)
    }

    @Test("a lock is acquired only after the previous holder released it, whatever the clocks say")
    func lockHandOff() throws {
        let out = try reorder(Self.setup + """
            10 T1 t1 runBegin task=t1
            11 T1 t1 lockAcquire mutex=mu4
            50 T1 t1 lockRelease mutex=mu4
            20 T2 t2 runBegin task=t2
            30 T2 t2 lockAcquire mutex=mu4
            """)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.firstIndex { $0.contains("lockRelease") }! < lines.firstIndex { $0.hasPrefix("30 T2") }!)
    }

    @Test("the task of each event is derived from the thread's run slices")
    func derivedTask() throws {
        let reader = try TraceReader(bytes: try TraceFileWriter.encode(try list(Self.setup + """
            10 T1 - runBegin task=t1
            11 T1 - log category="" message=""
            12 T1 - runEnd task=t1 reason=yielded
            13 T1 - log category="" message=""
            """)))
        let tasks = try readAll(reader).suffix(4).map(\.task)
        #expect(tasks == [TaskID(1), TaskID(1), TaskID(1), .none])
    }

    @Test("a release of a lock not held is an error naming its byte offset and event index")
    func releaseNotHeld() throws {
        let e = try #require(try readError(Self.setup + "10 T1 - lockRelease mutex=mu4\n"))
        #expect(e.kind == .invalidEvent)
        #expect(e.eventIndex == 4)
        #expect(e.byteOffset != nil)
        #expect(e.message.contains("not held"))
    }

    @Test("a receive without its send is an error in a complete trace")
    func receiveWithoutSend() throws {
        let e = try #require(try readError(Self.setup + "10 T1 - receive channel=ch3 seq=7\n"))
        #expect(e.kind == .invalidEvent)
        #expect(e.message.contains("without its send"))
        #expect(e.byteOffset != nil && e.eventIndex == 4)
    }

    @Test("other inconsistencies are errors: unknown task, runEnd of another task, a task created twice")
    func otherErrors() throws {
        #expect(try readError("0 T1 - runBegin task=t9\n")?.message.contains("unknown task") == true)
        #expect(try readError(Self.setup + "10 T1 - runBegin task=t1\n11 T1 - runEnd task=t2 reason=yielded\n")?.message.contains("runEnd of t2") == true)
        #expect(try readError(Self.setup + "10 T1 - taskCreate task=t1 parent=- name=\"\" site=\"\"\n")?.message.contains("exists already") == true)
        #expect(try readError("0 T1 - send channel=ch1 seq=1\n")?.message.contains("unknown object") == true)
    }

    @Test("a deadlocked run reads fine: tasks left blocked, a lock still held, no runFinish")
    func deadlockedRun() throws {
        let reader = try TraceReader(bytes: try TraceFileWriter.encode(try list(Self.setup + """
            10 T1 t1 runBegin task=t1
            11 T1 t1 lockAcquire mutex=mu4
            12 T1 t1 block reason=receive object=o3
            13 T1 t1 runEnd task=t1 reason=blocked
            20 T2 t2 runBegin task=t2
            21 T2 t2 lockRequest mutex=mu4
            22 T2 t2 block reason=mutex object=o4
            23 T2 t2 runEnd task=t2 reason=blocked
            """)))
        #expect(try readAll(reader).count == 12)
        #expect(reader.warnings.isEmpty)
    }
}
