#!/usr/bin/env python3
"""Checks Weft's Perfetto protobuf exports against Perfetto's own schema (the `perfetto` package's generated classes).

For each file: it parses as a perfetto.protos.Trace; every packet names its sequence, and each sequence clears its
incremental state before using it; every interned id (event names, debug annotation names and string values) is
defined on its sequence before its use; every track an event uses (its track_uuid, or its sequence's default, and
its extra counter tracks) is described by a TrackDescriptor; every slice end matches a begin on its track; in time
order, a flow id starts only when free and ends only when started (ids are reused after a terminating event), never
ending before its start; timestamps are delta-encoded on each sequence's incremental clock; there is one process,
its id is one of its threads' (else the viewer shows an empty thread), no two threads share a tid. Prints one JSON
line per file: counts (slices, instants, flows, open flows, counter values, tracks), the thread tracks' and the
process's child tracks' names in the order their sibling ranks give, and the problems; exits 1 when any file has a
problem.
"""
import json
import sys

from perfetto.protos.perfetto.trace import perfetto_trace_pb2 as pb

SEQ_INCREMENTAL_STATE_CLEARED = 1
TYPE_SLICE_BEGIN, TYPE_SLICE_END, TYPE_INSTANT, TYPE_COUNTER = 1, 2, 3, 4


def check(path):
    problems = []
    trace = pb.Trace()
    with open(path, "rb") as f:
        trace.ParseFromString(f.read())
    tracks = {}          # uuid -> descriptor
    used_tracks = set()
    interned = {}        # (seq, kind) -> set of iids
    cleared = set()      # sequences whose state was cleared
    defaults = {}        # seq -> TracePacketDefaults
    clocks = {}          # (seq, clock id) -> current value, for incremental clocks
    incremental = set()  # (seq, clock id)
    events = []          # (ts, order, track, type, flow ids, terminating ids)
    counts = {"packets": 0, "slices": 0, "instants": 0, "counter_values": 0, "tracks": 0,
              "message_flows": 0, "spawn_flows": 0, "open_flows": 0}
    for order, packet in enumerate(trace.packet):
        counts["packets"] += 1
        if not packet.HasField("trusted_packet_sequence_id"):
            problems.append(f"packet {order}: no trusted_packet_sequence_id")
        seq = packet.trusted_packet_sequence_id
        if packet.sequence_flags & SEQ_INCREMENTAL_STATE_CLEARED:
            cleared.add(seq)
            for key in [k for k in interned if k[0] == seq]:
                del interned[key]
            defaults.pop(seq, None)
        if packet.HasField("trace_packet_defaults"):
            defaults[seq] = packet.trace_packet_defaults
        if packet.HasField("clock_snapshot"):
            for clock in packet.clock_snapshot.clocks:
                if clock.is_incremental:
                    incremental.add((seq, clock.clock_id))
                    clocks[(seq, clock.clock_id)] = clock.timestamp
        if packet.HasField("interned_data"):
            if seq not in cleared:
                problems.append(f"packet {order}: interned data on sequence {seq} before its state was cleared")
            data = packet.interned_data
            for kind, entries in (("event_names", data.event_names), ("debug_annotation_names", data.debug_annotation_names),
                                  ("debug_annotation_string_values", data.debug_annotation_string_values)):
                ids = interned.setdefault((seq, kind), set())
                for entry in entries:
                    if entry.iid in ids:
                        problems.append(f"packet {order}: {kind} iid {entry.iid} defined twice")
                    ids.add(entry.iid)
        if packet.HasField("track_descriptor"):
            d = packet.track_descriptor
            if d.uuid in tracks:
                problems.append(f"packet {order}: track {d.uuid} described twice")
            tracks[d.uuid] = d
            counts["tracks"] += 1
        if not packet.HasField("track_event"):
            continue
        e = packet.track_event
        if seq not in cleared:
            problems.append(f"packet {order}: track event on sequence {seq} before its state was cleared")
        # Time.
        d = defaults.get(seq)
        clock_id = packet.timestamp_clock_id if packet.HasField("timestamp_clock_id") else (
            d.timestamp_clock_id if d is not None and d.HasField("timestamp_clock_id") else 6)
        if (seq, clock_id) in incremental:
            clocks[(seq, clock_id)] += packet.timestamp
            ts = clocks[(seq, clock_id)]
        else:
            ts = packet.timestamp
        # Interned ids.
        def need(kind, iid, what):
            if iid not in interned.get((seq, kind), set()):
                problems.append(f"packet {order}: {what} iid {iid} used before it is defined")
        if e.HasField("name_iid"):
            need("event_names", e.name_iid, "event name")
        for a in e.debug_annotations:
            if a.HasField("name_iid"):
                need("debug_annotation_names", a.name_iid, "debug annotation name")
            if a.HasField("string_value_iid"):
                need("debug_annotation_string_values", a.string_value_iid, "debug annotation string value")
        # Tracks.
        track = e.track_uuid if e.HasField("track_uuid") else (
            d.track_event_defaults.track_uuid if d is not None and d.track_event_defaults.HasField("track_uuid") else None)
        if track is None:
            problems.append(f"packet {order}: track event without a track")
            continue
        used_tracks.add(track)
        extra = list(e.extra_counter_track_uuids) or (list(d.track_event_defaults.extra_counter_track_uuids) if d else [])
        if e.extra_counter_values:
            if len(e.extra_counter_values) > len(extra):
                problems.append(f"packet {order}: {len(e.extra_counter_values)} extra counter values for {len(extra)} tracks")
            used_tracks.update(extra[:len(e.extra_counter_values)])
            counts["counter_values"] += len(e.extra_counter_values)
        if e.type == TYPE_COUNTER:
            counts["counter_values"] += 1
        elif e.type == TYPE_SLICE_BEGIN:
            counts["slices"] += 1
        elif e.type == TYPE_INSTANT:
            counts["instants"] += 1
        events.append((ts, order, track, e.type, list(e.flow_ids) + list(e.flow_ids_old),
                       list(e.terminating_flow_ids) + list(e.terminating_flow_ids_old)))
    for track in sorted(used_tracks - set(tracks)):
        problems.append(f"track {track} is used but never described")
    for uuid, d in tracks.items():
        if d.HasField("parent_uuid") and d.parent_uuid not in tracks:
            problems.append(f"track {uuid}'s parent {d.parent_uuid} is not described")
    # One process; its id is a thread's; tids distinct.
    processes = [d for d in tracks.values() if d.HasField("process")]
    threads = [d for d in tracks.values() if d.HasField("thread")]
    if len(processes) != 1:
        problems.append(f"{len(processes)} processes described; expected one")
    else:
        pid = processes[0].process.pid
        if any(t.thread.pid != pid for t in threads):
            problems.append("a thread of another process")
        if threads and pid not in {t.thread.tid for t in threads}:
            problems.append(f"the process's id {pid} is no thread's: the viewer would show an empty thread")
    if len({t.thread.tid for t in threads}) != len(threads):
        problems.append("two thread tracks share a tid")
    by_rank = lambda ds: [x.name or x.thread.thread_name for x in sorted(ds, key=lambda x: (x.sibling_order_rank, x.uuid))]
    counts["thread_order"] = by_rank(threads)
    counts["task_order"] = by_rank([x for x in tracks.values() if x.HasField("parent_uuid") and not x.HasField("counter")])
    # Slices: per track, in time order (file order among equal times), every end closes an open begin. Flows: an id
    # starts when free, ends when started; the end's type tells a spawn's flow (a slice begin) from a message's.
    depth = {}
    open_flows = {}
    for ts, order, track, kind, flows, terminating in sorted(events):
        if kind == TYPE_SLICE_BEGIN:
            depth[track] = depth.get(track, 0) + 1
        elif kind == TYPE_SLICE_END:
            if depth.get(track, 0) == 0:
                problems.append(f"packet {order}: slice end at {ts} ns on track {track} without a begin")
            else:
                depth[track] -= 1
        for f in terminating:
            if f not in open_flows:
                problems.append(f"packet {order}: flow {f} ends at {ts} ns without a start")
                continue
            if ts < open_flows.pop(f):
                problems.append(f"flow {f} ends at {ts} ns, before it starts")
            counts["spawn_flows" if kind == TYPE_SLICE_BEGIN else "message_flows"] += 1
        for f in flows:
            if f in open_flows:
                problems.append(f"packet {order}: flow {f} starts again at {ts} ns before its end")
            open_flows[f] = ts
    counts["open_flows"] = len(open_flows)
    counts["open_slices_at_end"] = sum(depth.values())
    return counts, problems


def main(paths):
    failed = False
    for path in paths:
        try:
            counts, problems = check(path)
        except Exception as error:  # a file the schema cannot parse
            counts, problems = {}, [f"cannot parse as a Perfetto trace: {error}"]
        print(json.dumps({"file": path, "counts": counts, "problems": problems[:20], "problem_count": len(problems)}))
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: check_pftrace.py FILE.pftrace…", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
