#!/usr/bin/env bash
# The JVM floor of the container-start rows (scripts/runtime-bench.sh: an empty main with the launcher's flags and an
# AOT cache of its own) beside the variants that could make it a different minimum, in one hyperfine run:
#   tmpfs           as runtime-bench.sh runs it: jar and cache on a tmpfs of its own
#   disk            jar and cache on the disk under /tmp, as the shim's cache lies in a build tree
#   no relocation   the cache mapped at the address it was made for (-XX:ArchiveRelocationMode=0, a diagnostic flag:
#                   it gives up the randomized address of the cache, and the shim does not use it)
#   default CDS     no cache of its own: the JDK's default CDS archive
# Prints each one's median and mean wall time and its CPU (user + sys, mean over the runs).
# Needs root (the tmpfs), hyperfine, jq and JDK 25 (JAVA_HOME, else the temurin-25 JDK).
# Usage: scripts/runtime-floor.sh [RUNS]   (default 20)
set -euo pipefail

java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
runs="${1:-20}"
for tool in hyperfine jq; do command -v "$tool" >/dev/null || { echo "runtime-floor: $tool is not installed" >&2; exit 2; }; done
[ "$(id -u)" = 0 ] || { echo "runtime-floor: needs root (a tmpfs)" >&2; exit 2; }
flags="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:all=warning:stderr"
work="$(mktemp -d /tmp/hami-floor.XXXXXX)"
mkdir -p "$work/disk" "$work/tmpfs"
mount -t tmpfs -o size=64m,mode=700 hami-floor "$work/tmpfs" || { echo "runtime-floor: cannot mount a tmpfs" >&2; rm -rf "$work"; exit 2; }
trap 'umount "$work/tmpfs"; rm -rf "$work"' EXIT
for w in "$work/disk" "$work/tmpfs"; do
  echo 'public class Empty { public static void main(String[] a) { } }' > "$w/Empty.java"
  "$java_home/bin/javac" -d "$w" "$w/Empty.java"
  (cd "$w" && "$java_home/bin/jar" cf empty.jar Empty.class)
  "$java_home/bin/java" $flags -XX:AOTCacheOutput="$w/empty.aot" -cp "$w/empty.jar" Empty >/dev/null 2>&1
done
floor() { echo "$java_home/bin/java $flags $2 -cp $work/$1/empty.jar Empty"; }
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/floor.json" \
  -n "floor, tmpfs (as runtime-bench.sh)" "$(floor tmpfs "-XX:AOTCache=$work/tmpfs/empty.aot -XX:AOTMode=on")" \
  -n "floor, disk" "$(floor disk "-XX:AOTCache=$work/disk/empty.aot -XX:AOTMode=on")" \
  -n "floor, disk, no relocation" \
     "$(floor disk "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:AOTCache=$work/disk/empty.aot -XX:AOTMode=on")" \
  -n "floor, JDK's default CDS" "$(floor disk "")" >/dev/null
jq -r '.results[] | def ms: . * 1000 | . * 10 | round / 10 | tostring;
  "\(.command): median \(.median | ms) ms, mean \(.mean | ms) ms, CPU (user + sys) \(.user + .system | ms) ms"' "$work/floor.json"
