#!/usr/bin/env python3
"""Folds a JFR recording into flame-graph input and a summary (bench/profile.sh runs it; by hand too):
  jfr-fold.py RECORDING.jfr OUT_PREFIX
writes OUT_PREFIX.cpu.folded (jdk.ExecutionSample stacks, "root;...;leaf count" lines: the input of flamegraph.pl,
speedscope or any flame-graph viewer), OUT_PREFIX.alloc.folded (jdk.ObjectAllocationSample stacks weighted by bytes)
and OUT_PREFIX.summary.txt (top frames by self and total samples, top allocation sites)."""
import collections, json, subprocess, sys

rec, out = sys.argv[1], sys.argv[2]

def events(kind):
    text = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", kind, rec],
                          capture_output=True, text=True, check=True).stdout
    return json.loads(text)["recording"]["events"]

def frames(e):
    st = e["values"].get("stackTrace")
    if not st:
        return []
    fs = []
    for f in reversed(st["frames"]):
        m = f["method"]
        cls = m["type"]["name"].split(".")[-1] if m["type"]["name"].startswith("java.") else m["type"]["name"]
        fs.append(cls + "." + m["name"])
    return fs

def fold(kind, weight, path):
    folded = collections.Counter()
    self_ = collections.Counter()
    total = collections.Counter()
    n = 0
    for e in events(kind):
        fs = frames(e)
        if not fs:
            continue
        w = weight(e)
        n += w
        folded[";".join(f.replace(";", ":") for f in fs)] += w
        self_[fs[-1]] += w
        for f in set(fs):
            total[f] += w
    with open(path, "w") as f:
        for k, v in folded.most_common():
            f.write(f"{k} {v}\n")
    return n, self_, total

with open(out + ".summary.txt", "w") as s:
    n, self_, total = fold("jdk.ExecutionSample", lambda e: 1, out + ".cpu.folded")
    s.write(f"CPU samples (jdk.ExecutionSample): {n}\n\nTop frames by self samples:\n")
    for k, v in self_.most_common(40):
        s.write(f"  {100 * v / max(n, 1):5.1f}%  {k}\n")
    s.write("\nTop frames by total samples (the frame is on the stack):\n")
    for k, v in total.most_common(70):
        s.write(f"  {100 * v / max(n, 1):5.1f}%  {k}\n")
    n, self_, total = fold("jdk.ObjectAllocationSample", lambda e: int(e["values"].get("weight", 0)), out + ".alloc.folded")
    s.write(f"\nAllocation (jdk.ObjectAllocationSample, bytes weighted): {n / 1048576:.0f} MiB sampled\n")
    s.write("Top allocating frames (total, the frame is on the stack):\n")
    for k, v in total.most_common(60):
        s.write(f"  {100 * v / max(n, 1):5.1f}%  {k}\n")
