#!/usr/bin/python3
"""PyTorch side of the MLP scaling sweep (bench/compare.sh --only scaling): the recipe of
../shared/peers/torch_mlp.py (ReLU MLP, softmax cross-entropy, SGD lr 0.05 momentum 0.9, torch
default init, pixels/255, each epoch reshuffled, last partial batch kept, epoch time = the
training loop only) with another batch size and hidden widths, on --threads threads (default
2). Prints one JSON line: epoch times, their median over epochs 2..N, test accuracy, this
process's peak RSS and the training loop's process CPU seconds (user + system).

Usage: torch_scaling.py PEERS_DIR --batch-size B --hidden 256,128 [--epochs N] [--seed S]
                        [--threads T]
"""
import argparse
import os
import resource
import statistics
import sys

peers = sys.argv[1]
sys.path.insert(0, peers)
from common import pin_threads, load_image_dataset, now  # noqa: E402

# the thread count must be pinned before torch is imported, so it is read ahead of argparse
THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
pin_threads(THREADS)
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

torch.set_num_threads(THREADS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("peers")
    ap.add_argument("--dataset", default="fashion-mnist")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--hidden", default="256,128")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    hidden = [int(w) for w in a.hidden.split(",")]
    Xtr, ytr, Xte, yte = load_image_dataset(a.dataset)
    Xtr = torch.from_numpy(Xtr.astype(np.float32) / 255.0)
    Xte = torch.from_numpy(Xte.astype(np.float32) / 255.0)
    ytr, yte = torch.from_numpy(ytr), torch.from_numpy(yte)
    torch.manual_seed(a.seed)
    layers, width = [], Xtr.shape[1]
    for w in hidden:
        layers += [nn.Linear(width, w), nn.ReLU()]
        width = w
    layers.append(nn.Linear(width, 10))
    model = nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    lossf = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(a.seed)
    n = Xtr.shape[0]
    times = []
    cpu = []
    model.train()
    for _ in range(a.epochs):
        t0, c0 = now(), os.times()
        perm = torch.randperm(n, generator=g)
        for i in range(0, n, a.batch_size):
            idx = perm[i:i + a.batch_size]
            opt.zero_grad(set_to_none=True)
            loss = lossf(model(Xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        times.append(now() - t0)
        c1 = os.times()
        cpu.append(c1.user - c0.user + c1.system - c0.system)
    model.eval()
    with torch.no_grad():
        acc = (model(Xte).argmax(1) == yte).float().mean().item()
    tail = times[1:] or times
    cpu_tail = cpu[1:] or cpu
    print('{"bench": "torch_scaling", "batch_size": %d, "hidden": %s, "epochs": %d, '
          '"epoch_times_s": %s, "epoch_seconds_median": %.6f, "epoch_cpu_seconds_median": %.6f, '
          '"test_accuracy": %.5f, "peak_rss_bytes": %d, "torch": "%s", "threads": %d}' % (
              a.batch_size, hidden, a.epochs, [round(t, 5) for t in times],
              statistics.median(tail), statistics.median(cpu_tail), acc,
              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, torch.__version__,
              torch.get_num_threads()))


if __name__ == "__main__":
    main()
