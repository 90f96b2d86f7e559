#!/usr/bin/env bash
# Fuzzes each parser for a set time with Jazzer (docs/reliability.md) and prints, per target, the executions and
# the findings. One target at a time, each in its own test JVM (Jazzer fuzzes one test per process).
#
#   scripts/fuzz.sh [-t SECONDS] [-o] [TARGET...]     e.g. scripts/fuzz.sh -t 300 model:AnnotationCodecsFuzzTest#anyAnnotation
#
#   -t SECONDS   fuzzing time per target (default 60; the goal of docs/reliability.md is 1,000,000 executions each)
#   -o           run Maven offline
#   TARGET       module:Class#method; default: every target below
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

seconds=60
offline=()
while getopts "t:o" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    o) offline=(-o) ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
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
  echo "== fuzzing $target for ${seconds}s" >&2
  status=0
  # jazzer.internal.arg.*: the libFuzzer arguments of the fuzz test (argument 0 stands for the program's name);
  # a later -max_total_time overrides the @FuzzTest default. jazzer.hooks=true: the bug detectors verify leaves off.
  JAZZER_FUZZ=1 ./mvnw -B "${offline[@]}" -pl "$module" -am test -Djazzer.hooks=true \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
  runs=$(grep -ao 'Done [0-9]* runs' "$log" | tail -1 | awk '{print $2}')
  inputs_after=$(find "$module/src/test/resources" -path "*Inputs/*" -name 'crash-*' 2>/dev/null | sort)
  findings=$(comm -13 <(printf '%s\n' "$inputs_before") <(printf '%s\n' "$inputs_after") | grep -c . || true)
  if [ "$status" -ne 0 ] && [ "$findings" -eq 0 ]; then
    findings=1   # the test failed without leaving an input: look at the log
  fi
  [ "$findings" -eq 0 ] || { found_any=1; cp "$log" "$root/fuzz-${test//#/_}.log"; echo "   log kept: fuzz-${test//#/_}.log" >&2; }
  results+=("$(printf '%-58s %12s %9s' "$target" "${runs:-?}" "$findings")")
done

printf '\n%-58s %12s %9s\n' "target (${seconds}s each)" executions findings
printf '%s\n' "${results[@]}"
exit "$found_any"
