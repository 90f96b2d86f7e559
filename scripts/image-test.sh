#!/usr/bin/env bash
# The image's test (run by .ci/run after the Maven build; needs root, runc, umoci and jq):
#   1. builds the image twice (scripts/build-image.sh; arguments go to the first build) and checks that every layer
#      but the AOT cache's is the same, byte for byte (docs/images.md says why that one is not);
#   2. unpacks the archive with umoci, an OCI tool of its own, which checks every digest and size (and, when skopeo
#      is installed, reads its digest with skopeo);
#   3. under real runc: the image's own command (hami --help), then inside the container hami version, the daemons'
#      --help, hami hook createRuntime with its classes from the AOT cache (-XX:AOTMode=on), hami-runtime, and the
#      same from a copy of /opt/hami-java elsewhere (what the runtime installer makes on a node);
#   4. fails when the compressed image is over 150 MB.
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

die() { echo "image-test: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "runs containers under runc, which needs root"
for tool in runc umoci jq; do command -v "$tool" >/dev/null || die "needs $tool (apt-get install runc umoci jq)"; done

first="$root/target/image" second="$root/target/image-rebuild" test_dir="$root/target/image-test"
# With --no-maven the jars are there already and the two builds run side by side: most of a build is one process at a
# time (jlink, the AOT training, dpkg-deb, tar, gzip), so on two cores the pair takes little longer than one. Without
# it the first build runs Maven, and the second waits for it.
case " $* " in
  *" --no-maven "*)
    mkdir -p "$second"
    scripts/build-image.sh --out "$second" --no-maven > "$second.log" 2>&1 &
    rebuild=$!
    scripts/build-image.sh --out "$first" "$@" || { wait "$rebuild" || true; die "the first build failed (above)"; }
    wait "$rebuild" || { cat "$second.log" >&2; die "the second build failed (its output above)"; }
    ;;
  *)
    scripts/build-image.sh --out "$first" "$@"
    scripts/build-image.sh --out "$second" --no-maven >/dev/null
    ;;
esac
rm -f "$second.log"
version="$(sed -n 's/^version=//p' cli/target/maven-archiver/pom.properties)"

# --- 1. Reproducibility -----------------------------------------------------------------------------------------
layers() { # layers DIR: "name digest" per layer of the image in DIR/oci
  local manifest
  manifest="$(jq -r '.manifests[0].digest | sub("sha256:"; "")' "$1/oci/index.json")"
  jq -r '.layers[] | "\(.annotations["io.hami.layer"]) \(.digest)"' "$1/oci/blobs/sha256/$manifest"
}
diff <(layers "$first" | grep -v '^aot ') <(layers "$second" | grep -v '^aot ') \
  || die "two builds of the same commit made different layers (above)"
echo "image-test: two builds: the same debian, jre, jars and hami layers"
if [ "$(cat "$first/hami-java-$version.digest")" = "$(cat "$second/hami-java-$version.digest")" ]; then
  echo "image-test: two builds: the same image digest $(cat "$first/hami-java-$version.digest")"
else
  echo "image-test: two builds: image digests differ only by the AOT cache layer" \
    "($(cat "$first/hami-java-$version.digest") and $(cat "$second/hami-java-$version.digest"))"
fi

# --- 2. Unpack the archive with umoci ---------------------------------------------------------------------------
rm -rf "$test_dir"
mkdir -p "$test_dir/layout" "$test_dir/check"
tar -C "$test_dir/layout" -xf "$first/hami-java-$version.oci.tar"
umoci unpack --image "$test_dir/layout:$version" "$test_dir/bundle" >/dev/null \
  || die "umoci cannot unpack $first/hami-java-$version.oci.tar"
if command -v skopeo >/dev/null; then # optional: the tool users push with reads the archive as we wrote it
  [ "$(skopeo inspect --format '{{.Digest}}' "oci-archive:$first/hami-java-$version.oci.tar")" = "$(cat "$first/hami-java-$version.digest")" ] \
    || die "skopeo reads another digest from $first/hami-java-$version.oci.tar"
  echo "image-test: skopeo inspect: the same digest"
fi
config="$test_dir/bundle/config.json"
[ "$(jq -c .process.args "$config")" = '["/opt/hami-java/bin/hami","--help"]' ] \
  || die "the image's command is $(jq -c .process.args "$config"), not hami --help"
cp "$config" "$config.orig"

container="hami-image-test-$$"
run() { # run ARGS...: runs ARGS in the unpacked image under runc, prints its output, returns its exit code
  jq --argjson args "$(jq -nc '$ARGS.positional' --args -- "$@")" --arg check "$test_dir/check" \
    '.process.terminal = false | .process.args = $args
     | .mounts += [{"destination": "/check", "type": "bind", "source": $check, "options": ["rbind", "ro"]}]' \
    "$config.orig" > "$config"
  local rc=0
  runc run --bundle "$test_dir/bundle" "$container" || rc=$?
  runc delete --force "$container" >/dev/null 2>&1 || true
  return "$rc"
}

# --- 3. Commands inside the image -------------------------------------------------------------------------------
out="$(run /opt/hami-java/bin/hami --help 2>&1)" || die "hami --help in the image: $out"
grep -q '^Usage: hami ' <<<"$out" || die "hami --help printed no usage: $out"
echo "image-test: hami --help under runc: ok"

cat > "$test_dir/check/inside.sh" <<'EOF'
# Runs inside the image under runc.
set -euo pipefail
fail() { echo "inside the image: $*" >&2; exit 1; }
check_tree() { # the install tree at $1 works where it lies
  local hami="$1/bin/hami" out
  out="$("$hami" version)" || fail "$hami version failed"
  grep -q '^runtime: Java 25' <<<"$out" || fail "$hami version: $out"
  for command in scheduler device-plugin monitor; do
    "$hami" "$command" --help >/dev/null || fail "$hami $command --help failed"
  done
  # The hook starts from the AOT cache: its classes come from the cache ("shared objects file").
  out="$(HAMI_RUNTIME_CONFIG=/tmp/runtime.conf JDK_JAVA_OPTIONS=-Xlog:class+load=info \
    "$hami" hook createRuntime < /tmp/state.json 2>&1)" || fail "$hami hook createRuntime failed: $out"
  grep -q 'io.hami.runtimehook.hook.CreateRuntimeHook source: shared objects file' <<<"$out" \
    || fail "$hami hook createRuntime did not start from the AOT cache: $(grep -v 'class,load' <<<"$out")"
  ! grep -q 'no AOT cache' <<<"$out" || fail "$hami: $(grep 'no AOT cache' <<<"$out")"
  # hami-runtime: a verb with nothing to edit goes straight to the configured runtime (here: echo).
  out="$(HAMI_RUNTIME_CONFIG=/tmp/runtime.conf "$1/bin/hami-runtime" --root /run/x state c1)" || fail "$1/bin/hami-runtime failed"
  [ "$out" = "--root /run/x state c1" ] || fail "$1/bin/hami-runtime ran: $out"
  echo "image-test: $1: version, daemons' --help, hook from the AOT cache, hami-runtime: ok"
}
mkdir -p /tmp/bundle
cat > /tmp/bundle/config.json <<'JSON'
{"ociVersion": "1.0.2", "process": {"args": ["sh"], "env": ["PATH=/usr/bin"], "cwd": "/"}, "root": {"path": "rootfs"}}
JSON
printf '%s' '{"ociVersion":"1.0.2","id":"c1","status":"creating","pid":1,"bundle":"/tmp/bundle"}' > /tmp/state.json
printf 'hook = none\nruntime = /usr/bin/echo\n' > /tmp/runtime.conf
chmod 644 /tmp/runtime.conf
# The image's LANG (C.UTF-8, from libc-bin) gives the JVM UTF-8 file names and output.
/opt/hami-java/jre/bin/java -XshowSettings:properties -version 2>&1 | grep -q 'sun.jnu.encoding = UTF-8' \
  || fail "the JVM does not run with UTF-8 file names (LANG=${LANG:-unset})"
check_tree /opt/hami-java
# The runtime installer's copy: the tree elsewhere, file times kept.
cp -a /opt/hami-java /usr/local/hami-java
check_tree /usr/local/hami-java
EOF
run /bin/bash /check/inside.sh || die "the checks inside the image failed (above)"

# --- 4. Size ------------------------------------------------------------------------------------------------------
cat "$first/hami-java-$version.sizes"
compressed="$(awk '$1 == "total" { print $5 }' "$first/hami-java-$version.sizes")"
[ "$compressed" -le 150000000 ] || die "the image is $compressed bytes compressed, over the 150 MB goal"
rm -rf "$test_dir" "$second"
echo "image-test: passed"
