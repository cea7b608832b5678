#!/usr/bin/env python3
"""PyTorch reference figures for tools/bench (not a project dependency).

Runs the same work as train-step.js and loss.js: one SupCon training step of the seeds' MNIST CNN
(batch 256 x 2 views, 28x28x1, SGD) and SupCon loss forward + backward at B = 512/1024/2048
(V = 2, D = 128). Prints one JSON object: {"threads", "torch", "step_ms", "step_cpu_ms", "loss_ms": {B: ms}}.
With --model resnet18 the step is ResNet-18 (CIFAR stem) + linear 128 head on 32x32x3 instead, and
loss_ms is left empty; --batch sets B of the step (default 256).
Usage: reference.py [REPEATS] [--model seed-cnn|resnet18] [--batch 256]
Debian: apt install python3-torch libopenblas0-pthread; run with OMP_NUM_THREADS=2.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from seed_recipe import supcon  # SupContrast's SupConLoss, one copy for every PyTorch script

threads = int(os.environ.get("OMP_NUM_THREADS", "2"))
torch.set_num_threads(threads)
torch.manual_seed(0)


class SeedCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 16, 3, padding=1)
        self.c2 = nn.Conv2d(16, 32, 3, padding=1)
        self.f1 = nn.Linear(7 * 7 * 32, 128)
        self.head = nn.Linear(128, 128)

    def forward(self, x):
        y = F.max_pool2d(F.relu(self.c1(x)), 2)
        y = F.max_pool2d(F.relu(self.c2(y)), 2)
        y = F.relu(self.f1(y.flatten(1)))
        return F.normalize(self.head(y), dim=1)


class BasicBlock(nn.Module):
    def __init__(self, inputs, planes, stride):
        super().__init__()
        self.c1 = nn.Conv2d(inputs, planes, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(planes)
        self.c2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        return F.relu(self.b2(self.c2(y)) + self.shortcut(x))


class ResNet18Cifar(nn.Module):
    """ResNet-18 with the CIFAR stem (3x3 conv, no max-pool), as @contrastive/encoders builds it, + a linear 128 head."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
        layers, inputs = [], 64
        for stage, planes in enumerate((64, 128, 256, 512)):
            for i in range(2):
                layers.append(BasicBlock(inputs, planes, 2 if i == 0 and stage > 0 else 1))
                inputs = planes
        self.blocks = nn.Sequential(*layers)
        self.head = nn.Linear(512, 128, bias=False)

    def forward(self, x):
        y = self.blocks(self.stem(x))
        return F.normalize(self.head(F.adaptive_avg_pool2d(y, 1).flatten(1)), dim=1)


def timed(fn, warmup, repeats, cpu_times=None):
    """Median wall ms; with `cpu_times`, each run's process CPU ms (all threads) is appended too."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        if cpu_times is not None:
            cpu_times.append((time.process_time() - cpu_start) * 1000)
    return statistics.median(times)


def train_step_ms(repeats, model_name="seed-cnn", batch=256, cpu_times=None):
    model = ResNet18Cifar() if model_name == "resnet18" else SeedCnn()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    x = torch.rand(2 * batch, 3, 32, 32) if model_name == "resnet18" else torch.rand(2 * batch, 1, 28, 28)
    labels = torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad()
        z = model(x).view(2, batch, 128).transpose(0, 1)  # [B, V, D]
        loss = supcon(z, labels)
        loss.backward()
        optimizer.step()
        loss.item()

    return timed(step, 2, repeats, cpu_times)


def loss_ms(batch, repeats):
    base = F.normalize(torch.randn(batch, 2, 128), dim=2)
    labels = torch.randint(0, 10, (batch,))

    def run():
        features = base.clone().requires_grad_(True)
        supcon(features, labels).backward()
        features.grad.sum().item()

    return timed(run, 1, repeats)


if __name__ == "__main__":
    args = sys.argv[1:]

    def flag(name, default):
        return args[args.index(name) + 1] if name in args else default

    positional = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or not args[i - 1].startswith("--"))]
    repeats = int(positional[0]) if positional else 7
    model_name = flag("--model", "seed-cnn")
    batch = int(flag("--batch", "256"))
    step_cpu = []  # CPU time of the step: on a busy machine, what spinning OpenMP threads burn shows here
    step_ms = train_step_ms(repeats, model_name, batch, step_cpu)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": threads,
        "model": model_name,
        "batch": batch,
        "step_ms": step_ms,
        "step_cpu_ms": statistics.median(step_cpu),
        "loss_ms": {} if model_name == "resnet18" else {str(b): loss_ms(b, max(3, repeats // 2)) for b in (512, 1024, 2048)},
    }))
