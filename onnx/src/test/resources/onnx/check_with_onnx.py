# Checks ONNX files with the onnx package's checker (full check, with shape inference) and prints
# each file's opset, producer and node types. Exit status 1 on the first file it rejects.
import sys

import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    ops = [n.op_type for n in model.graph.node]
    opset = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    print(path, "ok", model.producer_name, opset, " ".join(ops))
