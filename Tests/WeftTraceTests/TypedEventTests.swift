import Testing
@testable import WeftTrace
import WeftTestSupport

@Suite("Typed event views")
struct TypedEventTests {
    /// The Swift type a field of each argument type has.
    static func fieldType(_ type: ArgumentType) -> Any.Type {
        switch type {
        case .uint, .duration: UInt64.self
        case .int: Int64.self
        case .task: TaskID.self
        case .channel: ChannelID.self
        case .mutex: MutexID.self
        case .waitGroup: WaitGroupID.self
        case .condition: ConditionID.self
        case .object: ObjectID.self
        case .string: StringID.self
        case .threadRole: ThreadRole.self
        case .runEndReason: RunEndReason.self
        case .blockReason: BlockReason.self
        case .taskOutcome: TaskOutcome.self
        case .runOutcome: RunOutcome.self
        case .semaphore: SemaphoreID.self
        case .once: OnceID.self
        case .timer: TimerID.self
        case .actor: ActorID.self
        case .thread: ThreadID.self
        }
    }

    /// Raw arguments for `spec` that its view admits, varied by `seed` (enumerations cycle through their cases).
    static func arguments(for spec: EventSpec, seed: UInt64) -> EventArguments {
        var a = EventArguments()
        for (i, argument) in spec.arguments.enumerated() {
            let cases: UInt64? = switch argument.type {
            case .threadRole: UInt64(ThreadRole.allCases.count)
            case .runEndReason: UInt64(RunEndReason.allCases.count)
            case .blockReason: UInt64(BlockReason.allCases.count)
            case .taskOutcome: UInt64(TaskOutcome.allCases.count)
            case .runOutcome: UInt64(RunOutcome.allCases.count)
            default: nil
            }
            let big: [UInt64] = [0, 1, 7, 300, UInt64.max, UInt64.max - 1, 1 << 40]
            a[i] = cases.map { (seed &+ UInt64(i)) % $0 } ?? big[Int((seed &+ UInt64(i)) % UInt64(big.count))]
        }
        return a
    }

    @Test("the table is the list of the views' rows, one per kind, in code order")
    func tableComesFromViews() {
        #expect(TypedEvent.viewTypes.count == EventKind.allCases.count)
        #expect(EventSpec.all.map(\.kind) == EventKind.allCases)
        for view in TypedEvent.viewTypes {
            #expect(view.spec.kind == view.kind)
            #expect(view.kind.spec == view.spec)
        }
    }

    @Test("every view's fields carry the names and types of its row's arguments, in order")
    func fieldsMatchTheTable() throws {
        for view in TypedEvent.viewTypes {
            let made = view.init(arguments: Self.arguments(for: view.spec, seed: 0))
            let instance = try #require(made, "\(view.kind)")
            let fields = Mirror(reflecting: instance).children.map { ($0.label ?? "?", type(of: $0.value)) }
            #expect(fields.map(\.0) == view.spec.arguments.map(\.name), "\(view.kind)")
            for (field, argument) in zip(fields, view.spec.arguments) {
                #expect(ObjectIdentifier(field.1) == ObjectIdentifier(Self.fieldType(argument.type)), "\(view.kind).\(field.0)")
            }
        }
    }

    @Test("every kind round-trips through its typed view: raw -> typed -> raw, and typed -> event -> typed")
    func everyKindRoundTrips() throws {
        for kind in EventKind.allCases {
            for seed: UInt64 in 0..<12 {
                let raw = Event(kind: kind, time: 100 + seed, thread: ThreadID(2), task: TaskID(3),
                                args: Self.arguments(for: kind.spec, seed: seed))
                let typed = try #require(TypedEvent(raw), "\(kind) seed \(seed)")
                #expect(typed.kind == kind)
                #expect(typed.arguments == raw.args, "\(kind) seed \(seed)")
                #expect(raw.typed == typed)
                let view = TypedEvent.viewTypes.first { $0.kind == kind }!
                let made = view.init(raw)
                let viewed = try #require(made, "\(kind)")
                #expect(viewed.event(time: raw.time, thread: raw.thread, task: raw.task) == raw, "\(kind) seed \(seed)")
            }
        }
    }

    @Test("a view reads only its own kind")
    func viewReadsOnlyItsKind() {
        let send = SendEvent(channel: ChannelID(4), seq: 9).event(time: 5, thread: ThreadID(1))
        #expect(SendEvent(send) == SendEvent(channel: ChannelID(4), seq: 9))
        #expect(ReceiveEvent(send) == nil)
        #expect(CloseEvent(send) == nil)
    }

    @Test("signed arguments keep their sign through the raw form")
    func signedArguments() throws {
        let add = WaitGroupAddEvent(group: WaitGroupID(3), delta: -2, count: 1)
        #expect(add.arguments.a1 == Event.zigzag(-2))
        let select = SelectEvent(cases: 2, chosen: -1, channel: ChannelID(0))
        #expect(try #require(SelectEvent(arguments: select.arguments)).chosen == -1)
    }

    @Test("an enumeration argument outside its cases has no typed form, and the table says which argument")
    func outOfRangeEnumerations() {
        let bad = Event(kind: .runEnd, time: 0, thread: ThreadID(1), args: EventArguments(1, 99))
        #expect(TypedEvent(bad) == nil)
        #expect(RunEndEvent(bad) == nil)
        let problem = EventKind.runEnd.spec.outOfRange(bad.args)
        #expect(problem?.contains("reason is 99") == true)
        #expect(problem?.contains("0 blocked, 1 yielded, 2 finished") == true)
        #expect(EventKind.runEnd.spec.outOfRange(EventArguments(1, 2)) == nil)
        #expect(EventKind.send.spec.outOfRange(EventArguments(TraceFormat.maxID, TraceFormat.maxUnsigned)) == nil)
        #expect(EventKind.send.spec.outOfRange(EventArguments(TraceFormat.maxID + 1, 1))?.contains("above the largest channel") == true)
        #expect(EventKind.send.spec.outOfRange(EventArguments(1, .max))?.contains("seq is 18446744073709551615") == true)
    }

    @Test("typed events survive the file format: writer and reader")
    func typedEventsThroughTheFile() throws {
        let list = EventList()
        let name = list.intern("jobs")
        let typed: [TypedEvent] = [
            .threadStart(ThreadStartEvent(tid: 77, role: .worker, index: 0)),
            .taskCreate(TaskCreateEvent(task: TaskID(1), parent: .none, name: name, site: .empty)),
            .runBegin(RunBeginEvent(task: TaskID(1))),
            .channelMake(ChannelMakeEvent(channel: ChannelID(2), capacity: 1, name: name)),
            .send(SendEvent(channel: ChannelID(2), seq: 1)),
            .receive(ReceiveEvent(channel: ChannelID(2), seq: 1)),
            .select(SelectEvent(cases: 2, chosen: -1, channel: ChannelID(0))),
            .runEnd(RunEndEvent(task: TaskID(1), reason: .finished)),
            .taskEnd(TaskEndEvent(task: TaskID(1), outcome: .returned, message: .empty)),
            .threadStop(ThreadStopEvent()),
        ]
        for (i, t) in typed.enumerated() {
            list.append(Event(kind: t.kind, time: UInt64(i) * 10, thread: ThreadID(1), args: t.arguments))
        }
        let reader = try TraceReader(bytes: TraceFileWriter.encode(list))
        let read = try readAll(reader).map { try #require(TypedEvent($0)) }
        #expect(read == typed)
    }
}
