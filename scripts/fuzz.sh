#!/usr/bin/env bash
# Fuzzes each parser with Jazzer (docs/reliability.md), for a set time or until a number of executions, and prints,
# per target, the executions, the seconds, the executions per second, the findings and the machine's load (the
# 1-minute load average when the target started and when it ended; rates taken under load are not comparable with a
# quiet machine's). One target at a time, each in its own test JVM (Jazzer fuzzes one test per process).
#
#   scripts/fuzz.sh [-t SECONDS] [-n EXECUTIONS] [-o] [TARGET...]
#       e.g. scripts/fuzz.sh -t 300 model:AnnotationCodecsFuzzTest#anyAnnotation
#            scripts/fuzz.sh -n 1000000 -t 3600      (each target until 1,000,000 executions, at most an hour)
#
#   -t SECONDS     fuzzing time per target (default 60, or no limit when -n is given)
#   -n EXECUTIONS  stop a target after this many executions (the goal of docs/reliability.md is 1,000,000 each);
#                  with -t as well, whichever comes first
#   -o             run Maven offline
#   TARGET         module:Class#method; default: every target below
#
# The modules are compiled once, first; each target then runs without compiling, generating or building anything
# again (a later edit to the sources needs a new invocation).
#
# A finding is written by Jazzer under <module>/src/test/resources/<package>/<Class>Inputs/<method>/ and is replayed
# by `./mvnw verify` from then on: fix the parser, keep the file. The corpus Jazzer grows is kept in
# <module>/.cifuzz-corpus (ignored by git) and reused by the next run. Exit status: 1 when any target found something.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

targets_all=(
  model:AnnotationCodecsFuzzTest#anyAnnotation
  model:DeviceConfigFuzzTest#deviceConfigFile
  runtime-hook:RuntimeConfFuzzTest#runtimeConf
  runtime-hook:OciConfigFuzzTest#configIntoPlanner
  runtime-hook:CriAnnotationsFuzzTest#criAnnotations
  monitor:MonitorConfigFuzzTest#monitorConfigFile
  bindings:RegionFileFuzzTest#regionFile
  scheduler:HttpFrontFuzzTest#extenderFilter
  scheduler:HttpFrontFuzzTest#extenderBind
  scheduler:HttpFrontFuzzTest#admissionReview
)

# libFuzzer options of one target, after the common ones. The device configuration's inputs are capped at 1 KiB:
# decoding costs in proportion to the length, and left alone libFuzzer lets inputs grow to its largest seed; every
# section of the chart's file fits on its own (docs/reliability.md).
declare -A target_options=(
  [model:DeviceConfigFuzzTest#deviceConfigFile]="-max_len=1024"
)

seconds=""
runs=""
offline=()
while getopts "t:n:o" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    n) runs="$OPTARG" ;;
    o) offline=(-o) ;;
    *) sed -n '2,22p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
for value in "$seconds" "$runs"; do
  if [ -n "$value" ] && ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: -t and -n take a positive whole number, not '$value'" >&2
    exit 2
  fi
done
if [ -z "$seconds" ]; then
  # libFuzzer's -max_total_time=0 is no limit; it overrides the @FuzzTest default duration
  if [ -n "$runs" ]; then seconds=0; else seconds=60; fi
fi
limit="${seconds}s each"
[ "$seconds" != 0 ] || limit="no time limit"
[ -z "$runs" ] || limit="$limit, at most $runs executions"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${targets_all[@]}")

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME="$candidate"; break; fi
  done
fi
export JAVA_HOME

modules=$(printf '%s\n' "${targets[@]}" | cut -d: -f1 | sort -u | paste -sd, -)
echo "== compiling $modules and their tests" >&2
./mvnw -B -q "${offline[@]}" -pl "$modules" -am test-compile >&2

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
found_any=0
results=()
for target in "${targets[@]}"; do
  module="${target%%:*}"
  test="${target#*:}"
  inputs_before=$(find "$module/src/test/resources" -path "*Inputs/*" -name 'crash-*' 2>/dev/null | sort)
  log="$logs/${test//#/_}.log"
  echo "== fuzzing $target ($limit)" >&2
  load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
  status=0
  # jazzer.internal.arg.*: the libFuzzer arguments of the fuzz test (argument 0 stands for the program's name);
  # -max_total_time overrides the @FuzzTest default; -runs stops after that many executions; then the target's own.
  # jazzer.hooks=true: the bug detectors verify leaves off.
  # maven.main.skip, protoc.skip, exec.skip: compiled above; nothing is compiled, generated (kubelet-api's protos,
  # whose regeneration made Maven recompile every module after them) or built in C again per target.
  libfuzzer=(-max_total_time="$seconds")
  [ -z "$runs" ] || libfuzzer+=(-runs="$runs")
  # shellcheck disable=SC2206 # the options are words
  libfuzzer+=(${target_options[$target]:-})
  args=()
  for i in "${!libfuzzer[@]}"; do args+=(-Djazzer.internal.arg.$((i + 1))="${libfuzzer[$i]}"); done
  JAZZER_FUZZ=1 ./mvnw -B "${offline[@]}" -pl "$module" -am test -Dmaven.main.skip=true -Dprotoc.skip=true \
      -Dexec.skip=true -Djazzer.hooks=true -Djazzer.internal.arg.0=fuzz "${args[@]}" \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
  # libFuzzer's last line: "Done 123456 runs in 20 second(s)"
  done_line=$(grep -ao 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)
  executions=$(awk '{print $2}' <<<"$done_line")
  took=$(awk '{print $5}' <<<"$done_line")
  rate="?"
  if [ -n "$executions" ] && [ -n "$took" ] && [ "$took" -gt 0 ]; then rate=$((executions / took)); fi
  load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
  inputs_after=$(find "$module/src/test/resources" -path "*Inputs/*" -name 'crash-*' 2>/dev/null | sort)
  findings=$(comm -13 <(printf '%s\n' "$inputs_before") <(printf '%s\n' "$inputs_after") | grep -c . || true)
  if [ "$status" -ne 0 ] && [ "$findings" -eq 0 ]; then
    findings=1   # the test failed without leaving an input: look at the log
  fi
  [ "$findings" -eq 0 ] || { found_any=1; cp "$log" "$root/fuzz-${test//#/_}.log"; echo "   log kept: fuzz-${test//#/_}.log" >&2; }
  results+=("$(printf '%-58s %12s %8s %8s %9s %12s' "$target" "${executions:-?}" "${took:-?}" "$rate" "$findings" \
      "$load_before-$load_after")")
done

printf '\n%-58s %12s %8s %8s %9s %12s\n' "target ($limit)" executions seconds exec/s findings load
printf '%s\n' "${results[@]}"
exit "$found_any"
