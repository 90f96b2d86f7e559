#!/usr/bin/env bash
# The scheduler's cold start, as markdown table rows: | benchmark | parameters | p50 | p99 | ratio |.
# BurstBenchmark (40 one-GPU pods at once on one 8-GPU node, through hami demo's cluster: embedded API server, the
# real scheduler and hami node as child processes) with no JMH warm-up and schedulerStart=restarted (one untimed
# burst warms the cluster, then only the scheduler restarts), so its first shot is a fresh scheduler's first burst:
# once with the scheduler's warm-up before readiness off (--warm-up-rounds 0), once on (the default). The p50 column holds the first shot, the p99 column the last (the third; the second under QUICK=1), the
# ratio first / last: the goal is at most 1.5 with the warm-up on.
# Environment: SKIP_BUILD=1 to reuse the jars, QUICK=1 for two shots, JAVA_HOME (as scripts/bench-env.sh).
set -euo pipefail

source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../bench-env.sh"
shots=3
[ "${QUICK:-0}" != 1 ] || shots=2
log="$(mktemp /tmp/hami-cold-start.XXXXXX)"
trap 'rm -f "$log"' EXIT
waited=0
# JMH refuses to start while another JMH run holds its lock: wait for it (up to 30 minutes), as perf-report.sh does.
until "$java" -jar benchmarks/target/benchmarks.jar '\.BurstBenchmark\.burst$' -p backoff=kube -p lockWait=20s \
  -p mode=lock -p schedulerStart=restarted -p warmUp=off,on -wi 0 -i "$shots" -f 1 >"$log" 2>&1; do
  if grep -q 'Unable to acquire the JMH lock' "$log" && [ "$waited" -lt 1800 ]; then
    sleep 15
    waited=$((waited + 15))
    continue
  fi
  tail -5 "$log" >&2
  exit 1
done
awk -v shots="$shots" '
  /^# Parameters:/ { w = ($0 ~ /warmUp = on/) ? "on" : "off"; n = 0; pending = 0 }
  /^Iteration +[0-9]+:/ { n++; pending = 1 }
  # The time of a shot follows its Iteration line, after whatever the shot printed (its breakdown, JVM warnings).
  pending && match($0, /[0-9][0-9.,]* ms\/op/) {
    v = substr($0, RSTART, RLENGTH); sub(/ ms\/op/, "", v); gsub(/,/, "", v); shot[w, n] = v; pending = 0
  }
  END {
    split("off on", ws, " ")
    for (i = 1; i <= 2; i++) {
      k = ws[i]
      if (shot[k, 1] == "" || shot[k, shots] == "") { print "cold start: no shots for warm-up " k > "/dev/stderr"; exit 1 }
      printf "| cold start: first 40-pod burst, scheduler warm-up %s | backoff=kube, lockWait=20s, mode=lock, scheduler restarted; p50: first shot, p99: shot %d; ratio: first / shot %d (goal <= 1.5 with warm-up on) | %.2f s | %.2f s | %.2f |\n", \
        k, shots, shots, shot[k, 1] / 1000, shot[k, shots] / 1000, shot[k, 1] / shot[k, shots]
    }
  }' "$log"
