import Testing
@testable import WeftTrace

@Suite("The event table")
struct EventTableTests {
    @Test("every kind has exactly one row, and names are unique")
    func everyKindHasOneRow() {
        #expect(EventSpec.all.count == EventKind.allCases.count)
        #expect(Set(EventSpec.all.map(\.kind)).count == EventKind.allCases.count)
        #expect(Set(EventSpec.all.map(\.name)).count == EventSpec.all.count)
        for kind in EventKind.allCases {
            #expect(kind.spec.kind == kind)
            #expect(EventKind(name: kind.description) == kind)
        }
    }

    @Test("no kind has more arguments than an event can hold, and argument names are unique within a kind")
    func argumentsFit() {
        for spec in EventSpec.all {
            #expect(spec.arguments.count <= EventSpec.maxArguments, "\(spec.name)")
            #expect(Set(spec.arguments.map(\.name)).count == spec.arguments.count, "\(spec.name)")
            #expect(!spec.summary.isEmpty)
        }
    }

    @Test("the kinds that name an object carry it first, so that consumers can rely on the order")
    func objectArgumentsComeFirst() {
        let objectKinds: [EventKind: ArgumentType] = [
            .channelMake: .channel, .send: .channel, .receive: .channel, .close: .channel,
            .mutexMake: .mutex, .lockRequest: .mutex, .lockAcquire: .mutex, .lockRelease: .mutex,
            .waitGroupMake: .waitGroup, .waitGroupAdd: .waitGroup, .waitGroupDone: .waitGroup, .waitGroupWait: .waitGroup,
            .conditionMake: .condition, .conditionWait: .condition, .conditionSignal: .condition, .conditionBroadcast: .condition,
            .taskCreate: .task, .runBegin: .task, .runEnd: .task, .unblock: .task, .taskEnd: .task,
        ]
        for (kind, type) in objectKinds {
            #expect(kind.spec.arguments.first?.type == type, "\(kind)")
        }
    }

    @Test("zig-zag encoding round-trips signed values")
    func zigzag() {
        for value: Int64 in [0, 1, -1, 2, -2, 63, -64, .max, .min] {
            #expect(Event.unzigzag(Event.zigzag(value)) == value)
        }
        #expect(Event.zigzag(-1) == 1)
        #expect(Event.zigzag(1) == 2)
    }
}
