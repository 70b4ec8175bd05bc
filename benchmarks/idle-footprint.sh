#!/usr/bin/env bash
# Start-up and idle memory of the distribution with the launcher's defaults (docs/performance.md,
# "Start-up and memory with the launcher defaults"): starts bin/sluice with a config (the sidecar
# example by default), times from exec to the first 200 of /health/ready, waits, then prints the
# idle RSS (VmRSS, VmHWM) and, with NMT=1, the JVM's Native Memory Tracking summary.
#   benchmarks/idle-footprint.sh [--dist DIR] [--config FILE] [--runs N] [--idle SECONDS]
# Run it twice to see a first start (which writes the class-data cache) and a second one (which uses it).
# SLUICE_JAVA_HOME picks the JVM (else the distribution's runtime/, else JAVA_HOME), SLUICE_JAVA_OPTS adds options, as for bin/sluice.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
dist="$root/packaging/target/sluice-$version/sluice-$version"
config=""
runs=3
idle=5
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
config="${config:-$dist/config/sidecar.yaml}"
port=18686
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs" "$work/data"
echo '{"log":"hello\n","stream":"stdout","time":"2026-11-25T10:00:00.000000000Z"}' > "$work/logs/app.log"
opts="${SLUICE_JAVA_OPTS:-}"
if [ "${NMT:-0}" = 1 ]; then opts="$opts -XX:NativeMemoryTracking=summary"; fi
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  SLUICE_DATA_DIR="$work/data" APP_LOG_DIR="$work/logs" SLUICE_ADMIN_LISTEN="127.0.0.1:$port" \
    SLUICE_JAVA_OPTS="$opts" "$dist/bin/sluice" run -c "$config" > "$work/out.log" 2> "$work/err.log" &
  pid=$!
  ready=""
  for _ in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)" = 200 ]; then
      ready=$(( ($(date +%s%N) - start) / 1000000 ))
      # CPU time to ready (user + system, in ms): what a loaded machine does not inflate as it does wall time
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/err.log" >&2; exit 1; fi
    sleep 0.02
  done
  sleep "$idle"
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
  echo "run $run: ready ${ready:-never} ms (${cpu:-?} ms CPU), idle RSS $rss MiB (peak $hwm MiB)"
  if [ "${NMT:-0}" = 1 ]; then
    jcmd "$pid" VM.native_memory summary | grep -E '^ *(Total|- +[A-Za-z ]+ \(reserved)' | sed 's/^ *//' || true
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
