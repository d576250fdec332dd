/// A small trace in the text form of two callers on one actor: t2 finds it idle (its actor job starts on T1 and runs
/// t2's call, 100–150), t3 queues behind t2 and runs next in the same job (150–200). Every figure of the model, the
/// stats, the exports and the picture follows from these lines.
public enum ActorTraceText {
    public static let text = """
        0 T1 - threadStart tid=700 role=worker index=0
        0 T2 - threadStart tid=701 role=worker index=1
        1 T1 - metadata key="scheduler" value="multiplexed"
        10 T1 - taskCreate task=t1 parent=- name="main" site=""
        20 T1 t1 runBegin task=t1
        30 T1 t1 taskCreate task=t2 parent=t1 name="caller a" site=""
        31 T1 t1 taskCreate task=t3 parent=t1 name="caller b" site=""
        40 T1 t1 block reason=suspended object=-
        41 T1 t1 runEnd task=t1 reason=blocked
        50 T1 t2 runBegin task=t2
        60 T1 t2 actorMake actor=ac5 type="Cache"
        70 T1 t2 block reason=suspended object=-
        71 T1 t2 runEnd task=t2 reason=blocked
        80 T2 t3 runBegin task=t3
        90 T2 t3 block reason=suspended object=-
        91 T2 t3 runEnd task=t3 reason=blocked
        100 T1 - actorJobBegin actor=ac5
        150 T1 - actorSlice actor=ac5 task=t2
        151 T1 - unblock task=t2
        200 T1 - actorSlice actor=ac5 task=t3
        201 T1 - unblock task=t3
        210 T1 - actorJobEnd actor=ac5
        220 T1 t2 runBegin task=t2
        230 T1 t2 runEnd task=t2 reason=finished
        231 T1 - taskEnd task=t2 outcome=returned message=""
        240 T2 t3 runBegin task=t3
        250 T2 t3 unblock task=t1
        251 T2 t3 runEnd task=t3 reason=finished
        252 T2 - taskEnd task=t3 outcome=returned message=""
        270 T1 t1 runBegin task=t1
        280 T1 t1 runEnd task=t1 reason=finished
        281 T1 - taskEnd task=t1 outcome=returned message=""
        290 T1 - runFinish outcome=completed message=""
        """
}
