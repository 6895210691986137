#!/usr/bin/env bash
# Neurite benchmarks: builds the library and the JMH jar when needed, then runs the suite.
# The blas backend runs twice: with the OpenBLAS environment as it is, and with
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in that process alone (a forced Haswell core halves
# OpenBLAS GEMM speed on an AVX-512 CPU); each line says which (openblas_env=as-is|unset).
#   bench/run.sh [--quick] [--ops LIST] [--backends LIST] [--threads LIST] [--label TEXT]
# Needs JAVA_HOME (a JDK 25); MVNW defaults to the repository's ./mvnw.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
MVNW="${MVNW:-$ROOT/mvnw}"
case " ${MAVEN_OPTS:-} " in
  *" --sun-misc-unsafe-memory-access=allow "*) ;;
  *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
esac
JAVA="$JAVA_HOME/bin/java"
JAR="$BENCH/target/neurite-bench.jar"
SUMMARY="$BENCH/target/bench-summary.txt"
JVM_FLAGS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow)

stale() {
  [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/core/src/main" "$ROOT/core/native" "$ROOT/core/pom.xml" "$ROOT/pom.xml" \
    "$BENCH/src" "$BENCH/pom.xml" -newer "$JAR" -print -quit)" ]
}

# The benchmark module and the library it needs, built in one reactor (nothing is installed).
build() {
  echo "bench: building the library and the benchmark jar..." >&2
  "$MVNW" -B -q -f "$ROOT/pom.xml" -pl bench -am package -Dmaven.test.skip=true
  touch "$JAR" # shading leaves an unchanged jar as it was; mark the build
}

# Help is a file of the sources (it builds nothing); the case list comes from the jar once (not
# once per OpenBLAS environment).
for arg in "$@"; do
  case "$arg" in
    --help|-h)
      cat "$BENCH/src/main/resources/dev/neurite/bench/usage.txt"
      exit 0
      ;;
    --list)
      if stale; then build; fi
      exec "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" "$@"
      ;;
  esac
done

if stale; then
  build
fi

# Does the user's --backends include blas (default: all backends)?
with_blas=yes
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --backends) list="${args[i + 1]:-}" ;;
    --backends=*) list="${args[i]#--backends=}" ;;
    *) continue ;;
  esac
  case ",${list// /}," in *,blas,*) with_blas=yes ;; *) with_blas=no ;; esac
done

mkdir -p "$BENCH/target"
: >"$SUMMARY"
: >"$BENCH/target/jmh-as-is.log"
: >"$BENCH/target/jmh-unset.log"
status=0

echo "bench: run 1, OpenBLAS environment as it is (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset})" >&2
"$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" "$@" --label openblas_env=as-is \
  --summary "$SUMMARY" --log "$BENCH/target/jmh-as-is.log" || status=$?

if [ "$with_blas" = yes ]; then
  echo "bench: run 2, blas with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset" >&2
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
    "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" "$@" --backends blas --label openblas_env=unset \
    --summary "$SUMMARY" --log "$BENCH/target/jmh-unset.log" || status=$?
fi

echo "bench: summary in $SUMMARY" >&2
exit "$status"
