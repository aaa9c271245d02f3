#!/usr/bin/env bash
# Two builds of tikhonov, interleaved pair by pair, on `bench path` (the peers' n = 10,000,
# p = 1,000 problem): for before/after figures of the path workloads on a shared machine.
#   bench/scratch/ab-path.sh OUT BEFORE_DIR AFTER_DIR [pairs]
# BEFORE_DIR and AFTER_DIR each hold a tikhonov.jar and a tikhonov-bench.jar. Both sides run with
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (the fair configuration of bench/compare.sh).
# Prints one line per run: the median of 3 timed repeats (after 3 untimed) of each workload.
set -u
out=$1; before=$2; after=$3; pairs=${4:-4}
data=${DATA:-/var/tmp/peers-data/synth}
mkdir -p "$out"
for i in $(seq 1 "$pairs"); do
  for side in before after; do
    dir=$before; [ "$side" = after ] && dir=$after
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp "$dir/tikhonov.jar:$dir/tikhonov-bench.jar" \
      dev.tikhonov.cli.Main bench path --data "$data" --threads 2 --repeats 3 --warmup 3 \
      --out "$out/$side-$i" > "$out/$side-$i.log" 2>&1
    python3 -c "
import json; d = json.load(open('$out/$side-$i/bench.json'))
print('$side', $i, ' '.join(f'{k}={d[k][\"seconds\"]:.3f}' for k in
      ['lasso_path', 'enet_path', 'lasso_cv10', 'ridge_gcv']))"
  done
done
