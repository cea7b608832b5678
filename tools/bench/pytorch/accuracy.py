#!/usr/bin/env python3
"""The seeds' SupCon recipe in PyTorch, for tools/bench/accuracy.js (not a project dependency).

Trains the seed CNN + MLP head with SupCon and, on the same budget, with cross-entropy, then fits a
linear probe on the frozen 128-d features of each and of a random encoder. Every way the recipe
could differ from the contrastive CLI is a flag, so an ablation changes one thing at a time.

Data: a directory of train_x.npy / test_x.npy (uint8 [N, 28, 28]) and train_y.npy / test_y.npy
(accuracy.js writes them). Prints one JSON object on the last line.
Debian: apt install python3-torch libopenblas0-pthread; OMP_NUM_THREADS sets the threads (default 2).
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from seed_recipe import FASHION_MNIST_MEAN, FASHION_MNIST_STD, build, cosine_lr, pad_crop_flip, supcon


def parse():
    p = argparse.ArgumentParser()
    p.add_argument('--data', required=True)
    p.add_argument('--epochs', type=int, default=3)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--batch', type=int, default=256)
    p.add_argument('--lr', type=float, default=0.05)
    p.add_argument('--momentum', type=float, default=0.9)
    p.add_argument('--weight-decay', type=float, default=1e-4)
    p.add_argument('--decay-bias', choices=['yes', 'no'], default='yes', help='weight decay on biases too')
    p.add_argument('--nesterov', action='store_true')
    p.add_argument('--init', choices=['torch', 'he'], default='torch')
    p.add_argument('--input', choices=['standardised', 'raw'], default='standardised')
    p.add_argument('--pad-fill', choices=['black', 'mean'], default='black',
                   help='crop padding: black (0 before standardising, torchvision) or the mean (0 after)')
    p.add_argument('--probe-scaling', choices=['standardise', 'none'], default='standardise')
    p.add_argument('--probe-epochs', type=int, default=10)
    p.add_argument('--probe-lr', type=float, default=0.01)
    p.add_argument('--channels', default='16,32')
    p.add_argument('--features', type=int, default=128)
    p.add_argument('--encoders', default='supcon,ce,random')
    return p.parse_args()


def load(directory):
    def arr(name):
        return np.load(os.path.join(directory, name))
    to_x = lambda a: torch.from_numpy(a.astype(np.float32) / 255.0).view(-1, 1, 28, 28)
    return (to_x(arr('train_x.npy')), torch.from_numpy(arr('train_y.npy').astype(np.int64)),
            to_x(arr('test_x.npy')), torch.from_numpy(arr('test_y.npy').astype(np.int64)))


class Recipe:
    def __init__(self, args):
        self.args = args
        self.mean, self.std = (FASHION_MNIST_MEAN, FASHION_MNIST_STD) if args.input == 'standardised' else (0.0, 1.0)

    def scale(self, x):
        return (x - self.mean) / self.std

    def view(self, x, generator):
        """One augmented view of raw [0, 1] pixels, scaled as the recipe says."""
        if self.args.pad_fill == 'black':
            return self.scale(pad_crop_flip(x, generator))
        return pad_crop_flip(self.scale(x), generator, fill=0.0)

    def optimizer(self, modules):
        a = self.args
        weights, biases = [], []
        for module in modules:
            for name, p in module.named_parameters():
                (biases if name.endswith('bias') else weights).append(p)
        groups = [{'params': weights}, {'params': biases, 'weight_decay': a.weight_decay if a.decay_bias == 'yes' else 0.0}]
        return torch.optim.SGD(groups, lr=a.lr, momentum=a.momentum, weight_decay=a.weight_decay, nesterov=a.nesterov)

    def train(self, encoder, head, x, y, loss_of, generator):
        a = self.args
        opt = self.optimizer([encoder, head])
        steps_per_epoch = x.shape[0] // a.batch
        total = steps_per_epoch * a.epochs
        step = 0
        last_epoch_loss = 0.0
        for _ in range(a.epochs):
            order = torch.randperm(x.shape[0], generator=generator)
            losses = []
            for i in range(steps_per_epoch):
                idx = order[i * a.batch:(i + 1) * a.batch]
                for group in opt.param_groups:
                    group['lr'] = cosine_lr(a.lr, step, total)
                opt.zero_grad()
                loss = loss_of(x[idx], y[idx], generator)
                loss.backward()
                opt.step()
                losses.append(loss.item())
                step += 1
            last_epoch_loss = sum(losses) / len(losses)
        return last_epoch_loss

    def supcon_loss(self, encoder, head):
        def loss_of(xb, yb, generator):
            views = torch.cat([self.view(xb, generator), self.view(xb, generator)], 0)
            z = head(encoder(views))
            b = xb.shape[0]
            return supcon(torch.stack([z[:b], z[b:]], 1), yb)
        return loss_of

    def ce_loss(self, encoder, classifier):
        def loss_of(xb, yb, generator):
            return F.cross_entropy(classifier(encoder(self.view(xb, generator))), yb)
        return loss_of

    @torch.no_grad()
    def features(self, encoder, x):
        encoder.eval()
        return torch.cat([encoder(self.scale(x[i:i + 1000])) for i in range(0, x.shape[0], 1000)])

    def probe(self, encoder, x, y, xt, yt, seed):
        a = self.args
        f, ft = self.features(encoder, x), self.features(encoder, xt)
        if a.probe_scaling == 'standardise':
            mean, std = f.mean(0), f.std(0, unbiased=False)
            std = torch.where(std > 1e-12, std, torch.ones_like(std))
            f, ft = (f - mean) / std, (ft - mean) / std
        linear = nn.Linear(f.shape[1], int(y.max()) + 1)
        nn.init.zeros_(linear.weight)
        nn.init.zeros_(linear.bias)
        opt = torch.optim.Adam(linear.parameters(), lr=a.probe_lr)
        generator = torch.Generator().manual_seed(seed + 7)
        for _ in range(a.probe_epochs):
            order = torch.randperm(f.shape[0], generator=generator)
            for i in range(0, f.shape[0], 256):
                idx = order[i:i + 256]
                opt.zero_grad()
                F.cross_entropy(linear(f[idx]), y[idx]).backward()
                opt.step()
        with torch.no_grad():
            return (linear(ft).argmax(1) == yt).float().mean().item()


def main():
    args = parse()
    torch.set_num_threads(int(os.environ.get('OMP_NUM_THREADS', '2')))
    x, y, xt, yt = load(args.data)
    recipe = Recipe(args)
    channels = tuple(int(c) for c in args.channels.split(','))
    make = lambda seed: (torch.manual_seed(seed), build(args.init, 28, channels, args.features))[1]
    out = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'train': x.shape[0], 'test': xt.shape[0],
           'args': vars(args), 'accuracy': {}, 'loss': {}, 'seconds': {}}
    for which in args.encoders.split(','):
        start = time.perf_counter()
        generator = torch.Generator().manual_seed(args.seed * 1000 + 11)
        if which == 'supcon':
            encoder, head = make(args.seed)
            out['loss']['supcon'] = recipe.train(encoder, head, x, y, recipe.supcon_loss(encoder, head), generator)
        elif which == 'ce':
            encoder, _ = make(args.seed + 2)
            classifier = nn.Linear(args.features, int(y.max()) + 1)
            out['loss']['ce'] = recipe.train(encoder, classifier, x, y, recipe.ce_loss(encoder, classifier), generator)
        elif which == 'random':
            encoder, _ = make(args.seed + 1)
        else:
            raise ValueError(f'unknown encoder {which}')
        trained = time.perf_counter()
        out['accuracy'][which] = recipe.probe(encoder, x, y, xt, yt, args.seed)
        out['seconds'][which] = {'train': trained - start, 'probe': time.perf_counter() - trained}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
