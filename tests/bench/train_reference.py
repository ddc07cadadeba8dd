#!/usr/bin/python3
"""PyTorch reference for bench_training: the image presets' models on Fashion-MNIST.

Same model (the default experiment's CNN, or `--model resnet`: ResNet-20 as
fashion-mnist-resnet), data, batch size, optimizer and thread count as Trainbench's preset, so
that only the training engine differs. `--amp bf16` runs the forward pass under
torch.autocast as `train.amp: bf16` does (the loss on the float32 output). Prints one line per
epoch: `epoch N S` (seconds).
Run with Debian's /usr/bin/python3 (python3-torch 1.13, the same LibTorch as Trainbench).
"""
import argparse
import gzip
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def cnn(channels, hidden, dropout, classes):
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                nn.ReLU(inplace=True), nn.MaxPool2d(2)]

    return nn.Sequential(*block(1, channels), *block(channels, 2 * channels), nn.Flatten(),
                         nn.Linear(2 * channels * 7 * 7, hidden), nn.ReLU(inplace=True),
                         nn.Dropout(dropout), nn.Linear(hidden, classes))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.residual = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True), nn.Conv2d(cout, cout, 3, 1, 1, bias=False),
            nn.BatchNorm2d(cout))
        self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                       nn.BatchNorm2d(cout))
                         if stride != 1 or cin != cout else nn.Sequential())

    def forward(self, x):
        return torch.relu(self.residual(x) + self.shortcut(x))


def resnet(blocks, width, classes):
    """He et al.'s CIFAR ResNet with 1x1 projection shortcuts, as engine/models/image/ResNet."""
    layers = [nn.Conv2d(1, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width),
              nn.ReLU(inplace=True)]
    cin = width
    for stage in range(3):
        cout = width << stage
        for block in range(blocks):
            layers.append(BasicBlock(cin, cout, 2 if stage > 0 and block == 0 else 1))
            cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--weight-decay", type=float, default=0.0001)
    p.add_argument("--channels", type=int, default=32)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.25)
    p.add_argument("--amp", choices=["off", "bf16"], default="off")
    p.add_argument("--model", choices=["cnn", "resnet"], default="cnn")
    p.add_argument("--blocks", type=int, default=3)
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--optimizer", choices=["adamw", "sgd"], default="adamw")
    p.add_argument("--momentum", type=float, default=0.9)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    images = torch.from_numpy(read_idx(f"{args.root}/train-images-idx3-ubyte.gz").copy())
    labels = torch.from_numpy(read_idx(f"{args.root}/train-labels-idx1-ubyte.gz").astype(np.int64))
    x = images.float().div_(255.0).unsqueeze(1)
    x = (x - x.mean()) / x.std()

    if args.model == "cnn":
        model = cnn(args.channels, args.hidden, args.dropout, 10)
    else:
        model = resnet(args.blocks, args.width, 10)
    if args.optimizer == "adamw":
        opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum,
                              weight_decay=args.weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(n)
        for i in range(0, n, args.batch_size):
            idx = order[i : i + args.batch_size]
            xb, yb = x.index_select(0, idx), labels.index_select(0, idx)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.amp == "bf16"):
                out = model(xb).float()
            loss = loss_fn(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} {time.perf_counter() - start:.3f}", flush=True)


if __name__ == "__main__":
    main()
