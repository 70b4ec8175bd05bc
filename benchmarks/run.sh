#!/usr/bin/env bash
# One command for the end-to-end load driver (docs/benchmarks.md): builds the distribution and the
# benchmarks module, then runs io.sluice.bench.LoadDriver against the real bin/sluice.
#   benchmarks/run.sh                       # S1, S2, S3; medians of 5; writes docs/performance.md
#   benchmarks/run.sh --scenarios S1 --runs 1 --scale 0.1 --out /tmp/perf.md
# Set SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -DskipTests -pl packaging,benchmarks -am package
fi
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
dist="packaging/target/sluice-$version/sluice-$version"
exec java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.sluice.bench.LoadDriver --dist "$dist" "$@"
