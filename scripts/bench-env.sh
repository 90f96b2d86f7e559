# Sourced by the benchmark scripts: moves to the repository root, picks a JDK 25 (JAVA_HOME, else one under
# /usr/lib/jvm) as $java, and builds the CLI and benchmark jars unless SKIP_BUILD=1.
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME="$candidate"; break; fi
  done
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building (./mvnw -q -DskipTests -pl cli,benchmarks -am package)" >&2
  ./mvnw -B -q -DskipTests -pl cli,benchmarks -am package >&2
fi

chart_jvm_options() { # prints the words of <section>.jvmOptions in charts/hami-java/values.yaml (a top-level section)
  sed -n "/^$1:/,/^[^ #]/{/^  jvmOptions: >-/,/^  [^ ]/{/^    -/p}}" charts/hami-java/values.yaml
}

launcher_jvm_flags() { # prints the JVM flags the hami launcher starts `hami <command>` with, one a line (hami jvm-flags)
  "$root/hami" jvm-flags "$1"
}

production_jvm_flags() { # prints, on one line, the flags of `hami <command>` as the chart runs it: the launcher's, then
  # <section>.jvmOptions of charts/hami-java/values.yaml (HAMI_JAVA_OPTS in the pod)
  local words
  words="$(launcher_jvm_flags "$1") $(chart_jvm_options "$2")"
  # shellcheck disable=SC2086
  echo $words
}
