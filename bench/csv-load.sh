#!/usr/bin/env bash
# CSV load benchmark: generates a numeric CSV (20 float columns and a class label) in a temporary
# directory, loads it with CsvReader under /usr/bin/time -v, prints throughput and peak RSS, and
# deletes the file. The JVM runs as ./neurite runs it (serial collector, a heap that starts small)
# with at most HEAP (default 256m): the data lives off-heap.
#   bench/csv-load.sh [--mb N]     # file size in MB (default 1000)
#   bench/csv-load.sh --3g         # a 3 GB file: shows that files over 2 GB load
#   bench/csv-load.sh --dir DIR    # where the temporary file goes (default: mktemp -d)
# Needs JAVA_HOME (a JDK 25) and about twice the file size in free memory; MVNW defaults to ./mvnw.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
MVNW="${MVNW:-$ROOT/mvnw}"
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/core/target/neurite-core.jar"
HEAP="${HEAP:-256m}"
mb=1000
parent=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="${2:?--mb needs a size in MB}"; shift 2 ;;
    --3g) mb=3000; shift ;;
    --dir) parent="${2:?--dir needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "csv-load: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$mb" in ''|*[!0-9]*|0) echo "csv-load: --mb needs a positive whole number, got '$mb'" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "csv-load: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/core/src/main" "$ROOT/core/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
  echo "csv-load: building the library..." >&2
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    "$MVNW" -B -q -f "$ROOT/pom.xml" -pl core -DskipTests package >&2
  touch "$JAR"
fi

dir="$(mktemp -d "${parent:-${TMPDIR:-/tmp}}/neurite-csv-load.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
free_mb=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
[ "$free_mb" -gt $((mb + 100)) ] || { echo "csv-load: $dir has ${free_mb} MB free, needs about $mb MB" >&2; exit 1; }

run=("$JAVA" "-Xmx$HEAP" -XX:+UseSerialGC -Xms8m --enable-native-access=ALL-UNNAMED -cp "$JAR" "$BENCH/csv/CsvLoad.java")
echo "csv-load: generating a ${mb} MB CSV in $dir..." >&2
"${run[@]}" generate "$dir/data.csv" "$mb"
echo "csv-load: loading it (heap $HEAP)..." >&2
/usr/bin/time -v -o "$dir/time.txt" "${run[@]}" load "$dir/data.csv" | tee "$dir/bench.txt"
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$dir/time.txt")
wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
echo "BENCH op=csvload peak_rss_mb=$((rss_kb / 1024)) process_wall=$wall heap=$HEAP"
