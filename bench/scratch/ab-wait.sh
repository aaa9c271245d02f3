#!/usr/bin/env bash
# The data-parallel step's waiting (train/Waiter): the default (spin, yield, nap) against
# -Dtikhonov.step.wait=spin (spin 0.5 ms, then nap), one build, interleaved: a 16-input MLP
# (bench/scratch/Narrow.java), Fashion-MNIST's MLP on a quiet machine, then beside one and two
# busy processes (docs/performance-log.md, issue 13's ninth session). Run from the repository after
# `./tikhonov --version` has built the jars:  bench/scratch/ab-wait.sh
set -u
R=$(pwd)
CP="$R/cli/target/tikhonov.jar:$R/bench/target/tikhonov-bench.jar"
DATA=/var/tmp/peers-data/fashion-mnist
V=("" "-Dtikhonov.step.wait=spin")
N=("yield" "spin")
javac -cp "$R/cli/target/tikhonov.jar" -d /tmp/narrow bench/scratch/Narrow.java
bench() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java $1 -cp "$CP" dev.tikhonov.cli.Main bench mlp \
    --data $DATA --epochs $2 --threads 2 --out /tmp/ab-wait 2>&1 \
    | grep epoch_seconds_median | awk '{print $2}'
}
date -u +%H:%M
for r in 1 2 3; do for i in 0 1; do
  echo "${N[$i]} 16-input $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java ${V[$i]} \
    -cp /tmp/narrow:$R/cli/target/tikhonov.jar Narrow 16 6 2>&1 | grep median | awk '{print $5}')"
done; done
for r in 1 2 3 4; do for i in 0 1; do echo "${N[$i]} fashion quiet $(bench "${V[$i]}" 8)"; done; done
for busy in 1 2; do
  for b in $(seq 1 $busy); do (timeout 120 sh -c 'while :; do :; done' &); done
  sleep 1
  for r in 1 2; do for i in 0 1; do
    echo "${N[$i]} fashion beside $busy busy $(bench "${V[$i]}" 4)"
  done; done
  pkill -f "while :; do :; done"; sleep 2
done
date -u +%H:%M
