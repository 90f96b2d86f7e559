#!/usr/bin/env bash
# Checks hami-java on a machine with an NVIDIA GPU and driver, and prints a short summary, one PASS/FAIL/SKIP line
# per step. It only reads the GPUs: no step changes a GPU setting (no persistence mode, clocks, MIG or ECC change).
#   1. what the driver reports (nvidia-smi, when installed), and MIG read only: each GPU's MIG mode and, on GPUs in MIG
#      mode, the GPU-instance profiles, their placements and the instances that exist (listing commands only);
#   2. builds the command and runs the tests tagged "gpu" (the NVML contract against the real driver);
#   3. runs `hami devices --json --vendor nvidia` and `hami devices --vendor nvidia` against the real driver and compares with nvidia-smi;
#   4. the node check, from the "gpu" tests of step 2: the device plugin over the real NVML with the kubelet stand-in
#      (registration, Allocate naming a real UUID), the runtime shim starting a runc container with one allocated GPU
#      in which the host's `nvidia-smi -L` lists exactly that GPU, this machine's NVLink/topology scores, and the
#      monitor's host metrics against nvidia-smi's figures.
# Needs only a JDK 25 (JAVA_HOME or /usr/lib/jvm) and this repository; the Maven Wrapper fetches Maven and the
# dependencies. Without gcc/make the C probes and mocks are not built (the gpu tests do not need them).
# Every step runs under a timeout, so the script always ends. Exit code: 0 PASS, 1 FAIL, 2 no GPU to check.
#
# Environment: HAMI_NVML_LIBRARY (default libnvidia-ml.so.1), BUILD_TIMEOUT (s, default 1500),
# RUN_TIMEOUT (s, default 120), MVN_ARGS (extra Maven arguments, e.g. -o), GPU_CHECK_REPORTS_ONLY=1 (skip the build
# and the runs: summarize the test reports already under target/, e.g. to check this script without a GPU).
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

# 1b. MIG, read only -------------------------------------------------------------------------------
# Listing commands only: nothing here (or anywhere in this script) enables or disables MIG mode or creates or
# destroys an instance; a lent machine's MIG layout is its owner's.
if [ -n "$smi_count" ]; then
  step "MIG (read only)"
  if timeout 60 nvidia-smi --query-gpu=index,mig.mode.current,mig.mode.pending \
      --format=csv,noheader > "$logs/mig-mode.csv" 2> "$logs/mig-mode.err"; then
    mig_on="$(awk -F', *' '$2 == "Enabled"' "$logs/mig-mode.csv" | wc -l)"
    mig_capable="$(awk -F', *' '$2 == "Enabled" || $2 == "Disabled"' "$logs/mig-mode.csv" | wc -l)"
    pending="$(awk -F', *' '$2 != $3' "$logs/mig-mode.csv" | wc -l)"
    if [ "$mig_on" -gt 0 ]; then
      timeout 60 nvidia-smi mig -lgip > "$logs/mig-profiles.txt" 2>&1
      timeout 60 nvidia-smi mig -lgipp > "$logs/mig-placements.txt" 2>&1
      timeout 60 nvidia-smi mig -lgi > "$logs/mig-instances.txt" 2>&1
      timeout 60 nvidia-smi -L > "$logs/mig-devices.txt" 2>&1
      mig_devices="$(grep -c '^ *MIG ' "$logs/mig-devices.txt")"
      note "mig" "$mig_on of $mig_capable MIG-capable GPU(s) in MIG mode, $mig_devices MIG device(s); profiles, placements, instances in mig-*.txt"
    else
      note "mig" "no GPU in MIG mode ($mig_capable MIG-capable); profiles need MIG mode, which this check never sets"
    fi
    [ "$pending" -gt 0 ] && note "mig pending" "$pending GPU(s) with a MIG mode change pending a reset (left as is)"
  else
    note "mig" "nvidia-smi could not report MIG mode: $(head -c 200 "$logs/mig-mode.err")"
  fi
fi

# 2. build and gpu-tagged tests -------------------------------------------------------------------
native=()
if ! command -v gcc >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1; then
  native=(-Dexec.skip=true)
  note "native" "gcc/make missing: C probes and mocks not built (not needed here)"
fi
report="test-fixtures/target/surefire-reports/TEST-io.hami.testfixtures.nvml.GpuNvmlContractTest.xml"
node_reports=(cli/target/surefire-reports/TEST-io.hami.cli.deviceplugin.RealGpuNodeTest.xml
              cli/target/surefire-reports/TEST-io.hami.cli.runtime.RealGpuRuncTest.xml)
reports_only=0
[ "${GPU_CHECK_REPORTS_ONLY:-0}" = 1 ] && reports_only=1
start=$(date +%s)
if [ "$reports_only" = 1 ]; then
  build_rc=0
  note "mode" "GPU_CHECK_REPORTS_ONLY: no build, no runs; the reports under target/ are summarized"
else
  rm -f "$report" "${node_reports[@]}" cli/target/hami-cli.jar
  step "build and gpu tests (up to ${build_timeout}s; log $logs/build.log)"
  # shellcheck disable=SC2086
  timeout --kill-after=30 "$build_timeout" ./mvnw -B -ntp ${MVN_ARGS:-} "${native[@]}" -pl cli -am verify \
      -Dgroups=gpu -Dmaven.test.failure.ignore=true -Dsurefire.timeout=900 -Dhami.nvml.library="$library" \
      -Dhami.nvidia.library="$library" \
      > "$logs/build.log" 2>&1
  build_rc=$?
fi
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
if [ "$reports_only" = 1 ]; then
  note "hami devices" "not run (GPU_CHECK_REPORTS_ONLY)"
elif [ -f "$jar" ]; then
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

# 4. the node check ------------------------------------------------------------------------------
# One line per test case of the node-check classes: PASS, FAIL (with the first line of its message) or SKIP (with
# the assumption that failed). A missing report is a FAIL: the build did not get as far as running the check.
xml_text() { sed 's/&#10;/ /g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' | cut -c1-160; }

node_step() { # $1 label, $2 report, $3 test case
  local label="$1" file="$2" case="$3" block why
  if [ ! -f "$file" ]; then
    fail "$label" "FAIL: no report ($(basename "$file")); see build.log"
    return
  fi
  block="$(tr '\n' ' ' < "$file" | awk -v RS='<testcase ' -v name="$case" 'index($0, "name=\"" name "\"") == 1 { print; exit }')"
  if [ -z "$block" ]; then
    if grep -q 'tests="0"' "$file"; then
      note "$label" "SKIP: $(basename "$file" .xml | sed 's/^TEST-//') ran no test"
      [ "$result" = PASS ] && result=NO-GPU
    else
      fail "$label" "FAIL: $case did not run"
    fi
  elif printf '%s' "$block" | grep -q -E '<(failure|error)'; then
    why="$(printf '%s' "$block" | sed -n 's/.*<\(failure\|error\) message="\([^"]*\)".*/\2/p')"
    # without a message attribute, the exception's first words in its CDATA
    [ -n "$why" ] || why="$(printf '%s' "$block" | sed -n 's/.*<\(failure\|error\)[^>]*><!\[CDATA\[\([^]]*\).*/\2/p' | sed 's/\t.*//')"
    fail "$label" "FAIL: $(printf '%s' "${why:-see the report}" | xml_text)"
  elif printf '%s' "$block" | grep -q '<skipped'; then
    why="$(printf '%s' "$block" | sed -n 's/.*<skipped message="\([^"]*\)".*/\1/p')"
    [ -n "$why" ] || why="$(printf '%s' "$block" | grep -o 'Assumption failed: [^]<&]*' | head -n 1 | sed 's/\t.*//')"
    note "$label" "SKIP: $(printf '%s' "${why:-no reason recorded}" | xml_text)"
    [ "$result" = PASS ] && result=NO-GPU
  else
    note "$label" "PASS"
  fi
}

node_step "device plugin" "${node_reports[0]}" devicePluginRegistersTheRealGpusAndAllocateNamesTheirUuids
node_step "runc + smi -L" "${node_reports[1]}" aContainerAllocatedOneGpuListsExactlyThatGpu
node_step "topology" "${node_reports[0]}" topologyScoresOfThisMachineAreSymmetricAndAtLeastHamisFloor
node_step "monitor" "${node_reports[0]}" monitorHostMetricsMatchNvidiaSmi
if [ -f cli/target/gpu-check/topology-score.json ]; then
  cp cli/target/gpu-check/topology-score.json cli/target/gpu-check/topology-links.txt "$logs/" 2>/dev/null
  note "scores" "$(cut -c1-160 "$logs/topology-score.json")"
fi

finish
