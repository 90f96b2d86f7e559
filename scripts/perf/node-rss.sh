#!/usr/bin/env bash
# Idle resident memory of the node daemons, as markdown table rows: | benchmark | parameters | p50 | p99 | ratio |.
# hami device-plugin alone, then hami node-agent (the plugin and the monitor in one JVM), each in its own JVM with
# the chart's flags (devicePlugin.jvmOptions, MALLOC_ARENA_MAX=2), against the harness's fake kubelet, mock API
# server and mock NVML (io.hami.benchmarks.deviceplugin.DevicePluginIdleRss); VmRSS after IDLE_SECONDS (default 30) idle, one
# sample each, so p50 holds VmRSS and p99 VmHWM (the peak). Ratio: the device plugin's to its goal (96 MiB), the
# node agent's to the device plugin alone measured in the same run (what the monitor adds inside the same JVM).
# Environment: IDLE_SECONDS, SKIP_BUILD=1 to reuse the jars, JAVA_HOME (as scripts/bench-env.sh).
set -euo pipefail

source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../bench-env.sh"
idle="${IDLE_SECONDS:-30}"
# The chart's flags: the launcher's serial GC and C1, then devicePlugin.jvmOptions of charts/hami-java/values.yaml.
chart=($(chart_jvm_options devicePlugin))
[ "${#chart[@]}" -gt 0 ] || { echo "node-rss: no devicePlugin.jvmOptions in charts/hami-java/values.yaml" >&2; exit 1; }
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${chart[@]}")

measure() { # $1 command; prints "VmRSS VmHWM" in MiB
  MALLOC_ARENA_MAX=2 timeout $((idle + 420)) "$java" --enable-native-access=ALL-UNNAMED -Dhami.rss.command="$1" \
    -cp benchmarks/target/benchmarks.jar io.hami.benchmarks.deviceplugin.DevicePluginIdleRss cli/target/hami-cli.jar "$idle" "${flags[@]}" \
    | tee /dev/stderr | awk '$1 == "VmRSS" { rss = $2 } $1 == "VmHWM" { hwm = $2 } END { if (rss == "") exit 1; print rss, hwm }'
}

read -r plugin plugin_hwm < <(measure device-plugin)
read -r agent agent_hwm < <(measure node-agent)
params="Xmx64m serial C1, MALLOC_ARENA_MAX=2, ${idle} s idle"
printf '| idle RSS: hami device-plugin | %s; ratio: to the 96 MiB goal | %s MiB | %s MiB (peak) | %.2f |\n' \
  "$params" "$plugin" "$plugin_hwm" "$(echo "$plugin / 96" | bc -l)"
printf '| idle RSS: hami node-agent (plugin + monitor) | %s; ratio: to device-plugin alone (goal 128 MiB) | %s MiB | %s MiB (peak) | %.2f |\n' \
  "$params" "$agent" "$agent_hwm" "$(echo "$agent / $plugin" | bc -l)"
