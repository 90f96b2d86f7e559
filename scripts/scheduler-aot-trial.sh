#!/usr/bin/env bash
# Does a JDK AOT cache help the scheduler's first burst after a restart? A trial, not a deployment: it trains a cache on
# one scheduler start-up and its warm-up before readiness (no API server: the informers fail and retry meanwhile), with
# the JVM flags and class path the demo's children run with (demo/.../process/HamiLauncher), then runs BurstBenchmark
# with schedulerStart=restarted and warmUp=on without and with the cache, ROUNDS times (default 2), alternating.
# The cache reaches the scheduler through JDK_JAVA_OPTIONS, so every JVM of the run sees it: the benchmark's own JVMs
# refuse it (another class path) and run as usual; the `hami node` children, whose class path and flags are the
# scheduler's, map it too (they start before the untimed burst that warms the cluster).
# Prints one line a benchmark run: the arm, the three shots in ms, first / third, and the load average.
# Environment: as scheduler-cold-start.sh (SKIP_BUILD=1, JAVA_HOME); ROUNDS; PORT (the training scheduler's extender
# port; the webhook and metrics take the next two; default 31843).
set -euo pipefail

source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench-env.sh"
work="$(mktemp -d /tmp/hami-aot-trial.XXXXXX)"
trap 'rm -rf "$work"' EXIT
port="${PORT:-31843}"
cli="$root/cli/target"
printf 'apiVersion: v1\nkind: Config\nclusters:\n- {name: none, cluster: {server: "http://127.0.0.1:9"}}\ncontexts:\n- {name: none, context: {cluster: none, user: none}}\ncurrent-context: none\nusers:\n- {name: none, user: {token: none}}\n' >"$work/kubeconfig"

# The training run: ChildMain exits the JVM when its standard input ends, as under the demo; SIGTERM ends it here.
KUBECONFIG="$work/kubeconfig" "$java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -XX:-UsePerfData -Xss512k -Xmx256m -XX:AOTCacheOutput="$work/scheduler.aot" -Xlog:disable -Xlog:aot*=error:stderr \
  -cp "$cli/hami-cli.jar:$cli/lib/*" io.hami.demo.process.ChildMain io.hami.cli.Main scheduler --plain-http \
  --http_bind "127.0.0.1:$port" --webhook_bind "127.0.0.1:$((port + 1))" --metrics-bind-address "127.0.0.1:$((port + 2))" \
  --scheduler-name hami-scheduler --kube-qps=-1 < <(sleep 600) >"$work/train.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)" = 200 ] && break
  sleep 1
done
kill -TERM "$pid"
wait "$pid" || true
[ -s "$work/scheduler.aot" ] || { tail -5 "$work/train.log" >&2; echo "no AOT cache was written" >&2; exit 1; }

for round in $(seq 1 "${ROUNDS:-2}"); do
  for arm in without with; do
    if [ "$arm" = with ]; then export JDK_JAVA_OPTIONS="-XX:AOTCache=$work/scheduler.aot"; else unset JDK_JAVA_OPTIONS; fi
    until "$java" -jar benchmarks/target/benchmarks.jar '\.BurstBenchmark\.burst$' -p backoff=kube -p lockWait=20s \
      -p mode=lock -p schedulerStart=restarted -p warmUp=on -wi 0 -i 3 -f 1 >"$work/run.log" 2>&1; do
      grep -q 'Unable to acquire the JMH lock' "$work/run.log" || { tail -5 "$work/run.log" >&2; exit 1; }
      sleep 15
    done
    awk -v arm="$arm" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
      /^Iteration +[0-9]+:/ { pending = 1 }
      pending && match($0, /[0-9][0-9.,]* ms\/op/) {
        v = substr($0, RSTART, RLENGTH); sub(/ ms\/op/, "", v); gsub(/,/, "", v); shot[++n] = v; pending = 0
      }
      END { printf "AOT cache %s: %.0f / %.0f / %.0f ms, first / third %.2f, load %s\n", arm, shot[1], shot[2], shot[3], shot[1] / shot[3], load }
    ' "$work/run.log"
  done
done
