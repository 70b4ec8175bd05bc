#!/usr/bin/env bash
# Links the Java runtime the distribution ships in runtime/ (as Elasticsearch and Logstash ship theirs):
# a Java 25+ image, so `bin/sluice` runs on it wherever it is unpacked, with no Java installed.
# On Java 25 the same build does 10-15% fewer CPU-seconds per event than on 17 (docs/performance.md,
# "Session 16: the distribution's own Java 25").
#
#   bundle-runtime.sh OUT_DIR [JDK]
#
# JDK: a JDK 25+ home, or "none" for a distribution without a runtime of its own (bin/sluice then runs
# on JAVA_HOME's or the PATH's Java, 17+). Empty: the JDK running the build if it is 25+, else the newest
# JDK 25+ in /usr/lib/jvm. Finding none is not an error: the distribution is built without runtime/.
set -euo pipefail
out="$1"; jdk="${2:-}"
rm -rf "$out"

feature() { # the feature version of the JDK at $1 from its release file, or 0
  local v
  v="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)"
  echo "${v:-0}"
}
if [ "$jdk" = none ]; then
  echo "[bundle-runtime] sluice.runtime.jdk=none: no runtime/ in the distribution"; exit 0
elif [ -z "$jdk" ]; then
  best=0
  for candidate in "${BUILD_JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] || continue
    v="$(feature "$candidate")"
    if [ "$v" -ge 25 ] && [ "$v" -gt "$best" ]; then best="$v"; jdk="$candidate"; fi
  done
  if [ -z "$jdk" ]; then
    echo "[bundle-runtime] no JDK 25+ found (the build's own, or in /usr/lib/jvm; -Dsluice.runtime.jdk=DIR names one):" \
         "the distribution runs on the Java it finds when started"
    exit 0
  fi
elif [ ! -x "$jdk/bin/jlink" ] || [ "$(feature "$jdk")" -lt 25 ]; then
  echo "[bundle-runtime] sluice.runtime.jdk=$jdk is not a JDK 25 or newer (no bin/jlink, or an older release file)" >&2
  exit 1
fi

# java.se: what the libraries in lib/ use (jdeps names java.sql, java.desktop's java.beans, java.naming,
# java.security.jgss for Kafka's Kerberos, java.net.http...), plus the JDK modules they reach by name
# (jdk.unsupported: Netty's Unsafe; jdk.crypto.ec, jdk.security.*: TLS and SASL; jdk.zipfs, jdk.charsets)
# and the operator's tools (jcmd and its attach API, JFR, the management beans).
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.security.auth,jdk.security.jgss,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.charsets,jdk.management,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.attach
echo "[bundle-runtime] linking $jdk ($(feature "$jdk")) into $out"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$out"
# The JDK's default class-data archive, which a start maps before the launcher's own cache exists (the first
# start, and commands other than run): bin/sluice runs Java 25 with compact object headers, and an archive
# is only mapped by a JVM with the same header layout, so it is dumped with them (lib/server/classes_coh.jsa;
# jlink's --generate-cds-archive makes the two other layouts, which no start here would map).
"$out/bin/java" -XX:+UseCompactObjectHeaders -Xshare:dump -Xlog:cds=error -Xlog:aot=error >/dev/null
