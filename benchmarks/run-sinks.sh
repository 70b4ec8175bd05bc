#!/usr/bin/env bash
# The sink scenarios of the performance suite (S4: TCP -> Kafka, S5: TCP -> Elasticsearch per bulk size,
# S8: TCP -> http output, S7: TCP -> otlp output, each into a local counting receiver),
# against a real local broker and node, written to docs/performance-sinks.md. Run from anywhere:
#   benchmarks/run-sinks.sh [--runs 3] [--kafka-events 500000] [--es-events 200000] [--http-events 500000] [--bulk-sizes 1000,2500,5000,10000] [--scenarios baseline,S4,S5,S8,S7]
# Builds offline (dependencies must be in ~/.m2 already); the outputs build unpacks Elasticsearch into
# outputs/target/es-dist in generate-test-resources, which package runs even with -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -DskipTests -pl packaging,benchmarks -am package
version=0.1.0-SNAPSHOT
exec java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/sinks-classpath.txt)" io.sluice.bench.SinkScenarios \
  --dist "packaging/target/sluice-$version/sluice-$version" \
  --es-home outputs/target/es-dist/elasticsearch-8.19.0 \
  --out docs/performance-sinks.md "$@"
