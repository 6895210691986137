#!/usr/bin/python3
"""Opens a Neurite weights file (the one model.json names) with PyTorch and prints each tensor's name, shape and sum.

Uses the `safetensors` package when it is installed; otherwise parses the file by the format
spec (8-byte little-endian header length, JSON header, row-major little-endian data) and wraps
the bytes with torch.frombuffer. Output, one line per tensor in file order:
    <name> <shape as d0,d1> <sum in float64, repr>
"""
import json
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64}


def load_by_hand(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    body = data[8 + n:]
    tensors = {}
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        raw = bytearray(body[begin:end])  # a writable copy, so frombuffer does not warn
        t = torch.frombuffer(raw, dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        if sys.byteorder != "little":
            t = t.byteswap() if hasattr(t, "byteswap") else t
        tensors[name] = t.reshape(info["shape"])
    return tensors


def load(path):
    try:
        from safetensors.torch import load_file
        return "safetensors", load_file(path)
    except ImportError:
        return "by hand", load_by_hand(path)


def main():
    reader, tensors = load(sys.argv[1])
    print("# torch", torch.__version__, "reader:", reader)
    for name, t in tensors.items():
        shape = ",".join(str(d) for d in t.shape)
        print(name, shape, repr(t.to(torch.float64).sum().item()))


if __name__ == "__main__":
    main()
