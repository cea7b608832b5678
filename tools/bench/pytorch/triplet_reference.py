#!/usr/bin/env python3
"""PyTorch reference figures for tools/bench/triplet.js (not a project dependency).

pml's TripletMarginLoss with all or semi-hard triplets (Euclidean distance on normalised embeddings,
AvgNonZeroReducer), forward + backward, two ways:
- "sorted": the algorithm @contrastive/losses uses (counts of non-zero triplets from sorted distances,
  O(N^2 log N)), so the comparison is framework against framework;
- "dense": over the [block, N, N] triplet tensor in anchor blocks, O(N^3) (pml itself materialises
  [N, N, N] masks and the index list of every triplet, several GB at N = 1024). It is measured only up
  to DENSE_MAX (default 512): at 1024 it takes minutes on 2 cores.
Usage: triplet_reference.py SIZES REPEATS [DENSE_MAX] (e.g. 512,1024 3 512).
Prints one JSON object: {"torch", "threads", "ms": {"sorted"|"dense": {"all"|"semi-hard": {N: ms}}}}.
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


def triplet_loss_sorted(embeddings, labels, margin, mining):
    z = F.normalize(embeddings, dim=1)
    d = torch.cdist(z, z)
    n = len(labels)
    same = labels[:, None] == labels[None, :]
    positive = same & ~torch.eye(n, dtype=torch.bool)
    negative = ~same
    with torch.no_grad():
        big = torch.tensor(1e9, dtype=d.dtype)
        negatives = torch.where(negative, d, big).sort(dim=1).values
        positives = torch.where(positive, d, -big).sort(dim=1).values
        upper, lower = d + margin, d - margin
        if mining == "all":
            per_positive = torch.searchsorted(negatives, upper)
            per_negative = n - torch.searchsorted(positives, lower, right=True)
        else:
            per_positive = torch.searchsorted(negatives, upper) - torch.searchsorted(negatives, d, right=True)
            per_negative = torch.searchsorted(positives, d) - torch.searchsorted(positives, lower, right=True)
        per_positive = per_positive * positive
        per_negative = per_negative * negative
    total = (per_positive * (d + margin)).sum() - (per_negative * d).sum()
    return total / per_positive.sum().clamp(min=1)


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def loss_ms(loss, n, mining, repeats):
    base = torch.randn(n, 128)
    labels = torch.randint(0, 10, (n,))

    def run():
        x = base.clone().requires_grad_(True)
        loss(x, labels, 0.1, mining).backward()
        x.grad.sum().item()

    return timed(run, 1, repeats)


if __name__ == "__main__":
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "512,1024").split(",")]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    dense_max = int(sys.argv[3]) if len(sys.argv) > 3 else 512
    minings = ("all", "semi-hard")
    ms = {
        "sorted": {m: {str(n): loss_ms(triplet_loss_sorted, n, m, repeats) for n in sizes} for m in minings},
        "dense": {m: {str(n): loss_ms(triplet_loss, n, m, repeats) for n in sizes if n <= dense_max} for m in minings},
    }
    print(json.dumps({"torch": torch.__version__, "threads": threads, "dense_max": dense_max, "ms": ms}))
