#!/usr/bin/env bash
# Where the data-parallel step updates the weights (issue 13, tenth session): each parameter's
# block right after the product that accumulated its momentum (the default) against
# -Dtikhonov.step.update=after (one optimizer pass over every block after all the products),
# one build, interleaved, Fashion-MNIST's MLP at batch 128 on two threads; prints each run's
# median epoch and test loss (equal on both sides: the same bits). Needs
# bench/scratch/patches/update-blocks.patch applied (the prototype was not kept). Run from the repository
# after `./tikhonov --version` has built the jars:  bench/scratch/ab-update.sh [ROUNDS]
set -u
R=$(pwd)
CP="$R/cli/target/tikhonov.jar:$R/bench/target/tikhonov-bench.jar"
V=("" "-Dtikhonov.step.update=after")
N=("blocks" "after")
date -u +%H:%M
for r in $(seq 1 "${1:-6}"); do for i in 0 1; do
  echo "${N[$i]} $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java ${V[$i]} -cp "$CP" \
    dev.tikhonov.cli.Main bench mlp --data /var/tmp/peers-data/fashion-mnist --epochs 8 \
    --threads 2 --out /tmp/ab-update 2>&1 | grep -E 'epoch_seconds_median|test_loss' \
    | awk '{printf "%s ", $2}')"
done; done
date -u +%H:%M
