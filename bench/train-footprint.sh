#!/usr/bin/env bash
# Memory footprint of a training run: ./neurite train on Fashion-MNIST (784-256-128-10, 3 epochs,
# no validation split, no baselines) under /usr/bin/time -v; prints the peak resident memory of
# the whole process next to the float32 size of the data.
#   bench/train-footprint.sh [extra train options...]
# Needs Debian's dataset-fashion-mnist and /usr/bin/time; builds the library first if needed.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
[ -x /usr/bin/time ] || { echo "train-footprint: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/neurite-footprint.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

"$ROOT/neurite" info >/dev/null # builds outside the measured run
/usr/bin/time -v -o "$dir/time.txt" "$ROOT/neurite" train --data fashion-mnist --layers 256,128 --epochs 3 \
  --validation 0 --no-baselines --out "$dir/run" "$@" | tee "$dir/train.txt" | grep '^TRAIN'
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$dir/time.txt")
# 60,000 training and 10,000 test images of 784 float32 pixels
echo "BENCH op=trainfootprint data=fashion-mnist peak_rss_mb=$((rss_kb / 1024)) float_data_mb=$((70000 * 784 * 4 / 1048576))"
