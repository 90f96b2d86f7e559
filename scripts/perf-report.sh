#!/usr/bin/env bash
# Runs every benchmark at the fixed settings below, one at a time, and prints ONE markdown table on stdout:
#   | benchmark | parameters | p50 | p99 | ratio |
# p50/p99 come from JMH's sample mode; a benchmark in average-time mode (nanosecond calls, where sampling each call
# would measure the timer) shows its mean in the p50 column and "n/a" as p99. The ratio is the row's p50 (or mean)
# over its baseline's, measured in the same run (named in the cell; "—" where a row has none).
# Then each executable scripts/perf/*.sh runs in name order: each prints rows of the same form (no header) on stdout;
# one that exits non-zero (it needs root, or a tool is missing) becomes a "skipped" row with the last line of its
# stderr. They run with SKIP_BUILD=1 (built above) and QUICK=1 under --quick. docs/performance.md holds the settings, the goals and the table of the last run.
#
# Usage: scripts/perf-report.sh [--quick]
#   --quick   one 1-second warm-up and one 1-second measurement per benchmark, smallest cluster only: a smoke run
#             (minutes), not numbers to compare.
# Environment: SKIP_BUILD=1 uses the jars already built; JAVA_HOME picks the JDK (else a JDK 25 under /usr/lib/jvm).
set -euo pipefail

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: scripts/perf-report.sh [--quick]" >&2; exit 2 ;;
esac

# shellcheck source=bench-env.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench-env.sh"
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "perf-report: $jar is missing (run without SKIP_BUILD=1)" >&2; exit 2; }
work="$(mktemp -d /tmp/hami-perf.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [ "$quick" = 1 ]; then
  settings=(-f 1 -wi 1 -w 1 -i 1 -r 1)
  cluster_sizes=(500)
else
  settings=(-f 1 -wi 3 -w 2 -i 5 -r 2)
  cluster_sizes=(500 5000 20000)
fi

# parse_csv FILE [TAG]: one line per statistic of a JMH CSV: Class.method|params|stat|score|unit (params as
# name=value,... in JMH's column order, then TAG when given; stat p0.50, p0.99, ... in sample mode, mean otherwise).
parse_csv() {
  awk -F, -v tag="${2:-}" '
    function unq(s) { gsub(/^"|"$/, "", s); return s }
    { sub(/\r$/, "") }
    NR == 1 { for (i = 8; i <= NF; i++) { p[i] = unq($i); sub(/^Param: /, "", p[i]) } next }
    {
      bench = unq($1); mode = unq($2); score = unq($5); unit = unq($7)
      stat = "mean"
      if (index(bench, ":") > 0) { stat = substr(bench, index(bench, ":") + 1); bench = substr(bench, 1, index(bench, ":") - 1) }
      else if (mode == "sample") { next }
      n = split(bench, part, ".")
      bench = part[n - 1] "." part[n]
      params = ""
      for (i = 8; i <= NF; i++) if (unq($i) != "") params = params (params == "" ? "" : ",") p[i] "=" unq($i)
      if (tag != "") params = params (params == "" ? "" : ",") tag
      print bench "|" params "|" stat "|" score "|" unit
    }' "$1"
}

# jmh NAME REGEX [JMH ARGS...]: runs one benchmark class (one fork at a time) into $work/NAME.csv; with $tag set, its
# rows' parameters end with it (two runs of one benchmark with different JVM flags).
jmh() {
  local name="$1" regex="$2"
  shift 2
  echo "== $name: java -jar $jar '$regex' ${settings[*]} $*" >&2
  local waited=0
  # JMH refuses to start while another JMH run holds its lock: wait for it (up to 30 minutes) rather than measure
  # two runs against each other.
  until "$java" -jar "$jar" "$regex" "${settings[@]}" "$@" -rf csv -rff "$work/$name.csv" >"$work/$name.log" 2>&1; do
    if grep -q 'Unable to acquire the JMH lock' "$work/$name.log" && [ "$waited" -lt 1800 ]; then
      [ "$waited" -gt 0 ] || echo "   another JMH run holds its lock: waiting" >&2
      sleep 15
      waited=$((waited + 15))
      continue
    fi
    echo "perf-report: $name failed (its rows say n/a); the end of its log:" >&2
    tail -20 "$work/$name.log" >&2
    return 0
  done
  parse_csv "$work/$name.csv" "${tag:-}" >>"$work/stats"
}

# stat CLASS.METHOD PARAMS STAT: the score and unit, or nothing.
stat() {
  awk -F'|' -v b="$1" -v p="$2" -v s="$3" '$1 == b && $2 == p && $3 == s { print $4 "|" $5; exit }' "$work/stats"
}

fmt() { # "score|unit" -> "12.3 ms"
  [ -n "$1" ] || { echo "n/a"; return; }
  awk -F'|' '{ u = $2; sub(/\/op$/, "", u); printf ($1 >= 100 ? "%.0f %s\n" : "%.3g %s\n"), $1, u }' <<<"$1"
}

# row CLASS METHOD PARAMS [BASE_METHOD [BASE_PARAMS]]
row() {
  local class="$1" method="$2" params="$3" base="${4:-}" base_params="${5:-$3}"
  local p50 p99 mid ratio="—"
  p50="$(stat "$class.$method" "$params" p0.50)"
  p99="$(stat "$class.$method" "$params" p0.99)"
  mid="$p50"
  [ -n "$p50" ] || { p50="$(stat "$class.$method" "$params" mean)"; mid="$p50"; [ -z "$p50" ] || p50="$p50 (mean)"; }
  if [ -n "$base" ]; then
    local b
    b="$(stat "$class.$base" "$base_params" p0.50)"
    [ -n "$b" ] || b="$(stat "$class.$base" "$base_params" mean)"
    if [ -n "$b" ] && [ -n "$mid" ]; then
      ratio="$(awk -F'|' -v x="${mid%%|*}" -v y="${b%%|*}" -v n="$base" 'BEGIN { if (y > 0) printf "%.2f× %s\n", x / y, n; else print "—" }')"
    fi
  fi
  local shown_p50 shown_p99
  shown_p50="$(fmt "${p50% (mean)}")"; [ "${p50% (mean)}" = "$p50" ] || shown_p50="$shown_p50 (mean)"
  shown_p99="$(fmt "$p99")"
  echo "| $class.$method | ${params:-—} | $shown_p50 | $shown_p99 | $ratio |"
}

rows="$work/rows"
: >"$rows"
jmh nvml '\.NvmlCallBenchmark\.'
{
  row NvmlCallBenchmark binding "" bareDowncall
  row NvmlCallBenchmark bindingUsed "" bareDowncall
  row NvmlCallBenchmark bareDowncall ""
  row NvmlCallBenchmark cLoop "" bareDowncall
} >>"$rows"
jmh scrape '\.MonitorScrapeBenchmark\.(scrape|scrapeAfterEveryRegionMoved|scrapeThroughSnapshots|readRegions|pass)$'
{
  row MonitorScrapeBenchmark scrape "" readRegions
  row MonitorScrapeBenchmark scrapeAfterEveryRegionMoved "" readRegions
  row MonitorScrapeBenchmark scrapeThroughSnapshots "" readRegions
  row MonitorScrapeBenchmark readRegions ""
  row MonitorScrapeBenchmark pass "" readRegions
} >>"$rows"
# /filter in the scheduler's JVM as it runs in a cluster: the launcher's flags for `hami scheduler`, then the chart's
# scheduler.jvmOptions. Once more at 5,000 nodes with JMH's default JVM (G1, C2, a quarter of the memory as heap):
# what the code does with a JVM tuned for throughput, beside what the product's JVM gives it.
scheduler_jvm="$(production_jvm_flags scheduler scheduler)"
for nodes in "${cluster_sizes[@]}"; do
  candidates=$(( nodes < 5000 ? nodes : 5000 ))
  tag="JVM=scheduler's" jmh "extender-$nodes" '\.ExtenderFilterBenchmark\.' -p nodes="$nodes" -p candidates="$candidates" \
    -jvmArgsAppend "$scheduler_jvm"
  {
    row ExtenderFilterBenchmark filterOverHttp "candidates=$candidates,nodes=$nodes,JVM=scheduler's" decideOnly
    row ExtenderFilterBenchmark decideOnly "candidates=$candidates,nodes=$nodes,JVM=scheduler's"
  } >>"$rows"
done
jmh_default_nodes="${cluster_sizes[0]}"
[ "$quick" = 1 ] || jmh_default_nodes=5000
tag="JVM=JMH's default" jmh "extender-jmh-default" '\.ExtenderFilterBenchmark\.' -p nodes="$jmh_default_nodes" \
  -p candidates="$(( jmh_default_nodes < 5000 ? jmh_default_nodes : 5000 ))"
{
  params="candidates=$(( jmh_default_nodes < 5000 ? jmh_default_nodes : 5000 )),nodes=$jmh_default_nodes,JVM=JMH's default"
  row ExtenderFilterBenchmark filterOverHttp "$params" decideOnly
  row ExtenderFilterBenchmark decideOnly "$params"
} >>"$rows"
jmh filter '\.FilterBenchmark\.'
{
  row FilterBenchmark bestFirst ""
  row FilterBenchmark allNodes "" bestFirst
  row FilterBenchmark nothingFits "" bestFirst
} >>"$rows"
jmh regions '\.RegionSnapshotBenchmark\.'
{
  row RegionSnapshotBenchmark passWithOpenReaders ""
  row RegionSnapshotBenchmark passOpeningEachFile "" passWithOpenReaders
} >>"$rows"
jmh codecs '\.AnnotationCodecBenchmark\.'
{
  row AnnotationCodecBenchmark decodeNodeRegisterEightGpus "" encodeNodeRegisterEightGpus
  row AnnotationCodecBenchmark encodeNodeRegisterEightGpus ""
  row AnnotationCodecBenchmark decodePodDevicesFourContainers "" encodePodDevicesFourContainers
  row AnnotationCodecBenchmark encodePodDevicesFourContainers ""
} >>"$rows"

# The other measurements: one script each, rows on stdout; non-zero exit = skipped, with its reason.
for script in scripts/perf/*.sh; do
  [ -x "$script" ] || continue
  name="$(basename "$script" .sh)"
  echo "== $name: $script" >&2
  if QUICK="$quick" SKIP_BUILD=1 "$script" >"$work/$name.out" 2>"$work/$name.err"; then
    grep '^|' "$work/$name.out" >>"$rows" || true
  else
    rc=$?
    reason="$(grep -v '^$' "$work/$name.err" | tail -1 | tr '|' '/')"
    echo "| $name | — | skipped | — | ${reason:-exit status $rc} |" >>"$rows"
  fi
done

echo "| benchmark | parameters | p50 | p99 | ratio |"
echo "|---|---|---|---|---|"
cat "$rows"
