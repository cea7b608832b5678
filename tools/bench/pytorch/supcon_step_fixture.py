#!/usr/bin/env python3
"""Writes the fixture of the trainers' PyTorch parity test (not a project dependency).

A small seed CNN (12x12x1 input with a black border standardised inside the model, channels 4/8, 16 features) with the
MLP head 16-16-16, SupContrast's SupConLoss (t = 0.1), two batches of 8 images x 2 views (the image
and its mirror image). Records, in tfjs layouts (NHWC, conv [kh, kw, in, out], dense [in, out],
flatten in (h, w, c) order): the initial weights, the first step's loss and gradients, and for
torch.optim.SGD with and without Nesterov (and weight decay on biases or not) the losses and
weights after two steps at the rates of CosineAnnealingLR stepped per step; plus that schedule's
rates over 10 steps.

Usage: /usr/bin/python3 tools/bench/pytorch/supcon_step_fixture.py > packages/trainers/test/fixtures/pytorch-supcon-step.json
"""
import json
import sys

import torch

from seed_recipe import FASHION_MNIST_MEAN, FASHION_MNIST_STD, build, supcon

SIZE, CHANNELS, FEATURES, OUT, BATCH = 12, (4, 8), 16, 16, 8
LABELS = [0, 1, 2, 0, 1, 2, 3, 4, 1, 1, 0, 3, 3, 2, 4, 0]
LEARNING_RATE, MOMENTUM, WEIGHT_DECAY, STEPS = 0.1, 0.9, 0.01, 2


def as_tfjs(name, tensor):
    """A parameter (or its gradient) in the layout tfjs-layers stores it."""
    t = tensor.detach()
    if name.endswith('weight') and t.dim() == 4:
        return t.permute(2, 3, 1, 0)
    if name == 'f1.weight':
        c, hw = CHANNELS[-1], SIZE // 4
        return t.view(FEATURES, c, hw, hw).permute(2, 3, 1, 0).reshape(hw * hw * c, FEATURES)
    if name.endswith('weight'):
        return t.T
    return t


def numbers(tensor):
    return [float(f'{v:.9g}') for v in tensor.contiguous().view(-1).tolist()]


def parameters(encoder, head):
    return [(n, p) for n, p in encoder.named_parameters()] + [(n, p) for n, p in head.named_parameters()]


def loss_of(encoder, head, images, labels):
    b = images.shape[0]
    x = torch.cat([images, images.flip(3)], 0)
    z = head(encoder((x - FASHION_MNIST_MEAN) / FASHION_MNIST_STD))
    return supcon(torch.stack([z[:b], z[b:]], 1), labels)


def fresh(state):
    encoder, head = build('torch', SIZE, CHANNELS, FEATURES, OUT)
    for (_, p), value in zip(parameters(encoder, head), state):
        with torch.no_grad():
            p.copy_(value)
    return encoder, head


def train(state, images, labels, nesterov, decay_bias):
    encoder, head = fresh(state)
    params = parameters(encoder, head)
    groups = [
        {'params': [p for n, p in params if not n.endswith('bias')]},
        {'params': [p for n, p in params if n.endswith('bias')], 'weight_decay': WEIGHT_DECAY if decay_bias else 0.0},
    ]
    optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY, nesterov=nesterov)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=STEPS, eta_min=0)
    losses, rates = [], []
    for step in range(STEPS):
        rows = slice(step * BATCH, (step + 1) * BATCH)
        rates.append(optimizer.param_groups[0]['lr'])
        optimizer.zero_grad()
        loss = loss_of(encoder, head, images[rows], labels[rows])
        loss.backward()
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
    return {
        'optimizer': {'momentum': MOMENTUM, 'weightDecay': WEIGHT_DECAY, 'nesterov': nesterov, 'decayBiasAndNorm': decay_bias},
        'learningRates': rates,
        'losses': losses,
        'weights': [numbers(as_tfjs(n, p)) for n, p in parameters(encoder, head)],
    }


def cosine_rates(steps):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=LEARNING_RATE)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=steps, eta_min=0)
    rates = []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]['lr'])
        optimizer.step()
        schedule.step()
    return rates


def main():
    torch.manual_seed(19)
    images = torch.randint(0, 256, (2 * BATCH, 1, SIZE, SIZE)).float() / 255
    # A black border, as Fashion-MNIST has: constant regions give tied maxima in the max-pools.
    border = torch.ones(SIZE, SIZE, dtype=torch.bool)
    border[3:-3, 3:-3] = False
    images[:, :, border] = 0
    labels = torch.tensor(LABELS)
    encoder, head = build('torch', SIZE, CHANNELS, FEATURES, OUT)
    state = [p.detach().clone() for _, p in parameters(encoder, head)]
    loss = loss_of(encoder, head, images[:BATCH], labels[:BATCH])
    loss.backward()
    params = parameters(encoder, head)
    out = {
        'generator': 'tools/bench/pytorch/supcon_step_fixture.py',
        'torch': torch.__version__,
        'model': {
            'inputShape': [SIZE, SIZE, 1],
            'channels': list(CHANNELS),
            'features': FEATURES,
            'outputDim': OUT,
            'normalize': {'mean': [FASHION_MNIST_MEAN], 'std': [FASHION_MNIST_STD]},
        },
        'loss': {'temperature': 0.1, 'baseTemperature': 0.1},
        'batchSize': BATCH,
        'images': numbers(images.permute(0, 2, 3, 1)),
        'labels': LABELS,
        'weights': [{'name': n, 'shape': list(as_tfjs(n, p).shape), 'values': numbers(as_tfjs(n, p))} for n, p in params],
        'firstStep': {'loss': loss.item(), 'gradients': [numbers(as_tfjs(n, p.grad)) for n, p in params]},
        'training': [train(state, images, labels, False, True), train(state, images, labels, True, False)],
        'cosine': {'learningRate': LEARNING_RATE, 'totalSteps': 10, 'rates': cosine_rates(10)},
    }
    json.dump(out, sys.stdout, separators=(',', ':'))
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
