/// Any event, typed: one case per kind, holding that kind's view.
///
/// `TypedEvent(event)` is nil when an argument is outside its type (a reason or outcome this version does not
/// know); the reader refuses such events, so every event it yields has a typed form.
public enum TypedEvent: Sendable, Equatable {
    case metadata(MetadataEvent)
    case threadStart(ThreadStartEvent)
    case threadStop(ThreadStopEvent)
    case runFinish(RunFinishEvent)
    case sample(SampleEvent)
    case threadWake(ThreadWakeEvent)
    case threadCPU(ThreadCPUEvent)
    case taskCreate(TaskCreateEvent)
    case runBegin(RunBeginEvent)
    case runEnd(RunEndEvent)
    case block(BlockEvent)
    case unblock(UnblockEvent)
    case taskEnd(TaskEndEvent)
    case channelMake(ChannelMakeEvent)
    case send(SendEvent)
    case receive(ReceiveEvent)
    case close(CloseEvent)
    case select(SelectEvent)
    case selectWait(SelectWaitEvent)
    case sendFailed(SendFailedEvent)
    case mutexMake(MutexMakeEvent)
    case lockRequest(LockRequestEvent)
    case lockAcquire(LockAcquireEvent)
    case lockRelease(LockReleaseEvent)
    case waitGroupMake(WaitGroupMakeEvent)
    case waitGroupAdd(WaitGroupAddEvent)
    case waitGroupDone(WaitGroupDoneEvent)
    case waitGroupWait(WaitGroupWaitEvent)
    case conditionMake(ConditionMakeEvent)
    case conditionWait(ConditionWaitEvent)
    case conditionSignal(ConditionSignalEvent)
    case conditionBroadcast(ConditionBroadcastEvent)
    case sleep(SleepEvent)
    case log(LogEvent)
    case regionBegin(RegionBeginEvent)
    case regionEnd(RegionEndEvent)
    case rwMutexMake(RWMutexMakeEvent)
    case readRequest(ReadRequestEvent)
    case readAcquire(ReadAcquireEvent)
    case readRelease(ReadReleaseEvent)
    case onceMake(OnceMakeEvent)
    case onceBegin(OnceBeginEvent)
    case onceEnd(OnceEndEvent)
    case semaphoreMake(SemaphoreMakeEvent)
    case semaphoreAcquire(SemaphoreAcquireEvent)
    case semaphoreRelease(SemaphoreReleaseEvent)
    case tickerMake(TickerMakeEvent)
    case tick(TickEvent)
    case tickerStop(TickerStopEvent)
    case timerMake(TimerMakeEvent)
    case timerFire(TimerFireEvent)
    case timerStop(TimerStopEvent)
    case taskCancel(TaskCancelEvent)
    case trySendMiss(TrySendMissEvent)
    case tryReceiveMiss(TryReceiveMissEvent)
    case receiveTimeout(ReceiveTimeoutEvent)
    case actorMake(ActorMakeEvent)
    case actorJobBegin(ActorJobBeginEvent)
    case actorSlice(ActorSliceEvent)
    case actorJobEnd(ActorJobEndEvent)

    /// Every view type, in the order of the event table.
    public static let viewTypes: [any EventView.Type] = [
        MetadataEvent.self,
        ThreadStartEvent.self,
        ThreadStopEvent.self,
        RunFinishEvent.self,
        SampleEvent.self,
        ThreadWakeEvent.self,
        ThreadCPUEvent.self,
        TaskCreateEvent.self,
        RunBeginEvent.self,
        RunEndEvent.self,
        BlockEvent.self,
        UnblockEvent.self,
        TaskEndEvent.self,
        ChannelMakeEvent.self,
        SendEvent.self,
        ReceiveEvent.self,
        CloseEvent.self,
        SelectEvent.self,
        SelectWaitEvent.self,
        SendFailedEvent.self,
        MutexMakeEvent.self,
        LockRequestEvent.self,
        LockAcquireEvent.self,
        LockReleaseEvent.self,
        WaitGroupMakeEvent.self,
        WaitGroupAddEvent.self,
        WaitGroupDoneEvent.self,
        WaitGroupWaitEvent.self,
        ConditionMakeEvent.self,
        ConditionWaitEvent.self,
        ConditionSignalEvent.self,
        ConditionBroadcastEvent.self,
        SleepEvent.self,
        LogEvent.self,
        RegionBeginEvent.self,
        RegionEndEvent.self,
        RWMutexMakeEvent.self,
        ReadRequestEvent.self,
        ReadAcquireEvent.self,
        ReadReleaseEvent.self,
        OnceMakeEvent.self,
        OnceBeginEvent.self,
        OnceEndEvent.self,
        SemaphoreMakeEvent.self,
        SemaphoreAcquireEvent.self,
        SemaphoreReleaseEvent.self,
        TickerMakeEvent.self,
        TickEvent.self,
        TickerStopEvent.self,
        TimerMakeEvent.self,
        TimerFireEvent.self,
        TimerStopEvent.self,
        TaskCancelEvent.self,
        TrySendMissEvent.self,
        TryReceiveMissEvent.self,
        ReceiveTimeoutEvent.self,
        ActorMakeEvent.self,
        ActorJobBeginEvent.self,
        ActorSliceEvent.self,
        ActorJobEndEvent.self,
    ]

    /// The typed form of `event`; nil when an argument is outside its type.
    @inlinable
    public init?(_ event: Event) {
        let a = event.args
        switch event.kind {
        case .metadata: guard let v = MetadataEvent(arguments: a) else { return nil }; self = .metadata(v)
        case .threadStart: guard let v = ThreadStartEvent(arguments: a) else { return nil }; self = .threadStart(v)
        case .threadStop: guard let v = ThreadStopEvent(arguments: a) else { return nil }; self = .threadStop(v)
        case .runFinish: guard let v = RunFinishEvent(arguments: a) else { return nil }; self = .runFinish(v)
        case .sample: guard let v = SampleEvent(arguments: a) else { return nil }; self = .sample(v)
        case .threadWake: guard let v = ThreadWakeEvent(arguments: a) else { return nil }; self = .threadWake(v)
        case .threadCPU: guard let v = ThreadCPUEvent(arguments: a) else { return nil }; self = .threadCPU(v)
        case .taskCreate: guard let v = TaskCreateEvent(arguments: a) else { return nil }; self = .taskCreate(v)
        case .runBegin: guard let v = RunBeginEvent(arguments: a) else { return nil }; self = .runBegin(v)
        case .runEnd: guard let v = RunEndEvent(arguments: a) else { return nil }; self = .runEnd(v)
        case .block: guard let v = BlockEvent(arguments: a) else { return nil }; self = .block(v)
        case .unblock: guard let v = UnblockEvent(arguments: a) else { return nil }; self = .unblock(v)
        case .taskEnd: guard let v = TaskEndEvent(arguments: a) else { return nil }; self = .taskEnd(v)
        case .channelMake: guard let v = ChannelMakeEvent(arguments: a) else { return nil }; self = .channelMake(v)
        case .send: guard let v = SendEvent(arguments: a) else { return nil }; self = .send(v)
        case .receive: guard let v = ReceiveEvent(arguments: a) else { return nil }; self = .receive(v)
        case .close: guard let v = CloseEvent(arguments: a) else { return nil }; self = .close(v)
        case .select: guard let v = SelectEvent(arguments: a) else { return nil }; self = .select(v)
        case .selectWait: guard let v = SelectWaitEvent(arguments: a) else { return nil }; self = .selectWait(v)
        case .sendFailed: guard let v = SendFailedEvent(arguments: a) else { return nil }; self = .sendFailed(v)
        case .mutexMake: guard let v = MutexMakeEvent(arguments: a) else { return nil }; self = .mutexMake(v)
        case .lockRequest: guard let v = LockRequestEvent(arguments: a) else { return nil }; self = .lockRequest(v)
        case .lockAcquire: guard let v = LockAcquireEvent(arguments: a) else { return nil }; self = .lockAcquire(v)
        case .lockRelease: guard let v = LockReleaseEvent(arguments: a) else { return nil }; self = .lockRelease(v)
        case .waitGroupMake: guard let v = WaitGroupMakeEvent(arguments: a) else { return nil }; self = .waitGroupMake(v)
        case .waitGroupAdd: guard let v = WaitGroupAddEvent(arguments: a) else { return nil }; self = .waitGroupAdd(v)
        case .waitGroupDone: guard let v = WaitGroupDoneEvent(arguments: a) else { return nil }; self = .waitGroupDone(v)
        case .waitGroupWait: guard let v = WaitGroupWaitEvent(arguments: a) else { return nil }; self = .waitGroupWait(v)
        case .conditionMake: guard let v = ConditionMakeEvent(arguments: a) else { return nil }; self = .conditionMake(v)
        case .conditionWait: guard let v = ConditionWaitEvent(arguments: a) else { return nil }; self = .conditionWait(v)
        case .conditionSignal: guard let v = ConditionSignalEvent(arguments: a) else { return nil }; self = .conditionSignal(v)
        case .conditionBroadcast: guard let v = ConditionBroadcastEvent(arguments: a) else { return nil }; self = .conditionBroadcast(v)
        case .sleep: guard let v = SleepEvent(arguments: a) else { return nil }; self = .sleep(v)
        case .log: guard let v = LogEvent(arguments: a) else { return nil }; self = .log(v)
        case .regionBegin: guard let v = RegionBeginEvent(arguments: a) else { return nil }; self = .regionBegin(v)
        case .regionEnd: guard let v = RegionEndEvent(arguments: a) else { return nil }; self = .regionEnd(v)
        case .rwMutexMake: guard let v = RWMutexMakeEvent(arguments: a) else { return nil }; self = .rwMutexMake(v)
        case .readRequest: guard let v = ReadRequestEvent(arguments: a) else { return nil }; self = .readRequest(v)
        case .readAcquire: guard let v = ReadAcquireEvent(arguments: a) else { return nil }; self = .readAcquire(v)
        case .readRelease: guard let v = ReadReleaseEvent(arguments: a) else { return nil }; self = .readRelease(v)
        case .onceMake: guard let v = OnceMakeEvent(arguments: a) else { return nil }; self = .onceMake(v)
        case .onceBegin: guard let v = OnceBeginEvent(arguments: a) else { return nil }; self = .onceBegin(v)
        case .onceEnd: guard let v = OnceEndEvent(arguments: a) else { return nil }; self = .onceEnd(v)
        case .semaphoreMake: guard let v = SemaphoreMakeEvent(arguments: a) else { return nil }; self = .semaphoreMake(v)
        case .semaphoreAcquire: guard let v = SemaphoreAcquireEvent(arguments: a) else { return nil }; self = .semaphoreAcquire(v)
        case .semaphoreRelease: guard let v = SemaphoreReleaseEvent(arguments: a) else { return nil }; self = .semaphoreRelease(v)
        case .tickerMake: guard let v = TickerMakeEvent(arguments: a) else { return nil }; self = .tickerMake(v)
        case .tick: guard let v = TickEvent(arguments: a) else { return nil }; self = .tick(v)
        case .tickerStop: guard let v = TickerStopEvent(arguments: a) else { return nil }; self = .tickerStop(v)
        case .timerMake: guard let v = TimerMakeEvent(arguments: a) else { return nil }; self = .timerMake(v)
        case .timerFire: guard let v = TimerFireEvent(arguments: a) else { return nil }; self = .timerFire(v)
        case .timerStop: guard let v = TimerStopEvent(arguments: a) else { return nil }; self = .timerStop(v)
        case .taskCancel: guard let v = TaskCancelEvent(arguments: a) else { return nil }; self = .taskCancel(v)
        case .trySendMiss: guard let v = TrySendMissEvent(arguments: a) else { return nil }; self = .trySendMiss(v)
        case .tryReceiveMiss: guard let v = TryReceiveMissEvent(arguments: a) else { return nil }; self = .tryReceiveMiss(v)
        case .receiveTimeout: guard let v = ReceiveTimeoutEvent(arguments: a) else { return nil }; self = .receiveTimeout(v)
        case .actorMake: guard let v = ActorMakeEvent(arguments: a) else { return nil }; self = .actorMake(v)
        case .actorJobBegin: guard let v = ActorJobBeginEvent(arguments: a) else { return nil }; self = .actorJobBegin(v)
        case .actorSlice: guard let v = ActorSliceEvent(arguments: a) else { return nil }; self = .actorSlice(v)
        case .actorJobEnd: guard let v = ActorJobEndEvent(arguments: a) else { return nil }; self = .actorJobEnd(v)
        }
    }

    /// The kind of the event.
    @inlinable
    public var kind: EventKind {
        switch self {
        case .metadata: .metadata
        case .threadStart: .threadStart
        case .threadStop: .threadStop
        case .runFinish: .runFinish
        case .sample: .sample
        case .threadWake: .threadWake
        case .threadCPU: .threadCPU
        case .taskCreate: .taskCreate
        case .runBegin: .runBegin
        case .runEnd: .runEnd
        case .block: .block
        case .unblock: .unblock
        case .taskEnd: .taskEnd
        case .channelMake: .channelMake
        case .send: .send
        case .receive: .receive
        case .close: .close
        case .select: .select
        case .selectWait: .selectWait
        case .sendFailed: .sendFailed
        case .mutexMake: .mutexMake
        case .lockRequest: .lockRequest
        case .lockAcquire: .lockAcquire
        case .lockRelease: .lockRelease
        case .waitGroupMake: .waitGroupMake
        case .waitGroupAdd: .waitGroupAdd
        case .waitGroupDone: .waitGroupDone
        case .waitGroupWait: .waitGroupWait
        case .conditionMake: .conditionMake
        case .conditionWait: .conditionWait
        case .conditionSignal: .conditionSignal
        case .conditionBroadcast: .conditionBroadcast
        case .sleep: .sleep
        case .log: .log
        case .regionBegin: .regionBegin
        case .regionEnd: .regionEnd
        case .rwMutexMake: .rwMutexMake
        case .readRequest: .readRequest
        case .readAcquire: .readAcquire
        case .readRelease: .readRelease
        case .onceMake: .onceMake
        case .onceBegin: .onceBegin
        case .onceEnd: .onceEnd
        case .semaphoreMake: .semaphoreMake
        case .semaphoreAcquire: .semaphoreAcquire
        case .semaphoreRelease: .semaphoreRelease
        case .tickerMake: .tickerMake
        case .tick: .tick
        case .tickerStop: .tickerStop
        case .timerMake: .timerMake
        case .timerFire: .timerFire
        case .timerStop: .timerStop
        case .taskCancel: .taskCancel
        case .trySendMiss: .trySendMiss
        case .tryReceiveMiss: .tryReceiveMiss
        case .receiveTimeout: .receiveTimeout
        case .actorMake: .actorMake
        case .actorJobBegin: .actorJobBegin
        case .actorSlice: .actorSlice
        case .actorJobEnd: .actorJobEnd
        }
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments {
        switch self {
        case .metadata(let v): v.arguments
        case .threadStart(let v): v.arguments
        case .threadStop(let v): v.arguments
        case .runFinish(let v): v.arguments
        case .sample(let v): v.arguments
        case .threadWake(let v): v.arguments
        case .threadCPU(let v): v.arguments
        case .taskCreate(let v): v.arguments
        case .runBegin(let v): v.arguments
        case .runEnd(let v): v.arguments
        case .block(let v): v.arguments
        case .unblock(let v): v.arguments
        case .taskEnd(let v): v.arguments
        case .channelMake(let v): v.arguments
        case .send(let v): v.arguments
        case .receive(let v): v.arguments
        case .close(let v): v.arguments
        case .select(let v): v.arguments
        case .selectWait(let v): v.arguments
        case .sendFailed(let v): v.arguments
        case .mutexMake(let v): v.arguments
        case .lockRequest(let v): v.arguments
        case .lockAcquire(let v): v.arguments
        case .lockRelease(let v): v.arguments
        case .waitGroupMake(let v): v.arguments
        case .waitGroupAdd(let v): v.arguments
        case .waitGroupDone(let v): v.arguments
        case .waitGroupWait(let v): v.arguments
        case .conditionMake(let v): v.arguments
        case .conditionWait(let v): v.arguments
        case .conditionSignal(let v): v.arguments
        case .conditionBroadcast(let v): v.arguments
        case .sleep(let v): v.arguments
        case .log(let v): v.arguments
        case .regionBegin(let v): v.arguments
        case .regionEnd(let v): v.arguments
        case .rwMutexMake(let v): v.arguments
        case .readRequest(let v): v.arguments
        case .readAcquire(let v): v.arguments
        case .readRelease(let v): v.arguments
        case .onceMake(let v): v.arguments
        case .onceBegin(let v): v.arguments
        case .onceEnd(let v): v.arguments
        case .semaphoreMake(let v): v.arguments
        case .semaphoreAcquire(let v): v.arguments
        case .semaphoreRelease(let v): v.arguments
        case .tickerMake(let v): v.arguments
        case .tick(let v): v.arguments
        case .tickerStop(let v): v.arguments
        case .timerMake(let v): v.arguments
        case .timerFire(let v): v.arguments
        case .timerStop(let v): v.arguments
        case .taskCancel(let v): v.arguments
        case .trySendMiss(let v): v.arguments
        case .tryReceiveMiss(let v): v.arguments
        case .receiveTimeout(let v): v.arguments
        case .actorMake(let v): v.arguments
        case .actorJobBegin(let v): v.arguments
        case .actorSlice(let v): v.arguments
        case .actorJobEnd(let v): v.arguments
        }
    }
}
