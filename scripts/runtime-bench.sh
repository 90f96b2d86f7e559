#!/usr/bin/env bash
# Measures what the runtime shim adds to a container start, under real runc with the mock NVML:
#   runc run                      a busybox container, no shim (the baseline)
#   hami runtime run (plain)      the shim on a container without HAMi limit variables (the shell sees it: no JVM)
#   hami runtime run (decoy)      a container without allocation whose config names a limit variable elsewhere
#                                 (an annotation): the JVM reads it, decides there is nothing to edit, execs runc
#   hami runtime run (gpu)        the shim on an allocated container, as configured by default: the GPU's minor from
#                                 the driver's files (a stand-in directory here), the hook's checks in the same JVM
#   ... minor from NVML           the same without driver files: the mock NVML is loaded to resolve the UUID
#   ... with startHook = true     the same plus the createRuntime hook, which runs in a second JVM
#   JVM floor                     an empty main with the launcher's flags and its own AOT cache
# Bundles, runc's state and the shim's stateDir are on a tmpfs, as under /run on a node (ONDISK=1: on the disk).
# BASELINE=DIR adds "baseline allocated": the allocated start through DIR/hami, another built checkout (with its AOT
# cache, e.g. main's), measured in the same run as this one.
# Needs root, runc, busybox-static, hyperfine and a built tree (./hami aot-train is run when the cache is missing).
# Usage: scripts/runtime-bench.sh [RUNS]   (default 30); prints a table and writes runtime-bench.csv and
# runtime-bench.json (hyperfine's, with every run's time) into $TMPDIR (default /tmp).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
runs="${1:-30}"
for tool in runc hyperfine; do command -v "$tool" >/dev/null || { echo "runtime-bench: $tool is not installed" >&2; exit 2; }; done
[ "$(id -u)" = 0 ] || { echo "runtime-bench: needs root (runc, mknod)" >&2; exit 2; }
[ -x /bin/busybox ] || { echo "runtime-bench: /bin/busybox is missing (apt-get install busybox-static)" >&2; exit 2; }
mock="$root/test-fixtures/target/native/libnvidia-ml.so.1"
[ -f "$mock" ] && [ -f "$root/cli/target/hami-cli.jar" ] || { echo "runtime-bench: build first (./mvnw -B -DskipTests package)" >&2; exit 2; }
[ -f "$root/cli/target/hami-runtime.aot" ] || HAMI_NO_BUILD=1 "$root/hami" aot-train
read -r java_home < "$root/cli/target/hami-runtime.aot.stamp"

work="$(mktemp -d /tmp/hami-bench.XXXXXX)"
# On a node the bundle (containerd's and CRI-O's under /run), runc's state and the shim's stateDir (/run/hami/runtime)
# are on tmpfs, where the shim's fsyncs cost nothing; on a disk they would add milliseconds to every start. So the bench
# works on a tmpfs of its own (ONDISK=1 keeps it on the disk under /tmp, as runs before this setting were made).
[ -n "${ONDISK:-}" ] || mount -t tmpfs -o size=256m,mode=700 hami-bench "$work" \
  || { echo "runtime-bench: cannot mount a tmpfs on $work (run with ONDISK=1 to bench on the disk)" >&2; rmdir "$work"; exit 2; }
trap 'runc --root "$work/runc" list -q 2>/dev/null | xargs -r -n1 runc --root "$work/runc" delete -f >/dev/null 2>&1; [ -n "${ONDISK:-}" ] || umount "$work"; rm -rf "$work"' EXIT
profile="$root/test-fixtures/src/main/resources/nvml-profiles/a100x8.json"
uuid="GPU-a1000002-5e1d-4c2b-9f3a-7d6e5c4b3a22"   # minor 2 in that profile

mkdir -p "$work/dev" "$work/hook/vgpu" "$work/driver/gpus/0000:07:00.0"
printf 'Model: \t\t NVIDIA A100-SXM4-40GB\nGPU UUID: \t %s\nBus Location: \t 0000:07:00.0\nDevice Minor: \t 2\n' "$uuid" \
  > "$work/driver/gpus/0000:07:00.0/information"
for i in 0 1 2 3 4 5 6 7; do mknod -m 666 "$work/dev/nvidia$i" c 195 "$i"; done
mknod -m 666 "$work/dev/nvidiactl" c 195 255
: > "$work/hook/vgpu/libvgpu.so"
echo "$work/hook/vgpu/libvgpu.so" > "$work/hook/vgpu/ld.so.preload"
cat > "$work/runtime.conf" <<CONF
runtime = runc
hookPath = $work/hook
devRoot = $work/dev
vgpuLockDir = $work/lock
stateDir = $work/state
nvmlLibrary = $mock
driverInfoDir = $work/driver/gpus
hook = $root/hami
CONF
sed "s|^driverInfoDir = .*|driverInfoDir = $work/no-driver-files|" "$work/runtime.conf" > "$work/runtime-nvml.conf"
{ cat "$work/runtime.conf"; echo "startHook = true"; } > "$work/runtime-hook.conf"
chmod 644 "$work/runtime.conf" "$work/runtime-nvml.conf" "$work/runtime-hook.conf"
export HAMI_RUNTIME_CONFIG="$work/runtime.conf" NVML_MOCK_PROFILE="$profile" HAMI_NO_BUILD=1

bundle() { # $1 name, $2 extra env entries (JSON strings, comma-led), $3 annotations JSON
  mkdir -p "$work/$1/rootfs/bin" "$work/$1/rootfs/proc" "$work/$1/rootfs/dev" "$work/$1/rootfs/sys" "$work/$1/rootfs/tmp"
  cp /bin/busybox "$work/$1/rootfs/bin/busybox"; ln -s busybox "$work/$1/rootfs/bin/true"
  cat > "$work/$1/config.json" <<JSON
{"ociVersion":"1.0.2","process":{"terminal":false,"user":{"uid":0,"gid":0},"args":["true"],
"env":["PATH=/bin"$2],"cwd":"/","noNewPrivileges":true},
"root":{"path":"rootfs","readonly":true},"hostname":"bench",
"mounts":[{"destination":"/proc","type":"proc","source":"proc"},
{"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]},
{"destination":"/tmp","type":"tmpfs","source":"tmpfs","options":["nosuid","nodev","mode=1777"]}],
"annotations":$3,
"linux":{"resources":{"devices":[{"allow":false,"access":"rwm"}]},
"namespaces":[{"type":"pid"},{"type":"network"},{"type":"ipc"},{"type":"uts"},{"type":"mount"}]}}
JSON
  cp "$work/$1/config.json" "$work/$1/config.pristine"
}
pod='{"io.kubernetes.cri.container-type":"container","io.kubernetes.cri.container-name":"cuda","io.kubernetes.cri.sandbox-name":"bench-0","io.kubernetes.cri.sandbox-namespace":"default","io.kubernetes.cri.sandbox-uid":"0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0"}'
bundle plain "" "$pod"
bundle decoy "" "${pod%\}},\"note\":\"CUDA_DEVICE_SM_LIMIT is set by HAMi\"}"
bundle gpu ",\"NVIDIA_VISIBLE_DEVICES=$uuid\",\"CUDA_DEVICE_MEMORY_LIMIT_0=3000m\",\"CUDA_DEVICE_SM_LIMIT=30\"" "$pod"

# The JVM floor: an empty main, same flags, its own AOT cache.
mkdir -p "$work/floor"
echo 'public class Empty { public static void main(String[] a) { } }' > "$work/floor/Empty.java"
"$java_home/bin/javac" -d "$work/floor" "$work/floor/Empty.java"
(cd "$work/floor" && "$java_home/bin/jar" cf empty.jar Empty.class)
flags="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:all=warning:stderr"
"$java_home/bin/java" $flags -XX:AOTCacheOutput="$work/floor/empty.aot" -cp "$work/floor/empty.jar" Empty >/dev/null 2>&1

# Sanity: the allocated container really gets its GPU through the shim.
"$root/hami" runtime --root "$work/runc" run --bundle "$work/gpu" check >/dev/null
grep -q '"/dev/nvidia2"' "$work/gpu/config.json" || { echo "runtime-bench: the shim did not edit the gpu bundle" >&2; exit 1; }
cp "$work/gpu/config.pristine" "$work/gpu/config.json"

restore="cp $work/gpu/config.pristine $work/gpu/config.json"
baseline=()
if [ -n "${BASELINE:-}" ]; then
  [ -x "$BASELINE/hami" ] || { echo "runtime-bench: BASELINE=$BASELINE has no hami launcher" >&2; exit 2; }
  baseline=(--prepare "$restore" -n "baseline allocated" "$BASELINE/hami runtime --root $work/runc run --bundle $work/gpu b6")
fi
hyperfine -N --warmup 3 --runs "$runs" --export-csv "$work/bench.csv" --export-json "$work/bench.json" \
  --prepare true --prepare true --prepare true --prepare "$restore" --prepare "$restore" --prepare "$restore" --prepare true \
  -n "runc run" "runc --root $work/runc run --bundle $work/plain b0" \
  -n "shim no-allocation" "$root/hami runtime --root $work/runc run --bundle $work/plain b1" \
  -n "shim decoy variable" "$root/hami runtime --root $work/runc run --bundle $work/decoy b4" \
  -n "shim allocated" "$root/hami runtime --root $work/runc run --bundle $work/gpu b2" \
  -n "shim allocated NVML minor" "env HAMI_RUNTIME_CONFIG=$work/runtime-nvml.conf $root/hami runtime --root $work/runc run --bundle $work/gpu b3" \
  -n "shim allocated + start hook" "env HAMI_RUNTIME_CONFIG=$work/runtime-hook.conf $root/hami runtime --root $work/runc run --bundle $work/gpu b5" \
  -n "JVM floor" "$java_home/bin/java $flags -XX:AOTCache=$work/floor/empty.aot -XX:AOTMode=on -cp $work/floor/empty.jar Empty" \
  "${baseline[@]}" >&2
cp "$work/bench.csv" "${TMPDIR:-/tmp}/runtime-bench.csv"
cp "$work/bench.json" "${TMPDIR:-/tmp}/runtime-bench.json"

# command,mean,stddev,median,user,system,min,max (seconds)
awk -F, 'NR > 1 { name[NR] = $1; mean[NR] = $2 * 1000; med[NR] = $4 * 1000; cpu[NR] = ($5 + $6) * 1000 }
  END {
    base = med[2]; floor = med[8]
    printf "%-32s %10s %10s\n", "", "median ms", "mean ms"
    for (i = 2; i <= 8; i++) printf "%-32s %10.1f %10.1f\n", name[i], med[i], mean[i]
    printf "\nadded per start, no allocation : %6.1f ms = %.2f x JVM floor\n", med[3] - base, (med[3] - base) / floor
    printf "  ... a decoy variable         : %6.1f ms = %.2f x JVM floor\n", med[4] - base, (med[4] - base) / floor
    printf "added per start, allocated     : %6.1f ms = %.2f x JVM floor\n", med[5] - base, (med[5] - base) / floor
    printf "  ... minor from NVML          : %6.1f ms = %.2f x JVM floor\n", med[6] - base, (med[6] - base) / floor
    printf "  ... with startHook (2 JVMs)  : %6.1f ms = %.2f x JVM floor\n", med[7] - base, (med[7] - base) / floor
    printf "JVM floor                      : %6.1f ms\n", floor
    if (9 in med) printf "baseline allocated             : %6.1f ms = %.2f x JVM floor\n", med[9] - base, (med[9] - base) / floor
    printf "CPU (user + sys, mean) added, allocated: %6.1f ms = %.2f x the floor'"'"'s %.1f ms\n", cpu[5] - cpu[2], (cpu[5] - cpu[2]) / cpu[8], cpu[8]
    if (9 in cpu) printf "  ... baseline allocated              : %6.1f ms = %.2f x the floor'"'"'s\n", cpu[9] - cpu[2], (cpu[9] - cpu[2]) / cpu[8]
  }' "$work/bench.csv"
