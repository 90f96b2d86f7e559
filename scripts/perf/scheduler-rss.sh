#!/usr/bin/env bash
# Idle resident memory of `hami scheduler` on the demo's cluster, as markdown table rows: | benchmark | parameters | p50 |
# p99 | ratio |. The demo's embedded API server, its three default nodes and the kube-scheduler stand-in, the scheduler
# in its own JVM (io.hami.benchmarks.scheduler.SchedulerIdleRss): six one-GPU pods placed, then VmRSS after
# IDLE_SECONDS (default 30) idle, one sample each, so p50 holds VmRSS and p99 VmHWM (the peak). Once with the demo's
# JVM flags, once with the chart's (scheduler.jvmOptions, after the launcher's flags for the scheduler), MALLOC_ARENA_MAX=2
# as the chart sets it. Ratio: to the 128 MiB goal.
# Environment: IDLE_SECONDS, SKIP_BUILD=1 to reuse the jars, JAVA_HOME (as scripts/bench-env.sh).
set -euo pipefail

source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../bench-env.sh"
idle="${IDLE_SECONDS:-30}"
# The flags the hami launcher starts `hami scheduler` with (hami jvm-flags scheduler).
mapfile -t launcher < <(launcher_jvm_flags scheduler)
[ "${#launcher[@]}" -gt 0 ] || { echo "scheduler-rss: hami jvm-flags scheduler printed no flags" >&2; exit 1; }
demo=("${launcher[@]}" -Xss512k -Xmx256m)
# charts/hami-java/values.yaml, scheduler.jvmOptions
chart=("${launcher[@]}" $(chart_jvm_options scheduler))

measure() { # $@ JVM flags; prints "VmRSS VmHWM" in MiB
  MALLOC_ARENA_MAX=2 timeout $((idle + 300)) "$java" --enable-native-access=ALL-UNNAMED \
    -cp benchmarks/target/benchmarks.jar io.hami.benchmarks.scheduler.SchedulerIdleRss cli/target/hami-cli.jar "$idle" "$@" \
    | tee /dev/stderr | awk '$1 == "VmRSS" { rss = $2 } $1 == "VmHWM" { hwm = $2 } END { if (rss == "") exit 1; print rss, hwm }'
}

[ "${#chart[@]}" -gt "${#launcher[@]}" ] || { echo "scheduler-rss: no scheduler.jvmOptions in charts/hami-java/values.yaml" >&2; exit 1; }
read -r demo_rss demo_hwm < <(measure "${demo[@]}")
read -r chart_rss chart_hwm < <(measure "${chart[@]}")
printf '| idle RSS: hami scheduler, demo flags | Xmx256m serial C1, 3 demo nodes, 6 pods placed, %s s idle; ratio: to the 128 MiB goal | %s MiB | %s MiB (peak) | %.2f |\n' \
  "$idle" "$demo_rss" "$demo_hwm" "$(echo "$demo_rss / 128" | bc -l)"
printf '| idle RSS: hami scheduler, chart flags | %s, 3 demo nodes, 6 pods placed, %s s idle; ratio: to the 128 MiB goal | %s MiB | %s MiB (peak) | %.2f |\n' \
  "${chart[*]:${#launcher[@]}}" "$idle" "$chart_rss" "$chart_hwm" "$(echo "$chart_rss / 128" | bc -l)"
