#!/usr/bin/python3
"""Reference values for Neurite's optimizers and learning-rate schedules, computed with PyTorch.

Run with Debian's interpreter (python3-torch):  /usr/bin/python3 make_reference.py
It writes reference.csv next to this script. OptimizerReferenceTest rebuilds the same problem
and compares every value.

The problem, in float64: a weight W (3x2) and a bias b (1x2), inputs X (4x3), targets Y (4x2),
    R = X W + b - Y
    loss = sum(R^2) / (2 * 4) + QUARTIC / 4 * sum(W^4)
so that dW = X^T R / 4 + QUARTIC * W^3 and db = column sums of R / 4 depend on the current
weights. Every case starts from the same W0, b0 and runs STEPS steps of
zero_grad, loss.backward(), [clipping], [L1: grad += l1 * sign(w)], optimizer.step().

CSV lines (no header):
    param,<case>,<step>,W00,W01,W10,W11,W20,W21,b0,b1   values after that step (step 0: initial)
    norm,<case>,<step>,<total gradient norm returned by clip_grad_norm_ before clipping>
    lr,<case>,<epoch>,<learning rate after that many epochs>
"""
import math
import os

import torch

torch.set_default_dtype(torch.float64)

STEPS = 10
QUARTIC = 0.1
W0 = [[0.5, -0.3], [0.8, 0.1], [-0.6, 0.4]]
B0 = [[0.05, -0.02]]
X = [[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [-2.0, 0.3, 0.7], [1.2, 0.8, -0.4]]
Y = [[0.3, -1.0], [1.5, 0.2], [-0.7, 0.9], [0.1, 0.4]]

# name -> (optimizer factory, l1, clip) with clip None, ('norm', max) or ('value', v)
CASES = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1, foreach=False), 0.0, None),
    ("sgd_momentum", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, foreach=False), 0.0, None),
    ("sgd_dampening", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3, foreach=False), 0.0, None),
    ("sgd_nesterov", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, foreach=False), 0.0, None),
    ("sgd_weight_decay", lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.2, foreach=False), 0.0, None),
    ("sgd_l1", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, weight_decay=0.05, foreach=False), 0.03, None),
    ("sgd_clip_norm", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, foreach=False), 0.0, ("norm", 0.5)),
    ("sgd_clip_value", lambda p: torch.optim.SGD(p, lr=0.1, foreach=False), 0.0, ("value", 0.2)),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01, foreach=False), 0.0, None),
    ("rmsprop_momentum", lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9, foreach=False), 0.0, None),
    ("rmsprop_centered", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5,
                                                       centered=True, weight_decay=0.1, foreach=False), 0.0, None),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.1, foreach=False), 0.0, None),
    ("adam_weight_decay", lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.1, foreach=False), 0.0, None),
    ("adam_betas", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.9), eps=1e-4, foreach=False), 0.0, None),
    ("adam_l1", lambda p: torch.optim.Adam(p, lr=0.1, foreach=False), 0.05, None),
    ("adam_clip_value", lambda p: torch.optim.Adam(p, lr=0.1, foreach=False), 0.0, ("value", 0.1)),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1, foreach=False), 0.0, None),
    ("adamw_default", lambda p: torch.optim.AdamW(p, lr=0.1, foreach=False), 0.0, None),
    ("adamw_clip_norm", lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1, foreach=False), 0.02, ("norm", 1.0)),
]


def fmt(v):
    return repr(float(v))


def run_case(out, name, factory, l1, clip):
    w = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
    x = torch.tensor(X)
    y = torch.tensor(Y)
    opt = factory([w, b])

    def record(step):
        values = w.detach().flatten().tolist() + b.detach().flatten().tolist()
        out.append(",".join(["param", name, str(step)] + [fmt(v) for v in values]))

    record(0)
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        r = x @ w + b - y
        loss = (r * r).sum() / (2 * x.shape[0]) + QUARTIC / 4 * (w ** 4).sum()
        loss.backward()
        if clip is not None and clip[0] == "norm":
            norm = torch.nn.utils.clip_grad_norm_([w, b], clip[1], norm_type=2.0)
            out.append(",".join(["norm", name, str(step), fmt(norm)]))
        elif clip is not None:
            torch.nn.utils.clip_grad_value_([w, b], clip[1])
        if l1 != 0:
            with torch.no_grad():
                for p in (w, b):
                    p.grad.add_(l1 * torch.sign(p))
        opt.step()
        record(step)


SCHEDULE_EPOCHS = 15
LR0 = 0.1
PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.85, 0.86, 0.87, 0.87, 0.87, 0.8, 0.9, 0.9, 0.9,
                   0.85, 0.85, 0.8, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9, 0.9]


def run_schedule(out, name, make, metrics=None):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=LR0)
    sched = make(opt)
    out.append(",".join(["lr", name, "0", fmt(opt.param_groups[0]["lr"])]))
    epochs = SCHEDULE_EPOCHS if metrics is None else len(metrics)
    for epoch in range(1, epochs + 1):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[epoch - 1])
        out.append(",".join(["lr", name, str(epoch), fmt(opt.param_groups[0]["lr"])]))


def main():
    out = []
    for name, factory, l1, clip in CASES:
        run_case(out, name, factory, l1, clip)
    lr_sched = torch.optim.lr_scheduler
    run_schedule(out, "step_lr", lambda o: lr_sched.StepLR(o, step_size=4, gamma=0.5))
    run_schedule(out, "exponential_lr", lambda o: lr_sched.ExponentialLR(o, gamma=0.8))
    run_schedule(out, "cosine_lr", lambda o: lr_sched.CosineAnnealingLR(o, T_max=10, eta_min=0.001))
    run_schedule(out, "plateau_default", lambda o: lr_sched.ReduceLROnPlateau(o), PLATEAU_METRICS)
    run_schedule(out, "plateau", lambda o: lr_sched.ReduceLROnPlateau(
        o, factor=0.5, patience=2, threshold=0.01, cooldown=1, min_lr=0.02), PLATEAU_METRICS)
    run_schedule(out, "plateau_max_abs", lambda o: lr_sched.ReduceLROnPlateau(
        o, mode="max", factor=0.3, patience=1, threshold=0.02, threshold_mode="abs"), PLATEAU_METRICS)
    # the course's exponential decay with a step: lr0 * rate^(epoch / step), no torch equivalent
    for epoch in range(0, SCHEDULE_EPOCHS + 1):
        out.append(",".join(["lr", "exponential_lr_step3", str(epoch), fmt(LR0 * 0.5 ** (epoch / 3))]))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.csv")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", len(out), "lines to", path)


if __name__ == "__main__":
    main()
