/// Typed views of the events of one area: tickers and timers. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `tickerMake` event: a ticker that ticks every period is made.
public struct TickerMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .tickerMake }
    public static let spec = EventSpec(.tickerMake, "tickerMake", [.init("timer", .timer), .init("period", .duration), .init("name", .string)],
                                       "A ticker that ticks every period is made.")

    /// The new ticker.
    public var timer: TimerID
    /// Time between ticks.
    public var period: UInt64
    /// Its name.
    public var name: StringID

    @inlinable
    public init(timer: TimerID, period: UInt64, name: StringID) {
        self.timer = timer
        self.period = period
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        timer = TimerID(rawValue: raw.a0)
        period = raw.a1
        name = StringID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(timer.rawValue, period, name.rawValue) }
}

/// A `tick` event: the running task takes tick number tick of the ticker; missed ticks passed unobserved.
public struct TickEvent: EventView {
    @inlinable public static var kind: EventKind { .tick }
    public static let spec = EventSpec(.tick, "tick", [.init("timer", .timer), .init("tick", .uint), .init("missed", .uint)],
                                       "The running task takes tick number tick of the ticker; missed ticks passed unobserved.")

    /// The ticker.
    public var timer: TimerID
    /// The tick's number, from 1 (period times tick after the ticker was made).
    public var tick: UInt64
    /// Ticks that passed unobserved since the last one the task took.
    public var missed: UInt64

    @inlinable
    public init(timer: TimerID, tick: UInt64, missed: UInt64) {
        self.timer = timer
        self.tick = tick
        self.missed = missed
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        timer = TimerID(rawValue: raw.a0)
        tick = raw.a1
        missed = raw.a2
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(timer.rawValue, tick, missed) }
}

/// A `tickerStop` event: the ticker is stopped: no more ticks; its waiters go on.
public struct TickerStopEvent: EventView {
    @inlinable public static var kind: EventKind { .tickerStop }
    public static let spec = EventSpec(.tickerStop, "tickerStop", [.init("timer", .timer)],
                                       "The ticker is stopped: no more ticks; its waiters go on.")

    /// The ticker stopped.
    public var timer: TimerID

    @inlinable
    public init(timer: TimerID) {
        self.timer = timer
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        timer = TimerID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(timer.rawValue) }
}

/// A `timerMake` event: a one-shot timer that fires after delay is made.
public struct TimerMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .timerMake }
    public static let spec = EventSpec(.timerMake, "timerMake", [.init("timer", .timer), .init("delay", .duration), .init("name", .string)],
                                       "A one-shot timer that fires after delay is made.")

    /// The new timer.
    public var timer: TimerID
    /// Time until it fires.
    public var delay: UInt64
    /// Its name.
    public var name: StringID

    @inlinable
    public init(timer: TimerID, delay: UInt64, name: StringID) {
        self.timer = timer
        self.delay = delay
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        timer = TimerID(rawValue: raw.a0)
        delay = raw.a1
        name = StringID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(timer.rawValue, delay, name.rawValue) }
}

/// A `timerFire` event: the running task sees the timer fire (recorded once, by the first task that sees it).
public struct TimerFireEvent: EventView {
    @inlinable public static var kind: EventKind { .timerFire }
    public static let spec = EventSpec(.timerFire, "timerFire", [.init("timer", .timer)],
                                       "The running task sees the timer fire (recorded once, by the first task that sees it).")

    /// The timer that fired.
    public var timer: TimerID

    @inlinable
    public init(timer: TimerID) {
        self.timer = timer
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        timer = TimerID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(timer.rawValue) }
}

/// A `timerStop` event: the timer is stopped before it fired; its waiters go on.
public struct TimerStopEvent: EventView {
    @inlinable public static var kind: EventKind { .timerStop }
    public static let spec = EventSpec(.timerStop, "timerStop", [.init("timer", .timer)],
                                       "The timer is stopped before it fired; its waiters go on.")

    /// The timer stopped before it fired.
    public var timer: TimerID

    @inlinable
    public init(timer: TimerID) {
        self.timer = timer
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        timer = TimerID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(timer.rawValue) }
}
