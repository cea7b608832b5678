#!/usr/bin/env python3
"""PyTorch reference figures for tools/bench/triplet.js (not a project dependency).

pml's TripletMarginLoss with all or semi-hard triplets (Euclidean distance on normalised embeddings,
AvgNonZeroReducer), forward + backward, computed densely over the [block, N, N] triplet tensor in
anchor blocks: pml itself materialises [N, N, N] masks and the index list of every triplet, which at
N = 1024 needs several GB. Usage: triplet_reference.py SIZES REPEATS (e.g. 512,1024 3).
Prints one JSON object: {"torch", "threads", "ms": {"all": {N: ms}, "semi-hard": {N: ms}}}.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

threads = int(os.environ.get("OMP_NUM_THREADS", "2"))
torch.set_num_threads(threads)
torch.manual_seed(0)
BLOCK_ENTRIES = 1 << 24


def triplet_loss(embeddings, labels, margin, mining):
    z = F.normalize(embeddings, dim=1)
    d = torch.cdist(z, z)
    n = len(labels)
    same = labels[:, None] == labels[None, :]
    positive = same & ~torch.eye(n, dtype=torch.bool)
    negative = ~same
    block = max(1, BLOCK_ENTRIES // (n * n))
    total = d.new_zeros(())
    count = d.new_zeros(())
    for start in range(0, n, block):
        rows = slice(start, start + block)
        dap = d[rows, :, None]
        dan = d[rows, None, :]
        valid = positive[rows, :, None] & negative[rows, None, :]
        if mining == "semi-hard":
            gap = dan - dap
            valid = valid & (gap > 0) & (gap <= margin)
        losses = F.relu(dap - dan + margin) * valid
        total = total + losses.sum()
        count = count + (losses > 0).sum()
    return total / count.clamp(min=1)


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def loss_ms(n, mining, repeats):
    base = torch.randn(n, 128)
    labels = torch.randint(0, 10, (n,))

    def run():
        x = base.clone().requires_grad_(True)
        triplet_loss(x, labels, 0.1, mining).backward()
        x.grad.sum().item()

    return timed(run, 1, repeats)


if __name__ == "__main__":
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "512,1024").split(",")]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(json.dumps({
        "torch": torch.__version__,
        "threads": threads,
        "ms": {mining: {str(n): loss_ms(n, mining, repeats) for n in sizes} for mining in ("all", "semi-hard")},
    }))
