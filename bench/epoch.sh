#!/usr/bin/env bash
# Seconds per training epoch: ./neurite train on Fashion-MNIST (784-256-128-10, Adam, batch 128,
# no validation split, no baselines) for EPOCHS epochs, and, when Python can import torch, the
# same training in PyTorch (bench/torch/fashion_mlp.py), alternated in this one invocation so that
# both see the same machine. Prints per implementation and round
#   BENCH op=epoch impl=neurite|torch threads=T round=R median_2_10_s=... last3_s=... first_s=...
# (the median of epochs 2..EPOCHS, the median of the last three, the first) and, with PyTorch,
#   BENCH op=epoch ratio=neurite/torch threads=T median_ratio=...
#   bench/epoch.sh [--threads N] [--epochs N] [--rounds N] [--no-torch]     (PYTHON: the Python with torch)
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
threads=1
epochs=10
rounds=1
torch=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="${2:?--threads needs a number}"; shift 2 ;;
    --epochs) epochs="${2:?--epochs needs a number}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --no-torch) torch=no; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "epoch: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$threads" "$epochs" "$rounds"; do
  case "$v" in ''|*[!0-9]*|0) echo "epoch: options take positive whole numbers, got '$v'" >&2; exit 2 ;; esac
done
[ "$epochs" -ge 4 ] || { echo "epoch: --epochs must be at least 4 (median of epochs 2..N and of the last three)" >&2; exit 2; }
# a Python that has PyTorch: PYTHON, else python3, else Debian's /usr/bin/python3 (python3-torch)
python="${PYTHON:-}"
if [ "$torch" = auto ]; then
  torch=no
  for candidate in ${python:-python3 /usr/bin/python3}; do
    if "$candidate" -c 'import torch' 2>/dev/null; then python="$candidate"; torch=yes; break; fi
  done
  [ "$torch" = yes ] || echo "epoch: no PyTorch here; Neurite only" >&2
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/neurite-epoch.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

# "median_2_10 last3 first" of a file of per-epoch seconds, one per line
stats() {
  python3 - "$1" <<'PY'
import statistics, sys
t = [float(line) for line in open(sys.argv[1]) if line.strip()]
print(f"{statistics.median(t[1:]):.4f} {statistics.median(t[-3:]):.4f} {t[0]:.4f}")
PY
}

"$ROOT/neurite" info >/dev/null # builds outside the measured runs
for round in $(seq 1 "$rounds"); do
  "$ROOT/neurite" train --data fashion-mnist --layers 256,128 --epochs "$epochs" --batch-size 128 --validation 0 \
    --no-baselines --threads "$threads" --out "$dir/run" --overwrite > "$dir/neurite.txt"
  # "epoch 2/10  60000 samples  1.52s  39424 samples/s ...": the fifth field is the epoch's time
  awk '/^epoch [0-9]+\/[0-9]+ / { sub(/s$/, "", $5); print $5 }' "$dir/neurite.txt" > "$dir/neurite.s"
  read -r med last first < <(stats "$dir/neurite.s")
  echo "BENCH op=epoch impl=neurite threads=$threads round=$round median_2_${epochs}_s=$med last3_s=$last first_s=$first"
  if [ "$torch" = yes ]; then
    OMP_WAIT_POLICY=PASSIVE "$python" "$BENCH/torch/fashion_mlp.py" --threads "$threads" --epochs "$epochs" > "$dir/torch.txt"
    sed -n 's/^EPOCH [0-9]* //p' "$dir/torch.txt" > "$dir/torch.s"
    read -r tmed tlast tfirst < <(stats "$dir/torch.s")
    echo "BENCH op=epoch impl=torch threads=$threads round=$round median_2_${epochs}_s=$tmed last3_s=$tlast first_s=$tfirst"
    echo "BENCH op=epoch ratio=neurite/torch threads=$threads round=$round median_ratio=$(python3 -c "print(f'{$med / $tmed:.3f}')")"
  fi
done
