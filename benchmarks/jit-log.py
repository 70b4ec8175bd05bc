#!/usr/bin/env python3
"""What the JIT compilers spend their time on, from a HotSpot compilation log (docs/performance.md,
"Session 7: the JIT's share").

  SLUICE_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=/tmp/c.log" \
      benchmarks/s3-thread-cpu.py DIST LABEL
  benchmarks/jit-log.py /tmp/c.log [FROM_SECONDS]

Prints compile time per second of the run by tier, time per package for C2 (tier 4) and C1 (tiers 1-3)
for the tasks started at or after FROM_SECONDS (seconds since JVM start; default 0), the longest C2
tasks with their code size, number of inlined calls and the time each was queued (a hot method waiting long
in C2's queue runs in C1's code meanwhile; "Session 18: the warm-up's own compile"), the methods C2 compiled
more than once and the uncommon traps that threw compiled code away. Task times are the log's wall-clock
stamps: on a loaded machine they are several times the compiler threads' CPU, so compare them with each
other, not with s3-thread-cpu.py's figures.
"""
import collections, re, sys

log = open(sys.argv[1], errors="replace").read()
since = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
ATTR = re.compile(r"(\w+)='([^']*)'")
queued = {a["compile_id"]: float(a["stamp"])
          for a in (dict(ATTR.findall(m.group(1))) for m in re.finditer(r"<task_queued ([^>]*)/>", log))}
tasks = []
for m in re.finditer(r"<task (compile_id='\d+'[^>]*?)>(.*?)<task_done ([^>]*?)/>", log, re.S):
    a, done = dict(ATTR.findall(m.group(1))), dict(ATTR.findall(m.group(3)))
    start = float(a["stamp"])
    tasks.append(dict(id=a["compile_id"], method=a["method"], tier=int(a.get("level", "4")), osr="osr_bci" in a,
                      start=start, queued=queued.get(a["compile_id"], start), secs=float(done["stamp"]) - start,
                      nmsize=int(done.get("nmsize", 0)), inlined=m.group(2).count("<inline_success")))

def package(method):
    parts = method.split(" ")[0].split(".")
    return ".".join(parts[:4] if parts[:2] == ["io", "sluice"] else parts[:3])

print("second  tier1 / tier2 / tier3 / tier4 (tasks/seconds)")
per_second = collections.defaultdict(collections.Counter)
for t in tasks:
    c = per_second[int(t["start"])]; c[t["tier"]] += 1; c[-t["tier"]] += t["secs"]
for s in sorted(per_second):
    c = per_second[s]
    print(f"{s:5d}   " + "  ".join(f"{c[k]:4d}/{c[-k]:5.2f}s" for k in (1, 2, 3, 4)))

recent = [t for t in tasks if t["start"] >= since]
for title, tiers in (("C2 (tier 4)", {4}), ("C1 (tiers 1-3)", {1, 2, 3})):
    by = collections.defaultdict(lambda: [0, 0.0])
    for t in recent:
        if t["tier"] in tiers: by[package(t["method"])][0] += 1; by[package(t["method"])][1] += t["secs"]
    total = sum(v[1] for v in by.values())
    print(f"\n{title} from {since}s: {sum(v[0] for v in by.values())} tasks, {total:.2f}s")
    for k, (n, secs) in sorted(by.items(), key=lambda kv: -kv[1][1])[:20]:
        print(f"  {secs:6.2f}s {100 * secs / max(total, 1e-9):4.0f}% {n:5d}  {k}")

print("\nlongest C2 tasks")
for t in sorted((t for t in recent if t["tier"] == 4), key=lambda t: -t["secs"])[:25]:
    print(f"  {t['secs']:6.3f}s @{t['start']:6.2f} queued @{t['queued']:6.2f} nmsize {t['nmsize']:6d} "
          f"inlined {t['inlined']:3d} {'OSR ' if t['osr'] else ''}{t['method'].split(' (')[0]}")

print("\nC2 compiled more than once (OSR compiles included)")
again = collections.Counter(t["method"] for t in tasks if t["tier"] == 4)
for k, n in again.most_common():
    if n > 1:
        print(f"  {n} x {sum(t['secs'] for t in tasks if t['tier'] == 4 and t['method'] == k):6.3f}s  {k.split(' (')[0]}")

print("\nC2 code thrown away by uncommon traps (reason, innermost method and bci)")
for m in re.finditer(r"<uncommon_trap thread='\d+' reason='(\w+)' action='(\w+)' debug_id='\d+' compile_id='(\d+)' "
                     r"compiler='c2'[^>]*stamp='([\d.]+)'>\s*<jvms bci='(\d+)' method='([^']*)'", log):
    print(f"  @{float(m.group(4)):6.2f} {m.group(1)}/{m.group(2)} compile {m.group(3)} at bci {m.group(5)} of {m.group(6).split(' (')[0]}")
