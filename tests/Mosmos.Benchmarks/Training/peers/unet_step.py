#!/usr/bin/env python3
"""The MOSMOS training step in PyTorch, for ./mosmos bench train (tests/Mosmos.Benchmarks/Training).

Mirrors trainer/Model (UNetEncoder, UNetDecoder, ConvNormAct) and trainer/Training/SegmentationLoss layer for layer:
per stage 2 x [Conv3d 3^3 pad 1 -> InstanceNorm3d(affine, eps 1e-5) -> LeakyReLU 0.01], stride-2 first conv from the
second stage on, ConvTranspose3d k2 s2 + concatenation with the skip, 1x1x1 head, deep-supervision heads on the
lower decoder levels; loss = sum over levels of w_l (CE + 1 - batch soft Dice over foreground), w_l = 0.5^l
normalised, labels subsampled with stride 2^l; AdamW(lr 3e-3, wd 1e-4), gradient norm clipped at 12. One fixed
random batch; prints one JSON line with the same fields as the trainer's `bench-step` verb.

usage: unet_step.py --patch 64 [--batch 2] [--widths 8,16,32,64] [--classes 17] [--warmup 2] [--steps 5]
                    [--threads N] [--no-deep-supervision]
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F
from torch import nn


class ConvNormAct(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, kernel_size=3, stride=stride, padding=1)
        self.norm = nn.InstanceNorm3d(cout, eps=1e-5, affine=True, track_running_stats=False)

    def forward(self, x):
        return F.leaky_relu(self.norm(self.conv(x)), 0.01)


class UNet3d(nn.Module):
    def __init__(self, classes, widths, deep_supervision, convs_per_stage=2, in_channels=1):
        super().__init__()
        depth = len(widths)
        self.stages = nn.ModuleList()
        cin = in_channels
        for s in range(depth):
            self.stages.append(nn.Sequential(*[
                ConvNormAct(cin if b == 0 else widths[s], widths[s], 2 if b == 0 and s > 0 else 1)
                for b in range(convs_per_stage)]))
            cin = widths[s]
        self.up = nn.ModuleList(nn.ConvTranspose3d(widths[j + 1], widths[j], kernel_size=2, stride=2) for j in range(depth - 1))
        self.blocks = nn.ModuleList(nn.Sequential(*[
            ConvNormAct(2 * widths[j] if b == 0 else widths[j], widths[j]) for b in range(convs_per_stage)])
            for j in range(depth - 1))
        self.head = nn.Conv3d(widths[0], classes, kernel_size=1)
        self.aux = nn.ModuleList(nn.Conv3d(widths[j], classes, kernel_size=1) for j in range(1, depth - 1)) \
            if deep_supervision else nn.ModuleList()

    def forward(self, x):
        features = []
        for stage in self.stages:
            x = stage(x)
            features.append(x)
        x = features[-1]
        levels = [None] * (len(features) - 1)
        for j in range(len(features) - 2, -1, -1):
            x = self.blocks[j](torch.cat([self.up[j](x), features[j]], 1))
            levels[j] = x
        return [self.head(levels[0])] + [self.aux[j - 1](levels[j]) for j in range(1, len(self.aux) + 1)]


def soft_dice(logits, labels):
    probs = F.softmax(logits, 1)
    onehot = F.one_hot(labels, logits.shape[1]).permute(0, 4, 1, 2, 3).to(probs.dtype)
    dims = [0, 2, 3, 4]
    intersection = (probs * onehot).sum(dims)
    denominator = probs.sum(dims) + onehot.sum(dims)
    return ((2 * intersection + 1e-5) / (denominator + 1e-5))[1:].mean()


def segmentation_loss(outputs, labels):
    weights = [0.5 ** l for l in range(len(outputs))]
    total = sum(weights)
    loss = 0
    for l, logits in enumerate(outputs):
        s = 1 << l
        target = labels if l == 0 else labels[:, ::s, ::s, ::s]
        loss = loss + (F.cross_entropy(logits, target) + (1 - soft_dice(logits, target))) * (weights[l] / total)
    return loss


def peak_mb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--patch", type=int, default=64)
    p.add_argument("--batch", type=int, default=2)
    p.add_argument("--widths", default="8,16,32,64")
    p.add_argument("--classes", type=int, default=17)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, default=torch.get_num_threads())
    p.add_argument("--no-deep-supervision", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = UNet3d(a.classes, [int(w) for w in a.widths.split(",")], not a.no_deep_supervision)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    torch.manual_seed(2)
    image = torch.randn(a.batch, 1, a.patch, a.patch, a.patch)
    labels = torch.randint(0, a.classes, (a.batch, a.patch, a.patch, a.patch), dtype=torch.int64)
    before = peak_mb("VmRSS:")
    seconds, first, last = [], float("nan"), float("nan")
    model.train()
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        optimizer.zero_grad()
        loss = segmentation_loss(model(image), labels)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 12)
        optimizer.step()
        value = loss.item()
        if i >= a.warmup:
            seconds.append(time.perf_counter() - start)
        if i == 0:
            first = value
        last = value
    print(json.dumps({
        "framework": f"PyTorch {torch.__version__}",
        "patch": a.patch, "batch": a.batch, "threads": torch.get_num_threads(),
        "parameters": sum(p.numel() for p in model.parameters()),
        "seconds": seconds, "rss_before_mb": before, "peak_rss_mb": peak_mb("VmHWM:"),
        "first_loss": first, "last_loss": last,
    }))


if __name__ == "__main__":
    main()
