/// A small thread-per-task trace of a ready task waiting to enter a busy actor, in the text form. The trace records
/// the wait as runnable (woken, its thread not resumed) and a hop of 2 µs onto the actor; the model names it a wait
/// for the actor.
public enum ActorEntryTraceText {
    /// main (t1) starts a holder (t2), which takes actor ac1 from 0.22 to 3.0 ms on its thread T2, and a waiter (t3),
    /// which sleeps 1 ms on T3, is woken at 1.32 ms, resumes at 3.05 ms, hops at once onto ac1 and runs there.
    public static let text = """
    0 T1 - metadata key="scheduler" value="thread-per-task"
    0 T1 - metadata key="workers" value="0"
    0 T1 - metadata key="cores" value="2"
    0 T1 - threadStart tid=100 role=main index=0
    0 T9 - threadStart tid=109 role=timer index=0
    100000 T1 - taskCreate task=t1 parent=- name="main" site=""
    110000 T1 t1 runBegin task=t1
    120000 T1 t1 taskCreate task=t2 parent=t1 name="holder" site=""
    130000 T1 t1 taskCreate task=t3 parent=t1 name="waiter" site=""
    140000 T1 t1 block reason=suspended object=-
    140100 T1 t1 runEnd task=t1 reason=blocked
    200000 T2 - threadStart tid=101 role=task-thread index=1
    210000 T2 t2 runBegin task=t2
    220000 T2 t2 block reason=suspended object=-
    220100 T2 t2 runEnd task=t2 reason=blocked
    220200 T2 - actorJobBegin actor=ac1
    300000 T3 - threadStart tid=102 role=task-thread index=2
    310000 T3 t3 runBegin task=t3
    320000 T3 t3 sleep duration=1000000ns
    320100 T3 t3 block reason=sleep object=-
    320200 T3 t3 runEnd task=t3 reason=blocked
    1320000 T9 - unblock task=t3
    3000000 T2 - actorSlice actor=ac1 task=t2
    3000100 T2 - unblock task=t2
    3000200 T2 - actorJobEnd actor=ac1
    3000300 T2 t2 runBegin task=t2
    3050000 T3 t3 runBegin task=t3
    3052000 T3 t3 block reason=suspended object=-
    3052100 T3 t3 runEnd task=t3 reason=blocked
    3052200 T3 - actorJobBegin actor=ac1
    3100000 T2 t2 taskEnd task=t2 outcome=returned message=""
    3100000 T2 t2 runEnd task=t2 reason=finished
    3500000 T3 - actorSlice actor=ac1 task=t3
    3500100 T3 - unblock task=t3
    3500200 T3 - actorJobEnd actor=ac1
    3500300 T3 t3 runBegin task=t3
    3600000 T3 t3 taskEnd task=t3 outcome=returned message=""
    3600000 T3 t3 runEnd task=t3 reason=finished
    3700000 T1 - unblock task=t1
    3710000 T1 t1 runBegin task=t1
    3800000 T1 t1 taskEnd task=t1 outcome=returned message=""
    3800000 T1 t1 runEnd task=t1 reason=finished
    4000000 T1 - threadStop
    4000000 T2 - threadStop
    4000000 T3 - threadStop
    4000000 T9 - threadStop
    4000000 T1 - runFinish outcome=completed message=""
    """

}
