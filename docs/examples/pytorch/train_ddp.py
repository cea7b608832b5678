#!/usr/bin/env python3
"""Continue SupCon training of a `contrastive export`-ed model with PyTorch DistributedDataParallel.

One machine, two CPU processes (what CI runs):

    python3 train_ddp.py --local-processes 2 --export runs/export \
        --idx-images train-images-idx3-ubyte.gz --idx-labels train-labels-idx1-ubyte.gz --steps 100

or, the same, `torchrun --standalone --nproc_per_node 2 train_ddp.py ...` (Debian bookworm's
torch 1.13 launcher fails on Python 3.11; --local-processes starts the processes itself).

A cluster: the same script, `torchrun --nnodes N --nproc_per_node GPUS --rdzv_endpoint HOST:PORT`
and `--backend nccl` on GPUs. Every process reads the same data and keeps its slice of each
global batch; the loss contrasts every sample with the whole global batch (all ranks' embeddings),
so negatives grow with the number of processes, as SupCon wants. See docs/scale.md.

The loss is pytorch-metric-learning's SupConLoss when that package is installed (--loss pml),
otherwise `supcon_loss` below, written to SupContrast's reference semantics (the ones
@contrastive/losses is checked against): every view an anchor, positives = same label, the
mean over positives outside the log ("out"), scaled by temperature / base_temperature.
"""
import argparse
import gzip
import importlib.util
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--export", required=True, help="directory written by `contrastive export --format pytorch`")
    data = p.add_argument_group("data (the same files the tfjs run read)")
    data.add_argument("--idx-images", help="IDX images file (.gz or raw), e.g. train-images-idx3-ubyte.gz")
    data.add_argument("--idx-labels", help="IDX labels file matching --idx-images")
    data.add_argument("--image-folder", help="folder with one sub-folder of images per class (needs Pillow)")
    p.add_argument("--steps", type=int, default=100, help="optimizer steps")
    p.add_argument("--batch-size", type=int, default=256, help="GLOBAL batch size (split over all processes)")
    p.add_argument("--views", type=int, default=2)
    p.add_argument("--augment", choices=["mnist", "none"], default="mnist", help="mnist: pad-2 random crop + flip (our 'mnist' preset)")
    p.add_argument("--temperature", type=float, default=0.1)
    p.add_argument("--base-temperature", type=float, default=0.1)
    p.add_argument("--loss", choices=["auto", "pml", "builtin"], default="auto", help="auto: pytorch-metric-learning when installed")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--backend", default="gloo", help="gloo (CPU) or nccl (GPUs)")
    p.add_argument("--local-processes", type=int, default=0,
                   help="start this many processes on this machine (gloo on 127.0.0.1) instead of running under torchrun")
    p.add_argument("--out", help="write the continued weights here (model.safetensors + model.py), rank 0")
    p.add_argument("--log-dir", help="each rank writes rank-<r>.jsonl here: one JSON line per step (rank, step, loss), then its parameter checksum")
    p.add_argument("--loss-check", nargs=2, metavar=("VIEWS_F32", "LABELS_I32"),
                   help="print the loss of one batch (raw float32 [B, V, *INPUT_SHAPE], int32 labels) in train mode and exit")
    return p.parse_args(argv)


# ---------------------------------------------------------------- model

def load_exported(directory):
    """The `model` module of an export (model.py) and its ContrastiveModel with the exported weights."""
    spec = importlib.util.spec_from_file_location("contrastive_exported_model", os.path.join(directory, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module.ContrastiveModel(), "head"):
        sys.exit(f"{directory}: exported without the projection head (--no-head); SupCon training needs it")
    return module, module.load_model(directory)


# ---------------------------------------------------------------- data

def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {raw[:4].hex()})")
    dims = struct.unpack(">" + "I" * ndim, raw[4 : 4 + 4 * ndim])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {data.size} values for dims {dims} (truncated?)")
    return data.reshape(dims)


def read_image_folder(root, channels):
    try:
        from PIL import Image
    except ImportError:
        sys.exit("--image-folder needs Pillow (apt-get install python3-pil or pip install pillow)")
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    images, labels = [], []
    for label, name in enumerate(classes):
        for file in sorted(os.listdir(os.path.join(root, name))):
            with Image.open(os.path.join(root, name, file)) as image:
                array = np.asarray(image.convert("L" if channels == 1 else "RGB"), dtype=np.uint8)
            images.append(array.reshape(array.shape[0], array.shape[1], -1))
            labels.append(label)
    return np.stack(images), np.asarray(labels)


def load_data(args, input_shape):
    """Images as float32 NCHW in [0, 1] (as tfjs scales them) and int64 labels."""
    channels, height, width = input_shape
    if args.idx_images and args.idx_labels:
        images, labels = read_idx(args.idx_images), read_idx(args.idx_labels)
        images = images.reshape(images.shape[0], images.shape[1], images.shape[2], -1)
    elif args.image_folder:
        images, labels = read_image_folder(args.image_folder, channels)
    else:
        sys.exit("give --idx-images and --idx-labels, or --image-folder")
    if images.shape[1:] != (height, width, channels):
        sys.exit(f"data examples are {list(images.shape[1:])} (HWC) but the model takes {[height, width, channels]}")
    x = torch.from_numpy(images.astype(np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()
    return x, torch.from_numpy(labels.astype(np.int64))


def augment_mnist(x, generator, padding=2):
    """Our 'mnist' preset: a random crop of the zero-padded image (shift up to +-padding) and a horizontal flip p 0.5."""
    n, _, h, w = x.shape
    padded = F.pad(x, (padding, padding, padding, padding))
    dy = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
    dx = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
    rows = (dy[:, None] + torch.arange(h)[None, :])[:, None, :, None].expand(n, x.shape[1], h, w + 2 * padding)
    shifted = padded.gather(2, rows)
    cols = (dx[:, None] + torch.arange(w)[None, :])[:, None, None, :].expand(n, x.shape[1], h, w)
    cropped = shifted.gather(3, cols)
    flip = torch.rand(n, generator=generator) < 0.5
    return torch.where(flip[:, None, None, None], cropped.flip(3), cropped)


# ---------------------------------------------------------------- loss

def supcon_loss(features, labels, temperature, base_temperature):
    """SupContrast's SupConLoss (contrast_mode 'all'): features [B, V, D] L2-normalised, labels [B].

    An anchor without positives contributes 0 and still counts in the mean (as @contrastive/losses'
    default noPositive 'zero'); with 2+ views every anchor has one.
    """
    batch, views = features.shape[0], features.shape[1]
    contrast = torch.cat(torch.unbind(features, dim=1), dim=0)  # [V*B, D], view-major like SupContrast
    logits = contrast @ contrast.T / temperature
    logits = logits - logits.max(dim=1, keepdim=True).values.detach()
    labels = labels.view(-1, 1)
    mask = torch.eq(labels, labels.T).float().repeat(views, views)
    not_self = 1.0 - torch.eye(batch * views, dtype=logits.dtype)
    mask = mask * not_self
    log_prob = logits - torch.log((torch.exp(logits) * not_self).sum(1, keepdim=True))
    positives = mask.sum(1)
    mean_log_prob_pos = (mask * log_prob).sum(1) / positives.clamp(min=1)
    return (-(temperature / base_temperature) * mean_log_prob_pos).mean()


def make_loss(args):
    """(name, fn(features [B, V, D], labels [B]) -> scalar)."""
    if args.loss in ("auto", "pml"):
        try:
            from pytorch_metric_learning.losses import SupConLoss
        except ImportError:
            if args.loss == "pml":
                sys.exit("--loss pml: pytorch-metric-learning is not installed (pip install pytorch-metric-learning)")
        else:
            pml = SupConLoss(temperature=args.temperature)
            scale = args.temperature / args.base_temperature

            def pml_loss(features, labels):
                views = features.shape[1]
                return scale * pml(torch.cat(torch.unbind(features, 1)), labels.repeat(views))

            return "pytorch-metric-learning SupConLoss", pml_loss
    return "builtin supcon_loss", lambda f, l: supcon_loss(f, l, args.temperature, args.base_temperature)


def gather_global(local, rank, world):
    """All ranks' tensors concatenated in rank order; this rank's slice keeps its gradient."""
    if world == 1:
        return local
    parts = [torch.empty_like(local) for _ in range(world)]
    dist.all_gather(parts, local.detach().contiguous())
    parts[rank] = local
    return torch.cat(parts, 0)


# ---------------------------------------------------------------- main

def loss_check(args):
    module, model = load_exported(args.export)
    views = np.fromfile(args.loss_check[0], dtype="<f4")
    labels = torch.from_numpy(np.fromfile(args.loss_check[1], dtype="<i4").astype(np.int64))
    batch = labels.shape[0]
    x = torch.from_numpy(views).reshape(batch, args.views, *module.INPUT_SHAPE)
    name, loss_fn = make_loss(args)
    model.train()  # batch statistics in batch norm, as the tfjs trainer's forward pass
    z = model(x.reshape(batch * args.views, *module.INPUT_SHAPE)).reshape(batch, args.views, -1)
    print(json.dumps({"loss": loss_fn(z, labels).item(), "loss_fn": name}))


def main(args):
    if args.loss_check:
        return loss_check(args)
    rank, world = int(os.environ.get("RANK", 0)), int(os.environ.get("WORLD_SIZE", 1))
    if world > 1:
        dist.init_process_group(args.backend)
    if args.batch_size % world:
        sys.exit(f"--batch-size {args.batch_size} must be a multiple of the {world} processes")
    torch.manual_seed(args.seed)
    module, model = load_exported(args.export)
    x, labels = load_data(args, module.INPUT_SHAPE)
    model.train()
    ddp = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    optimizer = torch.optim.SGD(ddp.parameters(), lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay)
    name, loss_fn = make_loss(args)
    if rank == 0:
        print(f"rank 0/{world}: {x.shape[0]} examples, global batch {args.batch_size}, loss {name}", file=sys.stderr)

    # The same seeded order on every rank; each rank takes its slice of every global batch.
    order = torch.Generator().manual_seed(args.seed)
    views_rng = torch.Generator().manual_seed(args.seed * 1000 + rank + 1)
    permutation, cursor, local = torch.randperm(x.shape[0], generator=order), 0, args.batch_size // world
    log = None
    if args.log_dir:
        os.makedirs(args.log_dir, exist_ok=True)
        log = open(os.path.join(args.log_dir, f"rank-{rank}.jsonl"), "w")
    for step in range(args.steps):
        if cursor + args.batch_size > x.shape[0]:
            permutation, cursor = torch.randperm(x.shape[0], generator=order), 0
        batch = permutation[cursor : cursor + args.batch_size][rank * local : (rank + 1) * local]
        cursor += args.batch_size
        images, y = x[batch], labels[batch]
        views = [augment_mnist(images, views_rng) if args.augment == "mnist" else images for _ in range(args.views)]
        z = ddp(torch.cat(views)).reshape(args.views, local, -1).transpose(0, 1)  # [b, V, D]
        z_all, y_all = gather_global(z, rank, world), gather_global(y, rank, world)
        loss = loss_fn(z_all, y_all)
        optimizer.zero_grad()
        # Every rank computes the global loss but only its own embeddings carry gradient, and DDP
        # averages over ranks: scaling by world gives exactly the gradient of the global loss.
        (loss * world).backward()
        optimizer.step()
        if log:
            print(json.dumps({"rank": rank, "step": step, "loss": loss.item()}), file=log, flush=True)
        if rank == 0 and (step % 10 == 0 or step == args.steps - 1):
            print(f"step {step}: loss {loss.item():.4f}", flush=True)

    checksum = torch.stack([p.detach().double().sum() for p in model.parameters()]).sum().item()
    if log:
        print(json.dumps({"rank": rank, "done": True, "parameter_checksum": checksum}), file=log, flush=True)
        log.close()
    if args.out and rank == 0:
        save(module, model, args)
    if world > 1:
        dist.destroy_process_group()


def save(module, model, args):
    """The continued weights as model.safetensors beside a copy of model.py (load with load_model(out))."""
    import shutil

    os.makedirs(args.out, exist_ok=True)
    shutil.copy(os.path.join(args.export, "model.py"), os.path.join(args.out, "model.py"))
    tensors = {k: v.detach().contiguous().float() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    header, offset, blobs = {}, 0, []
    for key, tensor in tensors.items():
        blob = tensor.numpy().astype("<f4").tobytes()
        header[key] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(os.path.join(args.out, "model.safetensors"), "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + b"".join(blobs))
    print(f"wrote {args.out}/model.safetensors", file=sys.stderr)


def local_worker(rank, args, port):
    os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(args.local_processes), MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    main(args)


def launch_local(args):
    """What `torchrun --standalone --nproc_per_node N` does, for one machine: N processes, a free local port."""
    import socket

    import torch.multiprocessing as mp

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(local_worker, args=(args, port), nprocs=args.local_processes, join=True)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.local_processes and "RANK" not in os.environ and not arguments.loss_check:
        launch_local(arguments)
    else:
        main(arguments)
