#!/usr/bin/env bash
# Container start through `hami runtime` under real runc (scripts/runtime-bench.sh, RUNS runs each, default 20),
# as markdown table rows: | benchmark | parameters | p50 | p99 | ratio |. The rows of the shim give the time of the
# whole `runc run` through it; their ratio is what the shim adds over `runc run` alone (p50), in units of the JVM
# floor (an empty main with the launcher's flags and its own AOT cache, p50), both measured in the same run. The
# parameters cell adds the CPU (user + sys, mean over the runs) each start adds, in units of the floor's CPU: a machine whose JVM
# starts slow down as a whole (other work, a busy host) moves the wall-time ratio, the CPU one much less.
# Goals (docs/performance.md): allocated <= 2, no allocation with a decoy variable <= 0.5.
# Needs what scripts/runtime-bench.sh needs (root, runc, busybox-static, hyperfine, a built tree); its table goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
runs="${RUNS:-20}"
out="$(mktemp -d /tmp/hami-perf-runtime.XXXXXX)"
trap 'rm -rf "$out"' EXIT
TMPDIR="$out" "$root/scripts/runtime-bench.sh" "$runs" >&2

# hyperfine's times are seconds; p50 and p99 by nearest rank, in ms.
jq -r --argjson runs "$runs" '
  def pct(p): (sort | .[((length * p / 100) | ceil) - 1]) * 1000;
  [.results[] | {name: .command, p50: (.times | pct(50)), p99: (.times | pct(99)), cpu: ((.user + .system) * 1000)}] as $r
  | ($r[] | select(.name == "runc run") | .p50) as $base
  | ($r[] | select(.name == "JVM floor") | .p50) as $floor
  | ($r[] | select(.name == "runc run") | .cpu) as $cpubase
  | ($r[] | select(.name == "JVM floor") | .cpu) as $cpufloor
  | def ms: . * 10 | round / 10 | tostring;
  $r[]
  | [ "container start: " + .name,
      (if .name == "runc run" then "busybox true, \($runs) runs; ratio: 1 = this row; CPU \(.cpu | ms) ms"
       elif .name == "JVM floor" then "empty main, launcher flags, own AOT cache; ratio: to itself; CPU \(.cpu | ms) ms"
       else "\($runs) runs; ratio: (p50 - runc run p50) / JVM floor p50; CPU added \(.cpu - $cpubase | ms) ms = "
         + "\((.cpu - $cpubase) / $cpufloor * 100 | round / 100) floors of CPU" end),
      (.p50 | . * 10 | round / 10 | tostring) + " ms",
      (.p99 | . * 10 | round / 10 | tostring) + " ms",
      (if .name == "runc run" or .name == "JVM floor" then "1.00"
       else ((.p50 - $base) / $floor * 100 | round / 100 | tostring) end) ]
  | "| " + join(" | ") + " |"' "$out/runtime-bench.json"
