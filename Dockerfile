# syntax=docker/dockerfile:1
#
# Sluice container image. Build it wherever a Docker (or Podman/BuildKit) engine runs:
#
#   docker build -t sluice .
#   docker run --rm --read-only --tmpfs /tmp -p 8686:8686 -v sluice-data:/var/lib/sluice \
#     -v "$PWD/pipeline.yaml:/etc/sluice/pipeline.yaml:ro" sluice
#
# The runtime image runs as uid 10001 and writes only to /var/lib/sluice (checkpoints, disk
# buffers, dead letters), so it works with a read-only root filesystem (give it a tmpfs /tmp when a
# kafka output compresses with zstd or snappy: their native libraries unpack there). See docs/operations.md.

# ---- build: the distribution tarball, exactly as `./mvnw -DskipTests -pl packaging -am package` makes it,
# with the Java 25 runtime it ships (runtime/) linked from Temurin's JDK 25
FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=eclipse-temurin:25-jdk /opt/java/openjdk /opt/jdk-25
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit); the tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dsluice.runtime.jdk=/opt/jdk-25 -pl packaging -am package \
 && mkdir -p /opt/sluice \
 && tar -xzf packaging/target/sluice-*.tar.gz --strip-components=1 -C /opt/sluice

# ---- runtime: Debian and the distribution, which brings its own Java (runtime/), nothing else
FROM debian:12-slim AS runtime

# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it without a passwd lookup.
RUN groupadd --system --gid 10001 sluice \
 && useradd --system --uid 10001 --gid sluice --home-dir /var/lib/sluice --no-create-home \
      --shell /usr/sbin/nologin sluice \
 && mkdir -p /var/lib/sluice /etc/sluice \
 && chown 10001:10001 /var/lib/sluice \
 && chmod 0750 /var/lib/sluice

COPY --from=build /opt/sluice /opt/sluice
# The default pipeline of the image: the sidecar example; mount your own file over it.
COPY --from=build /opt/sluice/config/sidecar.yaml /etc/sluice/pipeline.yaml

# Class-data sharing: start the built-in pipeline once, until it is ready, and archive the classes
# it loaded and, with -Dsluice.classDataCache=writing, those that the admin endpoint and the plugins
# without a client library of their own load (a pipeline mounted over the default finds its classes
# too). Every later start maps them instead of loading and verifying them again (about 30% less CPU
# to ready). The archive fits this image's JVM only, which is why it is made here.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN SLUICE_DATA_DIR=/tmp/cds SLUICE_JAVA_OPTS="-Dsluice.classDataCache=writing -XX:ArchiveClassesAtExit=/opt/sluice/sluice.jsa" \
      /opt/sluice/bin/sluice run >/dev/null 2>&1 & pid=$!; \
    for i in $(seq 150); do \
      (exec 3<>/dev/tcp/127.0.0.1/8686 && printf 'GET /health/ready HTTP/1.0\r\n\r\n' >&3 \
        && head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null && break; \
      sleep 0.2; \
    done; \
    kill -TERM "$pid" && wait "$pid" && rm -rf /tmp/cds && test -s /opt/sluice/sluice.jsa

# Data dir: the only path Sluice writes to. The admin endpoint listens on every interface inside
# the container, so `docker run -p` and Kubernetes probes reach it.
# SLUICE_JAVA_OPTS: the class-data archive; no hsperfdata file in /tmp (read-only root); keep these
# when you set your own (heap size: see docs/operations.md).
ENV SLUICE_DATA_DIR=/var/lib/sluice \
    SLUICE_ADMIN_LISTEN=0.0.0.0:8686 \
    SLUICE_JAVA_OPTS="-XX:SharedArchiveFile=/opt/sluice/sluice.jsa -XX:-UsePerfData"

VOLUME ["/var/lib/sluice"]
EXPOSE 8686

USER 10001:10001
WORKDIR /var/lib/sluice

# The image has neither wget nor curl: probe /health/live with bash's /dev/tcp.
# 8686 is the admin port SLUICE_ADMIN_LISTEN gives the shipped pipelines: move both together.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8686 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/opt/sluice/bin/sluice"]
CMD ["run", "-c", "/etc/sluice/pipeline.yaml"]
