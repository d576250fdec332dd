import Testing
import WeftTrace

@Suite("Deadlock advice")
struct DeadlockAdviceTests {
    @Test("the advice fits the kind of wait the cycle is made of, and falls back to the general rule for a mix")
    func fitsTheCycle() {
        #expect(DeadlockAdvice.fix([.mutex, .mutex, .readLock]).hasPrefix("Fix: each task holds one lock while it waits "
            + "for the next: take the locks in one global order"))
        #expect(DeadlockAdvice.fix([.channelSend, .channelReceive]).contains("give every send a receiver"))
        #expect(DeadlockAdvice.fix([.waitGroup, .waitGroup]).contains("call done() once for every add()"))
        #expect(DeadlockAdvice.fix([.condition]).contains("signal the condition"))
        #expect(DeadlockAdvice.fix([.join, .join]).contains("never join a task that waits on the joiner"))
        let general = "Fix: make sure every wait has a task that will end it (send/receive pairs, unlock after lock, "
            + "done() for every add()), or take locks in one global order."
        #expect(DeadlockAdvice.fix([.mutex, .channelReceive]) == general)
        #expect(DeadlockAdvice.fix([]) == general)
        // Every advice is one line, so the message keeps one finding a line.
        for reason in BlockReason.allCases { #expect(!DeadlockAdvice.fix([reason]).contains("\n")) }
    }
}
