#!/usr/bin/python3
"""Saves a seeded PyTorch MLP's state_dict as safetensors, and its inputs and outputs.

The file is written by the format spec (8-byte little-endian header length, JSON header,
row-major little-endian data), as safetensors.torch.save_file writes it, so the safetensors
package is not needed. Usage: torch_state_dict.py OUT_DIR. Writes OUT_DIR/state_dict.safetensors
and OUT_DIR/expected.txt: "rows cols input... | output...".
"""
import json
import struct
import sys

import torch

out_dir = sys.argv[1]
torch.manual_seed(3)
model = torch.nn.Sequential(
    torch.nn.Linear(6, 16), torch.nn.BatchNorm1d(16), torch.nn.ReLU(), torch.nn.Dropout(0.2),
    torch.nn.Linear(16, 12), torch.nn.LayerNorm(12), torch.nn.Tanh(),
    torch.nn.Linear(12, 8), torch.nn.Sigmoid(), torch.nn.Linear(8, 8), torch.nn.ReLU(),
    torch.nn.Linear(8, 8), torch.nn.ReLU(), torch.nn.Linear(8, 8), torch.nn.ReLU(),
    torch.nn.Linear(8, 1, bias=False))
with torch.no_grad():
    model[1].running_mean.uniform_(-0.5, 0.5)
    model[1].running_var.uniform_(0.5, 2.0)
    model[1].weight.uniform_(0.5, 1.5)
    model[1].bias.uniform_(-0.2, 0.2)
    model[5].weight.uniform_(0.5, 1.5)
    model[5].bias.uniform_(-0.2, 0.2)
model.eval()

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}
state = model.state_dict()
header = {}
chunks = []
offset = 0
# the file order safetensors uses is not the modules' order: write them by name, as it does
for name in sorted(state):
    t = state[name].contiguous()
    data = t.numpy().tobytes() if t.dim() > 0 else t.reshape(1).numpy().tobytes()
    header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
    chunks.append(data)
    offset += len(data)
text = json.dumps(header).encode("utf-8")
text += b" " * ((8 - len(text) % 8) % 8)
with open(out_dir + "/state_dict.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)))
    f.write(text)
    for c in chunks:
        f.write(c)

x = torch.randn(5, 6)
with torch.no_grad():
    y = model(x)
with open(out_dir + "/expected.txt", "w") as f:
    f.write("5 6 " + " ".join(repr(float(v)) for v in x.flatten().tolist()) + " | "
            + " ".join(repr(float(v)) for v in y.flatten().tolist()) + "\n")
print("saved", len(state), "tensors")
