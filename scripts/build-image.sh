#!/usr/bin/env bash
# Builds the hami-java OCI image without a container daemon, from Debian packages and the Maven build only
# (docs/images.md says what is inside and why it is built this way):
#
#   scripts/build-image.sh [--out DIR] [--no-maven] [--tree-only] [--refresh-debian-pins]
#   scripts/build-image.sh --busybox [--add FILE]... [--out DIR]
#
#   DIR/hami-java-VERSION.oci.tar   the image as an OCI image layout archive (skopeo's oci-archive:, ctr import)
#   DIR/oci/                        the same layout, unpacked
#   DIR/hami-java-VERSION/          the install tree alone: bin/hami, jre/, app/ (what the image has in /opt/hami-java)
#
# --no-maven             use the jars in cli/target as they are (default: ./mvnw package -pl cli -am first)
# --tree-only            stop after the install tree (no Debian packages, no network)
# --refresh-debian-pins  re-resolve deploy/image/debian-packages.lock with this host's apt (a Debian 12 host after
#                        apt-get update), then build
# --busybox              instead, a small image for tests: this host's static busybox (Debian's busybox-static) with
#                        its applets in /bin, and each --add FILE in /bin too, command sleep; no JDK, no Maven, no
#                        network: DIR/busybox-VERSION.oci.tar, VERSION busybox's
#
# Reproducible: the same commit gives the same layers, byte for byte, except the last one, the AOT cache, which the
# JDK does not write deterministically. Every file is dated project.build.outputTimestamp of the root pom (the jars'
# entries' time too), so a layer changes only with its content; the image's creation time is the commit's (both are
# SOURCE_DATE_EPOCH when that is set).
# DEBIAN_MIRROR (default http://deb.debian.org) and HAMI_IMAGE_DEB_CACHE (default ~/.cache/hami-java/debs) locate
# the packages; each is checked against the SHA-256 pinned in the lock file.
set -euo pipefail
umask 022
export LC_ALL=C TZ=UTC

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/image"
maven=1 tree_only= refresh= busybox= adds=()
lock="$root/deploy/image/debian-packages.lock"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org}"
deb_cache="${HAMI_IMAGE_DEB_CACHE:-${HOME:-/root}/.cache/hami-java/debs}"
prefix=opt/hami-java

# The JRE's modules: what jdeps finds in the cli's class path, without java.desktop (only java.beans is referenced,
# by Jackson's optional JDK 7 annotations support and SnakeYAML's bean introspector, neither of which our commands
# reach), plus jdk.naming.dns for gRPC's DNS resolver. docs/images.md has the jdeps command.
modules=java.base,java.compiler,java.logging,java.naming,java.net.http,java.sql,java.xml,jdk.httpserver,jdk.jfr,jdk.naming.dns,jdk.unsupported

die() { echo "build-image: $*" >&2; exit 1; }
step() { echo "build-image: $*" >&2; }

# --- Writing an OCI image layout: sorted tar entries, owner 0:0, one time stamp, gzip without a name or a time; ------
# --- JSON with fixed key order, dated by the commit (both images) ---------------------------------------------------
start_layout() { # an empty layout in $out/oci; the layers then go in with layer, and finish_image writes the rest
  layout="$out/oci"
  rm -rf "$layout"
  mkdir -p "$layout/blobs/sha256"
  layer_json=() diff_ids=() history=()
  : > "$work/sizes"
}
sum() { sha256sum "$1" | cut -d' ' -f1; }

layer() { # layer NAME DESCRIPTION: makes a layer of the paths (relative to the root file system) on stdin
  local list="$work/$1.list" tar="$work/$1.tar" gz="$work/$1.tar.gz" diff digest
  sort -u > "$list"
  tar -C "$rootfs" --create --file "$tar" --no-recursion --verbatim-files-from --files-from "$list" \
    --format=posix --pax-option='exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime' \
    --mtime="@$file_time" --owner=0 --group=0 --numeric-owner
  gzip -n -6 -c "$tar" > "$gz"
  diff="$(sum "$tar")" digest="$(sum "$gz")"
  mv "$gz" "$layout/blobs/sha256/$digest"
  layer_json+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$digest\",\"size\":$(stat -c %s "$layout/blobs/sha256/$digest"),\"annotations\":{\"io.hami.layer\":\"$1\"}}")
  diff_ids+=("\"sha256:$diff\"")
  history+=("{\"created\":\"$created\",\"created_by\":\"scripts/build-image.sh: $2\"}")
  printf '%-8s %9d bytes uncompressed %9d compressed  sha256:%s\n' "$1" "$(stat -c %s "$tar")" \
    "$(stat -c %s "$layout/blobs/sha256/$digest")" "$digest" >> "$work/sizes"
  rm -f "$tar"
}

join() { local IFS=,; echo "$*"; }
blob() { # blob FILE: moves FILE into the layout, prints its descriptor's digest and size fields
  local digest; digest="$(sum "$1")"
  echo "\"digest\":\"sha256:$digest\",\"size\":$(stat -c %s "$1")"
  mv "$1" "$layout/blobs/sha256/$digest"
}

finish_image() { # finish_image NAME VERSION CONFIG: config, manifest, index and the archive $out/NAME-VERSION.oci.tar;
  # CONFIG is the members of the image config's "config" object before its Labels
  local name="$1" version="$2" labels config manifest digest archive
  labels="\"org.opencontainers.image.title\":\"$name\",\"org.opencontainers.image.version\":\"$version\",\"org.opencontainers.image.revision\":\"$revision\",\"org.opencontainers.image.created\":\"$created\""
  printf '%s' "{\"created\":\"$created\",\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{$3,\"Labels\":{$labels}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$(join "${diff_ids[@]}")]},\"history\":[$(join "${history[@]}")]}" > "$work/config.json"
  config="$(blob "$work/config.json")"
  printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",$config},\"layers\":[$(join "${layer_json[@]}")],\"annotations\":{$labels}}" > "$work/manifest.json"
  manifest="$(blob "$work/manifest.json")"
  printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",$manifest,\"annotations\":{\"org.opencontainers.image.ref.name\":\"$version\"}}]}" > "$layout/index.json"
  printf '%s' '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  normalize_times "$layout"

  archive="$out/$name-$version.oci.tar"
  tar -C "$layout" --create --file "$archive.new" --sort=name --format=posix \
    --pax-option='exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime' \
    --mtime="@$file_time" --owner=0 --group=0 --numeric-owner oci-layout index.json blobs
  mv -f "$archive.new" "$archive"

  digest="${manifest#\"digest\":\"}"; digest="${digest%%\"*}"
  echo "$digest" > "$out/$name-$version.digest"
  awk '{ u += $2; c += $5 } END { printf "total    %9d bytes uncompressed %9d compressed\n", u, c }' "$work/sizes" >> "$work/sizes"
  cp "$work/sizes" "$out/$name-$version.sizes"
  rm -rf "$work"
  cat "$out/$name-$version.sizes"
  echo "image $name:$version  $digest"
  echo "archive $archive ($(stat -c %s "$archive") bytes)"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || die "--out needs a directory"; out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2;;
    --no-maven) maven=; shift;;
    --tree-only) tree_only=1; shift;;
    --refresh-debian-pins) refresh=1; shift;;
    --busybox) busybox=1; shift;;
    --add) [ $# -ge 2 ] && [ -f "$2" ] || die "--add needs a file"; adds+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0;;
    *) die "unknown option: $1 (see --help)";;
  esac
done

for tool in tar gzip sha256sum find sort; do command -v "$tool" >/dev/null || die "needs $tool"; done
tar --version | head -1 | grep -q 'GNU tar' || die "needs GNU tar (for --sort, --mtime, --pax-option)"

cd "$root"
output_timestamp="$(sed -n 's:.*<project.build.outputTimestamp>\(.*\)</project.build.outputTimestamp>.*:\1:p' pom.xml)"
[ -n "${SOURCE_DATE_EPOCH:-}" ] || [ -n "$output_timestamp" ] || die "pom.xml sets no project.build.outputTimestamp"
file_time="${SOURCE_DATE_EPOCH:-$(date -u -d "$output_timestamp" +%s)}" \
  || die "pom.xml: project.build.outputTimestamp '$output_timestamp' is not a time"
created_time="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || true)}"
[ -n "$created_time" ] || die "not a git checkout: set SOURCE_DATE_EPOCH"
created="$(date -u -d "@$created_time" +%Y-%m-%dT%H:%M:%SZ)"
revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || revision="$revision-modified"

normalize_times() { find "$1" -exec touch -h -d "@$file_time" {} +; }

# --- The test image: a static busybox and the files given, nothing else ---------------------------------------------
if [ -n "$busybox" ]; then
  bb=/bin/busybox
  [ -x "$bb" ] && ! ldd "$bb" >/dev/null 2>&1 || die "--busybox needs a static busybox at $bb (apt-get install busybox-static)"
  bb_version="$("$bb" 2>&1 | sed -n '1s/^BusyBox v\([0-9][0-9.]*\).*/\1/p')"
  [ -n "$bb_version" ] || die "$bb does not say its version"
  work="$out/work"
  rm -rf "$work"
  rootfs="$work/root"
  mkdir -p "$rootfs"/{bin,dev,proc,sys,tmp,etc}
  chmod 1777 "$rootfs/tmp"
  install -m 755 "$bb" "$rootfs/bin/busybox"
  for applet in $("$bb" --list); do [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"; done
  for file in "${adds[@]}"; do install -m 755 "$file" "$rootfs/bin/"; done
  cp deploy/image/rootfs/etc/passwd deploy/image/rootfs/etc/group "$rootfs/etc/"
  normalize_times "$rootfs"
  start_layout
  layer busybox "static busybox $bb_version with its applets$(printf ' and %s' "${adds[@]##*/}")" \
    < <(cd "$rootfs" && find . -mindepth 1 -printf '%P\n')
  finish_image busybox "$bb_version" '"Env":["PATH=/bin"],"Cmd":["/bin/sleep","2147483647"],"WorkingDir":"/"'
  exit 0
fi

jdk=
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] && grep -q '^JAVA_VERSION="25' "$candidate/release" 2>/dev/null; then
    jdk="$candidate"; break
  fi
done
[ -n "$jdk" ] || die "needs a JDK 25 with jlink: set JAVA_HOME"
export JAVA_HOME="$jdk"


if [ -n "$maven" ]; then
  step "./mvnw package -pl cli -am"
  ./mvnw -B -q -DskipTests package -pl cli -am >&2
fi
[ -f cli/target/hami-cli.jar ] && [ -f cli/target/maven-archiver/pom.properties ] || die "cli/target/hami-cli.jar is missing: run without --no-maven"
version="$(sed -n 's/^version=//p' cli/target/maven-archiver/pom.properties)"
mock_nvml="$root/test-fixtures/target/native/libnvidia-ml.so.1"
[ -f "$mock_nvml" ] || die "$mock_nvml is missing (the AOT training's NVML): run without --no-maven"

work="$out/work"
tree="$out/hami-java-$version"
rm -rf "$work" "$tree"
mkdir -p "$work"


# --- The install tree: launcher, jlink'd JRE, jars, and the AOT cache trained with that JRE -------------------------
step "install tree $tree"
mkdir -p "$tree/bin" "$tree/app/lib"
install -m 755 hami hami-runtime "$tree/bin/"
install -m 644 cli/target/hami-cli.jar "$tree/app/"
install -m 644 cli/target/lib/*.jar "$tree/app/lib/"
"$jdk/bin/jlink" --add-modules "$modules" --output "$tree/jre" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 >&2
# jlink's release file leaves out the exact build, which the launcher's AOT cache stamp compares.
grep -E '^(IMPLEMENTOR|IMPLEMENTOR_VERSION|JAVA_RUNTIME_VERSION)=' "$jdk/release" >> "$tree/jre/release"
# The cache records the jars it was trained with; they keep these times in every copy made with the times kept.
normalize_times "$tree"
NVML_MOCK_PROFILE="$root/test-fixtures/src/main/resources/nvml-profiles/a100x8.json" \
  "$tree/bin/hami" aot-train --library "$mock_nvml"
normalize_times "$tree"
if [ -n "$tree_only" ]; then
  rm -rf "$work"
  step "done: $tree"
  exit 0
fi

# --- Debian packages, pinned by version and SHA-256 ----------------------------------------------------------------
urldecode() { local s="${1//%2b/+}"; s="${s//%2B/+}"; s="${s//%3a/:}"; s="${s//%3A/:}"; s="${s//%7e/\~}"; echo "${s//%7E/\~}"; }

if [ -n "$refresh" ]; then
  command -v apt-get >/dev/null || die "--refresh-debian-pins needs apt-get (a Debian 12 host)"
  step "refreshing $lock from this host's apt (run apt-get update first)"
  mapfile -t names < <(sed -e '/^#/d' -e '/^$/d' -e 's/ .*//' "$lock")
  sed -n '/^#/p' "$lock" > "$lock.new"
  for name in "${names[@]}"; do
    line="$(apt-get download --print-uris "$name" 2>/dev/null | grep "^'")" || die "apt knows no package $name"
    url="${line#\'}"; url="${url%%\'*}"
    path="${url#*://*/}"
    sha="${line##*SHA256:}"; sha="${sha%% *}"
    file="${line#*\' }"; file="$(urldecode "${file%% *}")"; pkg_version="${file#*_}"; pkg_version="${pkg_version%_*}"
    printf '%s %s %s %s\n' "$name" "$pkg_version" "$sha" "$path" >> "$lock.new"
  done
  mv "$lock.new" "$lock"
fi

mkdir -p "$deb_cache"
debs=()
while read -r name pkg_version sha path; do
  case "$name" in ""|"#"*) continue;; esac
  [ -n "$path" ] || die "$lock: line for $name has no path (run --refresh-debian-pins)"
  file="$deb_cache/${path##*/}"
  if ! { [ -f "$file" ] && echo "$sha  $file" | sha256sum -c --quiet - >/dev/null 2>&1; }; then
    rc=0
    part="$file.part.$$" # two builds at once (scripts/image-test.sh) each download to a file of their own
    curl -fsS --retry 2 --connect-timeout 15 --max-time 300 -o "$part" "$mirror/$path" 2>"$work/curl.err" || rc=$?
    [ "$rc" = 0 ] || rm -f "$part"
    if [ "$rc" = 22 ]; then
      die "$mirror no longer serves $name $pkg_version ($(head -c 200 "$work/curl.err")): a Debian point or security" \
        "release replaced it; run scripts/build-image.sh --refresh-debian-pins on an updated Debian 12 host and commit $lock"
    elif [ "$rc" != 0 ]; then
      die "cannot download $name from Debian's mirror $mirror (curl exit $rc: $(head -c 200 "$work/curl.err")); the" \
        "image is built from Debian packages: give this host access to it, or set DEBIAN_MIRROR to a mirror it reaches"
    fi
    echo "$sha  $part" | sha256sum -c --quiet - >/dev/null 2>&1 \
      || { rm -f "$part"; die "$mirror/$path does not have the SHA-256 pinned in $lock"; }
    mv -f "$part" "$file"
  fi
  debs+=("$file")
done < "$lock"
[ ${#debs[@]} -gt 0 ] || die "$lock lists no packages"
command -v dpkg-deb >/dev/null || die "needs dpkg-deb (package dpkg) to unpack Debian packages"

# --- The root file system: the packages unpacked as dpkg would, minus documentation ---------------------------------
step "root file system from ${#debs[@]} Debian packages"
rootfs="$work/root"
mkdir -p "$rootfs" "$rootfs/var/lib/dpkg"
for deb in "${debs[@]}"; do
  dpkg-deb -x "$deb" "$rootfs"
  # dpkg's status database, so that scanners (Trivy, Grype, ...) see what is installed.
  dpkg-deb -f "$deb" | awk 'NR == 1 { print; print "Status: install ok installed"; next } { print }'
  echo
done > "$rootfs/var/lib/dpkg/status"
chmod 755 "$rootfs"
# Debian 12 systems have a merged /usr: /bin, /sbin and /lib are links into /usr.
for dir in bin sbin lib lib64; do
  if [ -d "$rootfs/$dir" ] && [ ! -L "$rootfs/$dir" ]; then
    mkdir -p "$rootfs/usr/$dir"
    cp -a "$rootfs/$dir/." "$rootfs/usr/$dir/"
    rm -rf "${rootfs:?}/$dir"
  fi
  [ -e "$rootfs/usr/$dir" ] || mkdir -p "$rootfs/usr/$dir"
  ln -sfn "usr/$dir" "$rootfs/$dir"
done
# What a slim image leaves out: manuals, info pages, translations, documentation other than the copyright files.
rm -rf "$rootfs"/usr/share/{man,info,locale,lintian,bug,doc-base,bash-completion,menu}
find "$rootfs/usr/share/doc" -mindepth 1 \( -type f -o -type l \) ! -name copyright -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
# And glibc's iconv modules (8 MB): the JVM converts charsets itself, and UTF-8 and ASCII are built into libc.
rm -rf "$rootfs/usr/lib/x86_64-linux-gnu/gconv"
# What the packages' maintainer scripts would have made.
cp deploy/image/rootfs/etc/passwd deploy/image/rootfs/etc/group deploy/image/rootfs/etc/nsswitch.conf "$rootfs/etc/"
chmod 644 "$rootfs/etc/passwd" "$rootfs/etc/group" "$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/etc/ssl/certs"
find "$rootfs/usr/share/ca-certificates" -name '*.crt' | sort | while read -r crt; do cat "$crt"; echo; done \
  | sed '/^$/d' > "$rootfs/etc/ssl/certs/ca-certificates.crt"
mkdir -p "$rootfs"/{dev,proc,sys,run,home,opt,root,tmp,var/tmp} "$rootfs"/usr/local/{bin,sbin,lib,share}
chmod 700 "$rootfs/root"
chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
mkdir -p "$rootfs/$prefix"
cp -a "$tree/." "$rootfs/$prefix/"
normalize_times "$rootfs"

step "layers"
start_layout
# Layers run from the least to the most often changed; each lists the directories above its files again.
in_root() { (cd "$rootfs" && "$@"); }
parents() { printf '%s\n' opt "$prefix" "$prefix/app" "$prefix/app/lib"; }
jre_version="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release")"
layer debian "Debian 12 packages of deploy/image/debian-packages.lock" \
  < <(in_root find . -path "./$prefix" -prune -o -printf '%P\n' | sed '/^$/d')
layer jre "jlink of $jre_version: $modules" < <(printf '%s\n' opt "$prefix"; in_root find "$prefix/jre")
layer jars "third-party jars of hami-cli" < <(parents; in_root find "$prefix/app/lib" -name '*.jar' ! -name 'hami-*')
layer hami "hami-java $version jars and launcher" \
  < <(parents; echo "$prefix/bin"; in_root find "$prefix/bin" "$prefix/app/hami-cli.jar" "$prefix/app/lib" -name 'hami*')
layer aot "AOT cache of hami runtime and hami hook" < <(parents; printf '%s\n' "$prefix"/app/hami-runtime.aot{,.stamp})
# Every file of the root file system is in a layer.
[ "$(sort -u "$work"/*.list | grep -c .)" = "$(in_root find . -mindepth 1 | grep -c .)" ] || die "a file is in no layer"

finish_image hami-java "$version" "\"Env\":[\"PATH=/$prefix/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"LANG=C.UTF-8\"],\"Entrypoint\":[\"/$prefix/bin/hami\"],\"Cmd\":[\"--help\"],\"WorkingDir\":\"/\""
