#!/usr/bin/env bash
# Checks hami-java's NVML binding on a machine with an NVIDIA GPU and driver, and prints a short summary:
#   1. what the driver reports (nvidia-smi, when installed);
#   2. builds the command and runs the tests tagged "gpu" (the NVML contract against the real driver);
#   3. runs `hami devices --json --vendor nvidia` and `hami devices --vendor nvidia` against the real driver and compares with nvidia-smi.
# Needs only a JDK 25 (JAVA_HOME or /usr/lib/jvm) and this repository; the Maven Wrapper fetches Maven and the
# dependencies. Without gcc/make the C probes and mocks are not built (the gpu tests do not need them).
# Every step runs under a timeout, so the script always ends. Exit code: 0 PASS, 1 FAIL, 2 no GPU to check.
#
# Environment: HAMI_NVML_LIBRARY (default libnvidia-ml.so.1), BUILD_TIMEOUT (s, default 1500),
# RUN_TIMEOUT (s, default 120), MVN_ARGS (extra Maven arguments, e.g. -o).
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root" || exit 1
library="${HAMI_NVML_LIBRARY:-libnvidia-ml.so.1}"
build_timeout="${BUILD_TIMEOUT:-1500}"
run_timeout="${RUN_TIMEOUT:-120}"
logs="$root/target/gpu-check"
mkdir -p "$logs"
summary=()
result=PASS

note() { summary+=("$(printf '%-14s: %s' "$1" "$2")"); }
fail() { result=FAIL; note "$1" "$2"; }
step() { echo "== gpu-check: $*" >&2; }

java_major() { # the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

find_jdk() {
  local c m
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$c" ] || continue
    m="$(java_major "$c")"
    if [ -n "$m" ] && [ "$m" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}

finish() {
  echo
  echo "== hami-java gpu-check summary =="
  printf '%s\n' "${summary[@]}"
  echo "logs          : $logs"
  echo "RESULT: $result"
  case "$result" in PASS) exit 0 ;; NO-GPU) exit 2 ;; *) exit 1 ;; esac
}

# 1. JDK and driver -------------------------------------------------------------------------------
if ! JAVA_HOME="$(find_jdk)"; then
  fail "jdk" "no JDK 25 found: set JAVA_HOME or install one under /usr/lib/jvm"
  finish
fi
export JAVA_HOME
note "jdk" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"

smi_count=""
if command -v nvidia-smi >/dev/null 2>&1; then
  step "nvidia-smi"
  if timeout 60 nvidia-smi --query-gpu=index,name,uuid,driver_version,memory.total,pci.bus_id \
      --format=csv,noheader > "$logs/nvidia-smi.csv" 2> "$logs/nvidia-smi.err"; then
    smi_count="$(grep -c . "$logs/nvidia-smi.csv")"
    names="$(cut -d, -f2 "$logs/nvidia-smi.csv" | sed 's/^ *//' | sort -u | paste -sd, -)"
    note "driver" "$(head -n 1 "$logs/nvidia-smi.csv" | cut -d, -f4 | xargs) (nvidia-smi), $smi_count GPU(s): $names"
  else
    note "driver" "nvidia-smi failed or timed out: $(head -c 200 "$logs/nvidia-smi.err")"
  fi
else
  note "driver" "nvidia-smi not installed; relying on $library alone"
fi

# 2. build and gpu-tagged tests -------------------------------------------------------------------
native=()
if ! command -v gcc >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1; then
  native=(-Dexec.skip=true)
  note "native" "gcc/make missing: C probes and mocks not built (not needed here)"
fi
report="test-fixtures/target/surefire-reports/TEST-io.hami.testfixtures.nvml.GpuNvmlContractTest.xml"
rm -f "$report" cli/target/hami-cli.jar
step "build and gpu tests (up to ${build_timeout}s; log $logs/build.log)"
start=$(date +%s)
# shellcheck disable=SC2086
timeout --kill-after=30 "$build_timeout" ./mvnw -B -ntp ${MVN_ARGS:-} "${native[@]}" -pl cli -am verify \
    -Dgroups=gpu -Dmaven.test.failure.ignore=true -Dsurefire.timeout=900 -Dhami.nvml.library="$library" \
    -Dhami.nvidia.library="$library" \
    > "$logs/build.log" 2>&1
build_rc=$?
elapsed=$(( $(date +%s) - start ))

if [ "$build_rc" -eq 124 ] || [ "$build_rc" -eq 137 ]; then
  fail "build" "timed out after ${build_timeout}s (see build.log)"
elif [ ! -f "$report" ]; then
  fail "build" "failed (exit $build_rc, ${elapsed}s): $(grep -m1 -E '\[ERROR\]' "$logs/build.log" | cut -c1-160)"
else
  [ "$build_rc" -eq 0 ] && note "build" "ok (${elapsed}s)" || note "build" "exit $build_rc (${elapsed}s), see build.log"
  attr() { sed -n "s/.*<testsuite[^>]* $1=\"\([0-9]*\)\".*/\1/p" "$report" | head -n 1; }
  tests=$(attr tests); failures=$(attr failures); errors=$(attr errors); skipped=$(attr skipped)
  line="${tests:-?} run, ${failures:-?} failed, ${errors:-?} errors, ${skipped:-?} skipped"
  if [ "${failures:-1}" != 0 ] || [ "${errors:-1}" != 0 ] || [ "$build_rc" -ne 0 ]; then
    fail "gpu tests" "$line -> FAIL"
    mapfile -t messages < <(sed -n 's/.*<\(failure\|error\) message="\([^"]*\)".*/\2/p' "$report" \
        | sed 's/&#10;/ /g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' | head -n 5 | cut -c1-200)
    for m in "${messages[@]}"; do summary+=("                $m"); done
  elif [ "${tests:-0}" = "${skipped:-0}" ]; then
    reason="$(grep -m1 -o 'Assumption failed: [^&<]*' "$report" | head -n 1)"
    note "gpu tests" "$line -> SKIPPED (${reason:-no reason recorded})"
    [ "$result" = PASS ] && result=NO-GPU
  else
    note "gpu tests" "$line -> PASS"
  fi
fi

# 3. hami devices against the driver ---------------------------------------------------------------
jar="cli/target/hami-cli.jar"
if [ -f "$jar" ]; then
  step "hami devices --json (up to ${run_timeout}s)"
  timeout --kill-after=10 "$run_timeout" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
      devices --json --vendor nvidia --library "$library" > "$logs/devices.json" 2> "$logs/devices.err"
  rc=$?
  timeout --kill-after=10 "$run_timeout" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
      devices --vendor nvidia --library "$library" > "$logs/devices.txt" 2>> "$logs/devices.err"
  count=$(grep -c '"index"' "$logs/devices.json")
  healthy=$(grep -c '"healthy": true' "$logs/devices.json")
  if [ "$rc" -ne 0 ]; then
    line="exit $rc: $(head -n 1 "$logs/devices.err" | cut -c1-160)"
    if [ "$rc" -eq 3 ] && [ -z "$smi_count" ]; then
      note "hami devices" "$line -> no NVML here"
      [ "$result" = PASS ] && result=NO-GPU
    else
      fail "hami devices" "$line -> FAIL"
    fi
  elif [ -n "$smi_count" ] && [ "$count" != "$smi_count" ]; then
    fail "hami devices" "$count device(s), $healthy healthy, but nvidia-smi lists $smi_count -> FAIL"
  elif [ "$count" != "$healthy" ]; then
    fail "hami devices" "$count device(s), only $healthy healthy: $(head -n 1 "$logs/devices.err") -> FAIL"
  else
    note "hami devices" "exit 0, $count device(s), all healthy${smi_count:+, matches nvidia-smi} -> PASS"
  fi
  echo >&2
  cat "$logs/devices.txt" >&2
else
  fail "hami devices" "not run: $jar was not built"
fi

finish
