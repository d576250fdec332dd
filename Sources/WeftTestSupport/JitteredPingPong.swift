import WeftTrace

/// A scripted ping-pong trace whose pieces are all far shorter than the run, as in `weft run pingpong`: what a model
/// built for a picture (`PictureDetail`) joins once it is over a small budget.
public enum JitteredPingPong {
    /// Two tasks on two pool threads handing a message back and forth `rounds` times at uneven intervals (about ten
    /// events a round).
    public static func events(rounds: Int) -> EventList {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 1, role: .worker, index: 0)
        s.thread(0, 2, tid: 2, role: .worker, index: 1)
        s.create(1, on: 1, 1, name: "pinger")
        s.create(1, on: 1, 2, name: "ponger")
        s.channel(2, on: 1, 10, capacity: 0, name: "ping")
        s.channel(2, on: 1, 11, capacity: 0, name: "pong")
        s.begin(3, on: 2, 2)
        s.wait(4, on: 2, .channelReceive, 10)
        var t: UInt64 = 10
        var jitter: UInt64 = 7
        for i in 1 ... UInt64(rounds) {
            jitter = (jitter &* 1_103_515_245 &+ 12_345) % 2_048
            s.begin(t, on: 1, 1)
            if i > 1 { s.receive(t + 1, on: 1, 11, seq: i - 1) }
            s.send(t + 2 + jitter % 5, on: 1, 10, seq: i)
            s.unblock(t + 8, on: 1, 2)
            s.wait(t + 9, on: 1, .channelReceive, 11)
            s.begin(t + 11 + jitter % 3, on: 2, 2)
            s.receive(t + 14, on: 2, 10, seq: i)
            s.send(t + 16, on: 2, 11, seq: i)
            s.unblock(t + 17, on: 2, 1)
            s.wait(t + 19 + jitter % 4, on: 2, .channelReceive, 10)
            t += 30 + jitter % 11
        }
        s.runFinish(t, .completed)
        s.list.rewind()
        return s.list
    }
}
