#!/usr/bin/env python3
"""PyTorch's side of tools/bench/trajectory.js (not a project dependency).

Trains the seeds' CNN + MLP head (init 'torch', input standardised) with SupCon for STEPS steps on
fixed batches of the embedded Fashion-MNIST subset, each image's two views being the image and its
mirror image (no random augmentation), SGD lr 0.05 momentum 0.9 weight decay 1e-4, per-step cosine
to 0. Writes the initial weights (tfjs layouts) and the batch order to OUT/init.json for the JS side,
and prints the per-step losses as JSON.

Usage: trajectory.py DATA_DIR OUT_DIR STEPS   (DATA_DIR holds train_x.npy / train_y.npy, uint8)
"""
import json
import os
import sys

import numpy as np
import torch

from seed_recipe import FASHION_MNIST_MEAN, FASHION_MNIST_STD, build, cosine_lr, supcon


def as_tfjs(name, tensor):
    t = tensor.detach()
    if t.dim() == 4:
        return t.permute(2, 3, 1, 0)
    if name == 'f1.weight':
        return t.view(128, 32, 7, 7).permute(2, 3, 1, 0).reshape(7 * 7 * 32, 128)
    return t.T if name.endswith('weight') else t


def main():
    data, out, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(int(os.environ.get('OMP_NUM_THREADS', '1')))
    x = torch.from_numpy(np.load(os.path.join(data, 'train_x.npy')).astype(np.float32) / 255).view(-1, 1, 28, 28)
    y = torch.from_numpy(np.load(os.path.join(data, 'train_y.npy')).astype(np.int64))
    if steps * 256 > x.shape[0]:
        raise ValueError(f'{steps} steps of 256 need {steps * 256} images, the data has {x.shape[0]}')
    order = np.random.RandomState(0).permutation(x.shape[0])[: steps * 256]
    torch.manual_seed(0)
    encoder, head = build('torch')
    params = list(encoder.named_parameters()) + list(head.named_parameters())
    with open(os.path.join(out, 'init.json'), 'w') as f:
        json.dump({'order': order.tolist(), 'weights': [as_tfjs(n, p).contiguous().view(-1).tolist() for n, p in params]}, f)
    optimizer = torch.optim.SGD([p for _, p in params], lr=0.05, momentum=0.9, weight_decay=1e-4)
    losses = []
    for step in range(steps):
        idx = torch.from_numpy(order[step * 256:(step + 1) * 256])
        views = torch.cat([x[idx], x[idx].flip(3)], 0)
        z = head(encoder((views - FASHION_MNIST_MEAN) / FASHION_MNIST_STD))
        loss = supcon(torch.stack([z[:256], z[256:]], 1), y[idx])
        for group in optimizer.param_groups:
            group['lr'] = cosine_lr(0.05, step, steps)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    print(json.dumps(losses))


if __name__ == '__main__':
    main()
