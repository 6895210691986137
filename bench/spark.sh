#!/usr/bin/env bash
# Data-parallel training on Spark against one machine: ./neurite spark-train on local[1] and
# local[2] (one partition per core) and ./neurite train, all on the same Fashion-MNIST rows with
# the same network and settings (784-256-128-10, Adam 1e-3, global batch 128), alternated in this
# one invocation so that all see the same machine. Each runs for 1 epoch and for EPOCHS epochs;
# the difference gives the cost of an epoch and of a round without the fixed cost of the command
# (JVM and Spark start-up, data loading, the DataFrame, evaluation and saving). Prints per master
#   BENCH op=spark master=local[N]|none averaging=... rows=R epochs=E rounds=K seconds=S
#         fixed_s=... seconds_per_epoch=... seconds_per_round=... test_accuracy=...
#   bench/spark.sh [--rows N] [--epochs N] [--averaging-steps N] [--gradients]
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
rows=10000
epochs=4
steps=0
averaging=parameters
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="${2:?--rows needs a number}"; shift 2 ;;
    --epochs) epochs="${2:?--epochs needs a number}"; shift 2 ;;
    --averaging-steps) steps="${2:?--averaging-steps needs a number}"; shift 2 ;;
    --gradients) averaging=gradients; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "spark: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$rows" "$epochs"; do
  case "$v" in ''|*[!0-9]*|0) echo "spark: options take positive whole numbers, got '$v'" >&2; exit 2 ;; esac
done
case "$steps" in ''|*[!0-9]*) echo "spark: --averaging-steps takes a whole number, got '$steps'" >&2; exit 2 ;; esac
out="$(mktemp -d "${TMPDIR:-/tmp}/neurite-spark-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT
common=(--data fashion-mnist --limit "$rows" --layers 256,128 --batch-size 128 --lr 1e-3 --seed 1)
spark_extra=(--averaging "$averaging")
[ "$averaging" = parameters ] && spark_extra+=(--averaging-steps "$steps")

run() { # master epochs -> "seconds last-line"
  local start end last
  start=$(date +%s.%N)
  if [ "$1" = none ]; then
    last=$("$ROOT/neurite" train "${common[@]}" --epochs "$2" --validation 0 --no-baselines --out "$out/train" \
      --overwrite 2>/dev/null | tail -n 1)
  else
    last=$("$ROOT/neurite" spark-train "${common[@]}" --epochs "$2" "${spark_extra[@]}" --master "$1" \
      --out "$out/spark" --overwrite 2>/dev/null | tail -n 1)
  fi
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $last"
}

"$ROOT/neurite" info > /dev/null 2>&1 || true # builds first, outside the timings
[ "$epochs" -ge 2 ] || { echo "spark: --epochs must be at least 2 (one run of 1 epoch, one of EPOCHS)" >&2; exit 2; }
for master in "local[1]" "local[2]" none; do
  one=$(run "$master" 1)
  many=$(run "$master" "$epochs")
  echo "$one" "|" "$many" | awk -v m="$master" -v e="$epochs" -v n="$rows" -v a="$averaging" '{
    t1 = $1; split($0, halves, " [|] "); split(halves[2], b, " "); tn = b[1]
    r1 = halves[1]; sub(/.*rounds=/, "", r1); sub(/ .*/, "", r1)
    rn = halves[2]; sub(/.*rounds=/, "", rn); sub(/ .*/, "", rn)
    acc = halves[2]; sub(/.*test_accuracy=/, "", acc); sub(/ .*/, "", acc)
    per_epoch = (tn - t1) / (e - 1)
    spark = (m != "none")
    printf "BENCH op=spark master=%s averaging=%s rows=%d epochs=%d rounds=%s seconds=%.1f fixed_s=%.1f seconds_per_epoch=%.2f seconds_per_round=%s test_accuracy=%s\n",
      m, (spark ? a : "none"), n, e, (spark ? rn : "0"), tn, t1 - per_epoch, per_epoch,
      (spark && rn + 0 > r1 + 0 ? sprintf("%.3f", (tn - t1) / (rn - r1)) : "-"), acc }'
done
