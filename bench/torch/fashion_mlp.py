"""The Fashion-MNIST training of bench/epoch.sh in PyTorch, for a side-by-side comparison.

The same network and recipe as `./neurite train --data fashion-mnist --layers 256,128`: a
784-256-128-10 ReLU MLP, softmax cross-entropy, Adam (lr 1e-3), batch 128, reshuffled every epoch,
pixels scaled to [0, 1]. Prints one line per epoch, `EPOCH <n> <seconds>`, and `ACCURACY <test>`.

    python3 bench/torch/fashion_mlp.py --threads 2 --epochs 10

PyTorch is only ever used here, for comparison; Neurite does not depend on it.
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch

DATA = "/usr/share/datasets/fashion-mnist"


def idx(name):
    """An IDX file (gzip) as a numpy array of its header's shape."""
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    try:  # PyTorch on Debian uses OpenBLAS, whose own pool set_num_threads does not bound
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=args.threads, user_api="blas")
    except ImportError:
        pass
    x = torch.from_numpy(idx("train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xt = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    yt = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, 10))
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(0)
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        net.train()
        order = torch.randperm(x.shape[0], generator=shuffle)
        for i in range(0, x.shape[0], 128):
            rows = order[i:i + 128]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(net(x[rows]), y[rows]).backward()
            optimizer.step()
        print(f"EPOCH {epoch} {time.perf_counter() - start:.4f}", flush=True)
    net.eval()
    with torch.inference_mode():
        accuracy = (net(xt).argmax(1) == yt).float().mean().item()
    print(f"ACCURACY {accuracy:.4f}")


if __name__ == "__main__":
    main()
