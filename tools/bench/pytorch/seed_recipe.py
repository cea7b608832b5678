"""The seeds' SupCon recipe in PyTorch, with every difference to the contrastive CLI as a switch.

Shared by accuracy.py (the side-by-side accuracy comparison) and supcon_step_fixture.py (the
one-step gradient fixtures of the trainers' parity test). Not a project dependency.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# Fashion-MNIST training-set pixel statistics in [0, 1] (the usual torchvision Normalize values).
FASHION_MNIST_MEAN = 0.2860
FASHION_MNIST_STD = 0.3530


def supcon(features, labels, temperature=0.1, base_temperature=0.1):
    """SupContrast's SupConLoss (contrast_mode 'all'), features [B, V, D] normalised."""
    b, v, _ = features.shape
    mask = torch.eq(labels.view(-1, 1), labels.view(1, -1)).float().repeat(v, v)
    contrast = torch.cat(torch.unbind(features, dim=1), dim=0)
    logits = contrast @ contrast.T / temperature
    logits = logits - logits.max(dim=1, keepdim=True)[0].detach()
    logits_mask = 1 - torch.eye(b * v)
    mask = mask * logits_mask
    exp_logits = torch.exp(logits) * logits_mask
    log_prob = logits - torch.log(exp_logits.sum(1, keepdim=True))
    mean_log_prob_pos = (mask * log_prob).sum(1) / mask.sum(1).clamp(min=1)
    return -(temperature / base_temperature) * mean_log_prob_pos.mean()


class SeedCnn(nn.Module):
    """conv3x3(c1)-relu-pool, conv3x3(c2)-relu-pool, flatten, fc(features)-relu; NCHW."""

    def __init__(self, size=28, in_channels=1, channels=(16, 32), features=128):
        super().__init__()
        self.c1 = nn.Conv2d(in_channels, channels[0], 3, padding=1)
        self.c2 = nn.Conv2d(channels[0], channels[1], 3, padding=1)
        self.f1 = nn.Linear((size // 4) * (size // 4) * channels[1], features)
        self.features = features

    def forward(self, x):
        y = F.max_pool2d(F.relu(self.c1(x)), 2)
        y = F.max_pool2d(F.relu(self.c2(y)), 2)
        return F.relu(self.f1(y.flatten(1)))


class MlpHead(nn.Module):
    """SupContrast's head: Linear(F, F) - ReLU - Linear(F, D), L2-normalised."""

    def __init__(self, features=128, out=128):
        super().__init__()
        self.h1 = nn.Linear(features, features)
        self.h2 = nn.Linear(features, out)

    def forward(self, x):
        return F.normalize(self.h2(F.relu(self.h1(x))), dim=1)


def init_like_contrastive(encoder, head):
    """The contrastive package's 'he' init: truncated He-normal kernels (tfjs heNormal: cut at 2 std,
    std sqrt(2 / fan_in)), Glorot-uniform last head layer, zero biases. PyTorch's own default
    (kaiming_uniform(a=sqrt 5), i.e. U(+-1/sqrt(fan_in)) for weights and biases) is left as it is
    for init='torch'."""
    with torch.no_grad():
        for layer in (encoder.c1, encoder.c2, encoder.f1, head.h1):
            fan_in = layer.weight[0].numel()
            std = math.sqrt(2.0 / fan_in)
            nn.init.trunc_normal_(layer.weight, 0.0, std, -2 * std, 2 * std)
            layer.bias.zero_()
        nn.init.xavier_uniform_(head.h2.weight)
        head.h2.bias.zero_()


def build(init, size=28, channels=(16, 32), features=128, out=128):
    encoder = SeedCnn(size, 1, channels, features)
    head = MlpHead(features, out)
    if init == 'he':
        init_like_contrastive(encoder, head)
    elif init != 'torch':
        raise ValueError(f'init must be torch or he, got {init}')
    return encoder, head


def pad_crop_flip(x, generator, padding=2, fill=0.0):
    """RandomCrop(size, padding, fill) + RandomHorizontalFlip(0.5) per image, x [N, 1, H, W]."""
    n, _, h, w = x.shape
    padded = F.pad(x, (padding, padding, padding, padding), value=fill)
    dy = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
    dx = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
    rows = (dy.view(n, 1) + torch.arange(h).view(1, h)).view(n, 1, h, 1).expand(n, 1, h, w + 2 * padding)
    cols = (dx.view(n, 1) + torch.arange(w).view(1, w)).view(n, 1, 1, w).expand(n, 1, h, w)
    out = torch.gather(torch.gather(padded, 2, rows), 3, cols)
    flip = torch.rand(n, generator=generator) < 0.5
    out[flip] = out[flip].flip(3)
    return out


def cosine_lr(base, step, total):
    """Cosine from base to 0 over total steps, evaluated per step (no warm-up)."""
    return 0.5 * base * (1 + math.cos(math.pi * step / total))
