#!/usr/bin/env bash
# Two builds of tikhonov and PyTorch, interleaved round by round, on the MLP of bench/compare.sh
# (docs/performance-log.md, "Where an epoch goes"): for A/B figures on a shared machine, where only
# runs taken side by side in one session compare.
#   bench/scratch/ab-mlp.sh OUT BEFORE_DIR AFTER_DIR [rounds] [epochs]
# BEFORE_DIR and AFTER_DIR each hold a saved tikhonov.jar and tikhonov-bench.jar. Prints one line
# per run: median epoch seconds (epochs 2.. on every side), test accuracy, GNU time's user/sys/wall, load.
set -u
out=$1; before=$2; after=$3; rounds=${4:-3}; epochs=${5:-3}
data=${DATA:-/var/tmp/peers-data/fashion-mnist}
peers=${PEERS:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/peers}
mkdir -p "$out"
run() {
  local name=$1 dir=$2 r=$3
  /usr/bin/time -f '{"user": %U, "sys": %S, "wall": %e}' -o "$out/$name-$r.time" \
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp "$dir/tikhonov.jar:$dir/tikhonov-bench.jar" \
    dev.tikhonov.cli.Main bench mlp --data "$data" --epochs "$epochs" --threads 2 \
    --out "$out/$name-$r" > "$out/$name-$r.log" 2>&1
  echo "$name r$r $(python3 -c "import json;d=json.load(open('$out/$name-$r/bench.json'));print(round(d['epoch_seconds_median'],3), d.get('test_accuracy'))") $(cat "$out/$name-$r.time") load $(cut -d' ' -f1 /proc/loadavg)"
}
for r in $(seq 1 "$rounds"); do
  run before "$before" "$r"
  run after "$after" "$r"
  /usr/bin/time -f '{"user": %U, "sys": %S, "wall": %e}' -o "$out/torch-$r.time" \
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$peers/torch_mlp.py" \
    --datasets fashion-mnist --lambdas 0 --dropouts 0 --seeds 0 --epochs "$epochs" \
    --out "$out/torch-$r.json" > /dev/null 2>&1
  echo "torch r$r $(python3 -c "
import json, statistics
def find(o):
    if isinstance(o, dict):
        if 'epoch_times_s' in o: return o
        o = list(o.values())
    if isinstance(o, list):
        for v in o:
            x = find(v)
            if x: return x
d = find(json.load(open('$out/torch-$r.json')))
t = d['epoch_times_s']
print(round(statistics.median(t[1:] if len(t) > 1 else t), 3), d['final_test_acc'])") $(cat "$out/torch-$r.time") load $(cut -d' ' -f1 /proc/loadavg)"
done
