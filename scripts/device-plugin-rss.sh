#!/usr/bin/env bash
# Measures the idle resident memory of `hami device-plugin` and the latency of Allocate, without a cluster:
# the daemon runs as on a node (its own JVM, -Xmx64m), against a fake kubelet, the fabric8 mock API server and
# the C mock NVML, all driven by harnesses in benchmarks/ (see their Javadoc). Prints VmRSS/RssAnon/RssFile once
# with -Xmx64m alone and once with the flags we recommend for the DaemonSet, then Allocate's p50/p90/p99.
#
# Environment: IDLE_SECONDS (default 30), CALLS (measured Allocate calls, default 1000), SKIP_BUILD=1 to reuse
# the jars, JAVA_HOME (a JDK 25; else the one ./hami finds).
set -euo pipefail

source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench-env.sh"
idle="${IDLE_SECONDS:-30}"
calls="${CALLS:-1000}"

harness=("$java" --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar)
# The chart's flags: the launcher's serial GC and C1, then devicePlugin.jvmOptions of charts/hami-java/values.yaml.
recommended=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 $(chart_jvm_options devicePlugin))
[ "${#recommended[@]}" -gt 2 ] || { echo "device-plugin-rss: no devicePlugin.jvmOptions in charts/hami-java/values.yaml" >&2; exit 1; }

echo "== idle RSS, -Xmx64m only"
timeout $((idle + 420)) "${harness[@]}" io.hami.benchmarks.deviceplugin.DevicePluginIdleRss cli/target/hami-cli.jar "$idle" -Xmx64m
echo "== idle RSS, recommended flags (and MALLOC_ARENA_MAX=2)"
MALLOC_ARENA_MAX=2 timeout $((idle + 420)) "${harness[@]}" io.hami.benchmarks.deviceplugin.DevicePluginIdleRss \
  cli/target/hami-cli.jar "$idle" "${recommended[@]}"
echo "== Allocate latency"
timeout 600 "${harness[@]}" io.hami.benchmarks.deviceplugin.AllocateLatency 300 "$calls"
