#!/usr/bin/env python3
"""Where an S3 event's CPU goes, by daemon thread (docs/performance.md, "Session 6").

Starts DIST/bin/sluice with S3's pipeline (syslog over TCP -> blackhole, defaults; the blackhole's rate line
every 100 ms is how the run's end is seen, as shared/bench does, so no /metrics scrape adds CPU), sends DATA
REPEAT times over one connection with socat, and prints the daemon's CPU-seconds per event and each thread's
share, from /proc/<pid>/task/*/stat: for the whole run (ready -> last event counted) and, with REPEAT > 1,
for the window after the first pass (JIT mostly done).

  benchmarks/s3-thread-cpu.py DIST LABEL
  env: DATA (the S3 file; written first with LoadDriver's seeded Data.syslogLine when missing, which needs
       the benchmarks module built: benchmarks/target/classpath.txt; default /tmp/sluice-s3.data),
       EVENTS (lines in DATA, default 1000000), REPEAT (default 1), SLUICE_JAVA_OPTS, EXTRA (YAML appended),
       INPUT (the input's YAML flow map instead of S3's syslog one, with {port}: S1 is
       INPUT='{type: tcp, format: json, listen: "127.0.0.1:{port}"}' DATA=.../app.jsonl EVENTS=2000000),
       LATE (the second window starts after this many passes instead of 1: C2's late compiles are done
       about 5 M events in, "Session 11: the size of C2's compiles"),
       KEEP=1 keeps the run directory (stderr.log), DRAIN=1 also waits for the JIT compilers to go idle and
       prints their CPU since ready and since start (the JIT's CPU per start)
"""
import os, sys, subprocess, time, socket, re, urllib.request, tempfile, collections, shutil
dist, label = sys.argv[1], sys.argv[2]
repeat = int(os.environ.get("REPEAT", "1"))
data = os.environ.get("DATA", "/tmp/sluice-s3.data")
events1 = int(os.environ.get("EVENTS", "1000000"))
total = events1 * repeat
GEN = """import java.io.*; import java.nio.charset.StandardCharsets; import java.util.Random;
public class Gen { public static void main(String[] a) throws Exception {
  long n = Long.parseLong(a[1]); Random r = new Random(20261125); // LoadDriver's seed: the same bytes
  try (OutputStream o = new BufferedOutputStream(new FileOutputStream(a[0]), 1 << 20)) {
    for (long i = 0; i < n; i++) o.write((io.sluice.bench.Data.syslogLine(i, r) + "\\n").getBytes(StandardCharsets.UTF_8)); } } }
"""
if not os.path.exists(data):
    bench = os.path.join(os.path.dirname(os.path.abspath(__file__)), "target")
    src = os.path.join(tempfile.mkdtemp(), "Gen.java")
    open(src, "w").write(GEN)
    cp = os.path.join(bench, "classes") + ":" + open(os.path.join(bench, "classpath.txt")).read().strip()
    subprocess.run(["java", "-cp", cp, src, data, str(events1)], check=True)
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
port, admin = free_port(), free_port()
run = tempfile.mkdtemp(prefix="s3cpu-")
cfg = os.path.join(run, "pipeline.yaml")
open(cfg, "w").write(f"data_dir: {run}/data\nadmin: {{listen: \"127.0.0.1:{admin}\"}}\n"
    "inputs:\n  in: " + os.environ.get("INPUT", '{type: syslog, listen: "127.0.0.1:{port}", protocols: [tcp]}').replace("{port}", str(port)) + "\n"
    f"outputs:\n  bh: {{type: blackhole, print_interval: 100ms}}\n" + os.environ.get("EXTRA", ""))
err = open(os.path.join(run, "stderr.log"), "w")
p = subprocess.Popen([dist + "/bin/sluice", "run", "-c", cfg], stdout=subprocess.DEVNULL, stderr=err)
def get(path):
    try: return urllib.request.urlopen(f"http://127.0.0.1:{admin}{path}", timeout=5)
    except Exception: return None
t = time.time()
while True:
    r = get("/health/ready")
    if r is not None and r.status == 200: break
    if p.poll() is not None or time.time() - t > 60: sys.exit("not ready: " + open(os.path.join(run, "stderr.log")).read())
    time.sleep(0.05)
# the JVM is a child of the launcher's exec: same pid
pid = p.pid
def threads():
    out = collections.Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            st = open(f"/proc/{pid}/task/{tid}/stat").read()
            name = st[st.index("(")+1:st.rindex(")")]
            f = st[st.rindex(")")+2:].split()
            name = re.sub(r"#\d+$|-\d+$|\d+$", "", name)
            out[name] += int(f[11]) + int(f[12])
        except FileNotFoundError: pass
    return out
def proc_cpu():
    f = open(f"/proc/{pid}/stat").read(); f = f[f.rindex(")")+2:].split(); return int(f[11]) + int(f[12])
RATE = re.compile(r'blackhole bh: .*?(\d+) events in total')
def count():
    # as shared/bench does: the blackhole's rate line every 100 ms on stderr (no /metrics scrapes)
    n = 0
    for line in open(os.path.join(run, "stderr.log"), errors="replace"):
        m = RATE.search(line)
        if m: n = int(m.group(1))
    return n
th0, c0 = threads(), proc_cpu(); t0 = time.time()
sender = subprocess.Popen(f"for i in $(seq {repeat}); do cat {data}; done | socat -u - TCP:127.0.0.1:{port}", shell=True)
steady = None
late = int(os.environ.get("LATE", "1"))
while True:
    n = count()
    if repeat > late and steady is None and n >= late * events1:
        steady = (n, threads(), proc_cpu(), time.time())
    if n >= total: break
    if p.poll() is not None: sys.exit("died")
    time.sleep(0.05)
t1 = time.time(); th1, c1 = threads(), proc_cpu()
hwm = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")][0].split()[1]
def jit(th): return {k: v for k, v in th.items() if "CompilerThre" in k}
drained = None
if os.environ.get("DRAIN"):
    # On a busy machine the compiler threads get their share of a core and are still working through their
    # queue when the last event is counted, so their CPU up to then says how long the run was, not how
    # much compiling it took. Wait until they have been idle for a second (at most 60 s): the JIT's CPU
    # per start. (docs/performance.md, "Session 7: the JIT's share")
    last, t = jit(threads()), time.time()
    while time.time() - t < 60:
        time.sleep(1.0)
        now = jit(threads())
        if now == last: break
        last = now
    drained = (last, time.time() - t1)
sender.wait(); p.terminate(); p.wait(20)
def report(title, a, b, ca, cb, ev, secs):
    cpu = (cb - ca) / 100.0
    print(f"{label} {title}: events {ev} wall {secs:.2f}s rate {ev/secs:,.0f}/s cpu {cpu:.2f}s ({100*cpu/secs:.0f}%) "
          f"cpu/event {1e6*cpu/ev:.3f}us events/cpu-s {ev/cpu:,.0f} peakRSS {int(hwm)//1024}MiB")
    d = {k: b[k] - a.get(k, 0) for k in b}
    for k, v in sorted(d.items(), key=lambda kv: -kv[1]):
        if v > 0: print(f"   {k:20s} {v/100:6.2f}s {1e9*v/100/ev:7.0f} ns/event")
report("whole", th0, th1, c0, c1, total, t1 - t0)
if steady: report("steady(after 1st pass)" if late == 1 else f"steady(after {late} passes)", steady[1], th1, steady[2], c1, total - steady[0], t1 - steady[3])
if drained:
    since_ready = {k: v - th0.get(k, 0) for k, v in drained[0].items()}
    print(f"{label} JIT until idle ({drained[1]:.1f}s after the last event): " + ", ".join(
        f"{k} {v/100:.2f}s since ready, {drained[0][k]/100:.2f}s since start" for k, v in sorted(since_ready.items())))
if not os.environ.get("KEEP"): shutil.rmtree(run, ignore_errors=True)
else: print("kept", run)
