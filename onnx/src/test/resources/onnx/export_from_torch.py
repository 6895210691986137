# Builds seeded PyTorch MLPs, exports each with torch.onnx.export (opset 17), and writes their
# inputs and outputs for the Java test to compare against: one line per model,
#   name rows cols input... | output...
# Usage: export_from_torch.py OUT_DIR
import sys

import torch

out_dir = sys.argv[1]
torch.manual_seed(7)
FEATURES = 12
ROWS = 9


def bn(n):
    b = torch.nn.BatchNorm1d(n)
    b.running_mean.uniform_(-0.5, 0.5)
    b.running_var.uniform_(0.5, 2.0)
    b.weight.data.uniform_(0.5, 1.5)
    b.bias.data.uniform_(-0.2, 0.2)
    return b


def layer_norm(n):
    ln = torch.nn.LayerNorm(n)
    ln.weight.data.uniform_(0.5, 1.5)
    ln.bias.data.uniform_(-0.2, 0.2)
    return ln


models = {
    "relu_mlp": torch.nn.Sequential(torch.nn.Linear(FEATURES, 16), torch.nn.ReLU(), torch.nn.Linear(16, 4)),
    "every_layer": torch.nn.Sequential(
        torch.nn.Linear(FEATURES, 16), bn(16), torch.nn.LeakyReLU(0.1), torch.nn.Dropout(0.3),
        torch.nn.Linear(16, 10), layer_norm(10), torch.nn.Tanh(), torch.nn.Linear(10, 8, bias=False),
        torch.nn.Sigmoid(), torch.nn.Identity(), torch.nn.Linear(8, 5), torch.nn.Softmax(dim=1)),
    "flatten_first": torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(FEATURES, 6), torch.nn.ReLU(),
                                         torch.nn.Linear(6, 3)),
}

with open(out_dir + "/expected.txt", "w") as listing:
    for name, model in models.items():
        model.eval()
        x = torch.randn(ROWS, FEATURES)
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, x, out_dir + "/" + name + ".onnx", opset_version=17, input_names=["x"],
                          output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
        values = " ".join(repr(float(v)) for v in x.flatten().tolist())
        outputs = " ".join(repr(float(v)) for v in y.flatten().tolist())
        listing.write(f"{name} {ROWS} {FEATURES} {values} | {outputs}\n")
print("exported", ", ".join(models))
