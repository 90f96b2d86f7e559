#!/usr/bin/env bash
# Measures the idle resident memory of `hami monitor`, without a cluster: the daemon runs as on a node (its own JVM),
# against the fabric8 mock API server with one GPU pod, a region written by the C fixture writer and the C mock NVML,
# all driven by a harness in benchmarks/ (io.hami.benchmarks.monitor.MonitorIdleRss, see its Javadoc). Prints
# VmHWM/VmRSS/RssAnon/RssFile once with -Xmx48m alone and once with the flags the README recommends for the monitor.
#
# Environment: IDLE_SECONDS (default 30), SKIP_BUILD=1 to reuse the jars, JAVA_HOME (a JDK 25; else one under
# /usr/lib/jvm).
set -euo pipefail

source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench-env.sh"
idle="${IDLE_SECONDS:-30}"

harness=("$java" --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar io.hami.benchmarks.monitor.MonitorIdleRss)
# The README's HAMI_JAVA_OPTS for the monitor, with the launcher's own serial GC and C1.
recommended=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms8m -Xmx48m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
  -Xss256k -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData)

echo "== idle RSS, -Xmx48m only"
timeout $((idle + 120)) "${harness[@]}" cli/target/hami-cli.jar "$idle" -Xmx48m
echo "== idle RSS, recommended flags (and MALLOC_ARENA_MAX=2)"
MALLOC_ARENA_MAX=2 timeout $((idle + 120)) "${harness[@]}" cli/target/hami-cli.jar "$idle" "${recommended[@]}"
