#!/usr/bin/env bash
# Start to first prediction, process wall time: a saved Fashion-MNIST model (784-256-128-10) loaded
# and one row predicted, by `./neurite predict` with and without the start-up cache (NEURITE_AOT)
# and by a small Java main (bench/startup/LoadAndPredict.java), alternated round by round so that
# all see the same machine. Prints per way
#   BENCH op=startup impl=cli|cli-no-cache|java-main runs=N median_s=... min_s=... max_s=...
#   bench/startup.sh [--runs N] [--model DIR]     (without --model: trains one for 2 epochs first)
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
runs=10
model=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --model) model="${2:?--model needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "startup: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "startup: --runs takes a positive whole number, got '$runs'" >&2; exit 2 ;; esac
dir="$(mktemp -d "${TMPDIR:-/tmp}/neurite-startup.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

"$ROOT/neurite" info > /dev/null # builds and records the start-up cache outside the measured runs
JAVA_HOME="${JAVA_HOME:-$(sed -n 's/^JDK: .*(\(.*\))$/\1/p' < <("$ROOT/neurite" info 2>/dev/null))}"
if [ -z "$model" ]; then
  "$ROOT/neurite" train --data fashion-mnist --layers 256,128 --epochs 2 --batch-size 128 --no-baselines \
    --out "$dir/run" > /dev/null 2>&1
  model="$dir/run/model"
fi
[ -f "$model/model.json" ] || { echo "startup: no model.json in $model" >&2; exit 2; }
python3 -c "print(','.join(['0.5'] * 784))" > "$dir/row.csv"
"$JAVA_HOME/bin/javac" -d "$dir/classes" -cp "$ROOT/core/target/neurite-core.jar" "$BENCH/startup/LoadAndPredict.java"

# wall seconds of one command, its output discarded (a failure stops the benchmark)
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1 || { echo "startup: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))e-3"
}
for round in $(seq 1 "$runs"); do
  NEURITE_AOT=1 seconds "$ROOT/neurite" predict --model "$model" --input "$dir/row.csv" --no-header --output - >> "$dir/cli"
  NEURITE_AOT=0 seconds "$ROOT/neurite" predict --model "$model" --input "$dir/row.csv" --no-header --output - >> "$dir/cli-no-cache"
  seconds "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$ROOT/core/target/neurite-core.jar:$dir/classes" LoadAndPredict "$model" >> "$dir/java-main"
done
for impl in cli cli-no-cache java-main; do
  python3 - "$dir/$impl" "$impl" <<'PY'
import statistics, sys
t = [float(line) for line in open(sys.argv[1]) if line.strip()]
print(f"BENCH op=startup impl={sys.argv[2]} runs={len(t)} median_s={statistics.median(t):.3f} "
      f"min_s={min(t):.3f} max_s={max(t):.3f}")
PY
done
