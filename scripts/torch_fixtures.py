#!/usr/bin/python3
"""Write PyTorch reference fixtures for the Go package lstm/.

Run from the repository root (needs Debian's python3-torch, 1.13):

    /usr/bin/python3 scripts/torch_fixtures.py            # writes lstm/testdata/torch_*.json

Everything is float64 (torch.float64) and seeded, so the output is
reproducible. The Go tests (lstm/torch_test.go) read the files and need no
Python. Files written:

  torch_lstm_<name>.json  nn.LSTM(batch_first=True) + nn.Linear head: weights
                          under nn.LSTM's names (head.weight, head.bias for
                          the head), input x, initial states h0/c0, outputs of
                          every step, final states, head output, the loss and
                          the gradient of every parameter, of x, h0 and c0.
                          loss = MSE(head(out[:, -1]), y) + Σ out·r_out
                                 + Σ h_n·r_h + Σ c_n·r_c
                          (the r_* terms exercise every incoming gradient).
  torch_lnlstm_<name>.json the same for a LayerNorm-LSTM (Ba et al. 2016)
                          written out with torch ops (PyTorch has no such
                          module): a = LN_ih(W_ih x) + LN_hh(W_hh h) + b_ih
                          + b_hh, h = o*tanh(LN_c(c)), LN over the last
                          dimension with eps 1e-5 and gain/bias per element.
  torch32_lstm_<name>.json the shapes of torch_lstm_*, data drawn as there
                          and rounded to float32, run by torch in float32:
                          the same outputs, loss and gradients, plus one
                          training step as lstm.Trainer.Step takes it (zero
                          initial states, MSE of the head, clip_grad_norm_ at
                          1, Adam lr 0.01): its loss, gradient norm and the
                          weights after it. "ref64" holds the same
                          quantities computed in float64 from the same
                          float32-rounded inputs, so the test can state the
                          error float32 itself makes.
  torch_optim.json        three steps of torch.optim SGD (momentum), Adam,
                          AdamW and RMSprop (with and without momentum) on
                          fixed gradients, and clip_grad_norm_ /
                          clip_grad_value_ results.
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join("lstm", "testdata")

# (name, input I, hidden H, layers L, output O, batch B, steps T)
SHAPES = [
    ("l1_i1_h4", 1, 4, 1, 3, 3, 5),
    ("l2_i3_h5", 3, 5, 2, 2, 2, 6),
    ("l3_i2_h3", 2, 3, 3, 4, 4, 4),
    ("l1_i4_h16", 4, 16, 1, 12, 5, 10),
    ("l2_i1_h8_t24", 1, 8, 2, 12, 4, 24),
]


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def lstm_fixture(name, I, H, L, O, B, T, seed):
    torch.manual_seed(seed)
    lstm = torch.nn.LSTM(I, H, L, batch_first=True)
    head = torch.nn.Linear(H, O)
    with torch.no_grad():
        for p in list(lstm.parameters()) + list(head.parameters()):
            p.uniform_(-0.6, 0.6)
    x = (torch.rand(B, T, I) * 4 - 2).requires_grad_()
    h0 = (torch.rand(L, B, H) - 0.5).requires_grad_()
    c0 = (torch.rand(L, B, H) - 0.5).requires_grad_()
    y = torch.rand(B, O) * 2 - 1
    r_out = (torch.rand(B, T, H) - 0.5) * 0.2
    r_h = (torch.rand(L, B, H) - 0.5) * 0.2
    r_c = (torch.rand(L, B, H) - 0.5) * 0.2
    out, (hn, cn) = lstm(x, (h0, c0))
    yhat = head(out[:, -1, :])
    mse = torch.nn.functional.mse_loss(yhat, y)
    loss = mse + (out * r_out).sum() + (hn * r_h).sum() + (cn * r_c).sum()
    loss.backward()
    params, grads = {}, {}
    for n, p in lstm.named_parameters():
        params[n] = flat(p)
        grads[n] = flat(p.grad)
    for n, p in head.named_parameters():
        params["head." + n] = flat(p)
        grads["head." + n] = flat(p.grad)
    return {
        "name": name, "torch": torch.__version__,
        "input_size": I, "hidden_size": H, "layers": L, "output_size": O,
        "batch": B, "steps": T,
        "params": params,
        "x": flat(x), "h0": flat(h0), "c0": flat(c0), "y": flat(y),
        "r_out": flat(r_out), "r_h": flat(r_h), "r_c": flat(r_c),
        "out": flat(out), "h_n": flat(hn), "c_n": flat(cn), "head": flat(yhat),
        "mse": float(mse), "loss": float(loss),
        "grads": grads,
        "grad_x": flat(x.grad), "grad_h0": flat(h0.grad), "grad_c0": flat(c0.grad),
    }


def lstm32_fixture(name, I, H, L, O, B, T, seed):
    """torch_lstm_<name> in float32, with one training step; see the docstring."""
    torch.manual_seed(seed)
    lstm = torch.nn.LSTM(I, H, L, batch_first=True)
    head = torch.nn.Linear(H, O)
    with torch.no_grad():
        for p in list(lstm.parameters()) + list(head.parameters()):
            p.uniform_(-0.6, 0.6)
    data = dict(
        x=torch.rand(B, T, I) * 4 - 2, h0=torch.rand(L, B, H) - 0.5, c0=torch.rand(L, B, H) - 0.5,
        y=torch.rand(B, O) * 2 - 1, r_out=(torch.rand(B, T, H) - 0.5) * 0.2,
        r_h=(torch.rand(L, B, H) - 0.5) * 0.2, r_c=(torch.rand(L, B, H) - 0.5) * 0.2)
    data = {k: v.float() for k, v in data.items()}
    init = {n: p.detach().float() for n, p in lstm.named_parameters()}
    init.update({"head." + n: p.detach().float() for n, p in head.named_parameters()})

    def run(dtype):
        lstm_d = torch.nn.LSTM(I, H, L, batch_first=True).to(dtype)
        head_d = torch.nn.Linear(H, O).to(dtype)
        with torch.no_grad():
            for n, p in lstm_d.named_parameters():
                p.copy_(init[n])
            for n, p in head_d.named_parameters():
                p.copy_(init["head." + n])
        d = {k: v.to(dtype) for k, v in data.items()}
        x = d["x"].clone().requires_grad_()
        h0 = d["h0"].clone().requires_grad_()
        c0 = d["c0"].clone().requires_grad_()
        out, (hn, cn) = lstm_d(x, (h0, c0))
        yhat = head_d(out[:, -1, :])
        mse = torch.nn.functional.mse_loss(yhat, d["y"])
        loss = mse + (out * d["r_out"]).sum() + (hn * d["r_h"]).sum() + (cn * d["r_c"]).sum()
        loss.backward()
        named = [(n, p) for n, p in lstm_d.named_parameters()] + \
                [("head." + n, p) for n, p in head_d.named_parameters()]
        res = {
            "out": flat(out), "h_n": flat(hn), "c_n": flat(cn), "head": flat(yhat),
            "mse": float(mse), "loss": float(loss),
            "grads": {n: flat(p.grad) for n, p in named},
            "grad_x": flat(x.grad), "grad_h0": flat(h0.grad), "grad_c0": flat(c0.grad),
        }
        # one training step as lstm.Trainer.Step takes it
        params = [p for _, p in named]
        for p in params:
            p.grad = None
        opt = torch.optim.Adam(params, lr=0.01)
        out, _ = lstm_d(d["x"])
        step_loss = torch.nn.functional.mse_loss(head_d(out[:, -1, :]), d["y"])
        step_loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        res.update({"step_loss": float(step_loss), "step_grad_norm": float(norm),
                    "step_params": {n: flat(p) for n, p in named}})
        return res

    fixture = {
        "name": name, "torch": torch.__version__, "dtype": "float32",
        "input_size": I, "hidden_size": H, "layers": L, "output_size": O,
        "batch": B, "steps": T,
        "params": {n: flat(p) for n, p in init.items()},
    }
    fixture.update({k: flat(v) for k, v in data.items()})
    fixture.update(run(torch.float32))
    fixture["ref64"] = run(torch.float64)
    return fixture


LN_SHAPES = [
    ("l1_i2_h4", 2, 4, 1, 3, 3, 5),
    ("l2_i1_h6", 1, 6, 2, 2, 2, 7),
]


def layer_norm(z, g, b):
    mu = z.mean(-1, keepdim=True)
    var = z.var(-1, unbiased=False, keepdim=True)
    return (z - mu) / torch.sqrt(var + 1e-5) * g + b


def lnlstm_fixture(name, I, H, L, O, B, T, seed):
    torch.manual_seed(seed)
    names, params = [], {}

    def param(n, *shape, lo=-0.6, hi=0.6):
        p = (torch.rand(*shape) * (hi - lo) + lo).requires_grad_()
        names.append(n)
        params[n] = p
        return p

    layers = []
    for k in range(L):
        inp = I if k == 0 else H
        layers.append(dict(
            wih=param("weight_ih_l%d" % k, 4 * H, inp), whh=param("weight_hh_l%d" % k, 4 * H, H),
            bih=param("bias_ih_l%d" % k, 4 * H), bhh=param("bias_hh_l%d" % k, 4 * H),
            gx=param("ln_ih_l%d.weight" % k, 4 * H, lo=0.5, hi=1.5), bx=param("ln_ih_l%d.bias" % k, 4 * H, lo=-0.2, hi=0.2),
            gh=param("ln_hh_l%d.weight" % k, 4 * H, lo=0.5, hi=1.5), bh=param("ln_hh_l%d.bias" % k, 4 * H, lo=-0.2, hi=0.2),
            gc=param("ln_c_l%d.weight" % k, H, lo=0.5, hi=1.5), bc=param("ln_c_l%d.bias" % k, H, lo=-0.2, hi=0.2),
        ))
    hw = param("head.weight", O, H)
    hb = param("head.bias", O)
    x = (torch.rand(B, T, I) * 4 - 2).requires_grad_()
    h0 = (torch.rand(L, B, H) - 0.5).requires_grad_()
    c0 = (torch.rand(L, B, H) - 0.5).requires_grad_()
    y = torch.rand(B, O) * 2 - 1
    r_out = (torch.rand(B, T, H) - 0.5) * 0.2
    r_h = (torch.rand(L, B, H) - 0.5) * 0.2
    r_c = (torch.rand(L, B, H) - 0.5) * 0.2
    inp, hn, cn = x, [], []
    for k, p in enumerate(layers):
        h, c, outs = h0[k], c0[k], []
        for t in range(T):
            a = (layer_norm(inp[:, t] @ p["wih"].t(), p["gx"], p["bx"])
                 + layer_norm(h @ p["whh"].t(), p["gh"], p["bh"]) + p["bih"] + p["bhh"])
            i, f, g, o = a.chunk(4, dim=1)
            i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            c = f * c + i * g
            h = o * torch.tanh(layer_norm(c, p["gc"], p["bc"]))
            outs.append(h)
        inp = torch.stack(outs, 1)
        hn.append(h)
        cn.append(c)
    out, hn, cn = inp, torch.stack(hn), torch.stack(cn)
    yhat = out[:, -1] @ hw.t() + hb
    mse = torch.nn.functional.mse_loss(yhat, y)
    loss = mse + (out * r_out).sum() + (hn * r_h).sum() + (cn * r_c).sum()
    loss.backward()
    return {
        "name": "ln_" + name, "torch": torch.__version__, "layer_norm": True,
        "input_size": I, "hidden_size": H, "layers": L, "output_size": O,
        "batch": B, "steps": T,
        "params": {n: flat(params[n]) for n in names},
        "x": flat(x), "h0": flat(h0), "c0": flat(c0), "y": flat(y),
        "r_out": flat(r_out), "r_h": flat(r_h), "r_c": flat(r_c),
        "out": flat(out), "h_n": flat(hn), "c_n": flat(cn), "head": flat(yhat),
        "mse": float(mse), "loss": float(loss),
        "grads": {n: flat(params[n].grad) for n in names},
        "grad_x": flat(x.grad), "grad_h0": flat(h0.grad), "grad_c0": flat(c0.grad),
    }


def optim_fixture():
    torch.manual_seed(99)
    n = 24
    p0 = torch.rand(n) * 2 - 1
    gs = [torch.randn(n) * s for s in (1.0, 0.5, 2.0)]
    cases = [
        {"kind": "sgd", "lr": 0.1, "momentum": 0.0, "weight_decay": 0.0},
        {"kind": "sgd", "lr": 0.05, "momentum": 0.9, "weight_decay": 0.01},
        {"kind": "adam", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
        {"kind": "adam", "lr": 0.003, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1},
        {"kind": "adamw", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
        {"kind": "rmsprop", "lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0},
        {"kind": "rmsprop", "lr": 0.002, "alpha": 0.9, "eps": 1e-7, "momentum": 0.5, "weight_decay": 0.05},
    ]
    for c in cases:
        p = p0.clone().requires_grad_()
        k = c["kind"]
        if k == "sgd":
            opt = torch.optim.SGD([p], lr=c["lr"], momentum=c["momentum"], weight_decay=c["weight_decay"])
        elif k == "adam":
            opt = torch.optim.Adam([p], lr=c["lr"], betas=(c["beta1"], c["beta2"]), eps=c["eps"], weight_decay=c["weight_decay"])
        elif k == "adamw":
            opt = torch.optim.AdamW([p], lr=c["lr"], betas=(c["beta1"], c["beta2"]), eps=c["eps"], weight_decay=c["weight_decay"])
        else:
            opt = torch.optim.RMSprop([p], lr=c["lr"], alpha=c["alpha"], eps=c["eps"], momentum=c["momentum"], weight_decay=c["weight_decay"])
        after = []
        for g in gs:
            p.grad = g.clone()
            opt.step()
            after.append(flat(p))
        c["after"] = after
    clips = []
    for max_norm in (0.5, 100.0):
        a, b = gs[0].clone()[:10], gs[2].clone()[10:]
        pa, pb = torch.zeros(10, requires_grad=True), torch.zeros(n - 10, requires_grad=True)
        pa.grad, pb.grad = a, b
        total = torch.nn.utils.clip_grad_norm_([pa, pb], max_norm)
        clips.append({"mode": "norm", "max": max_norm, "grad": flat(torch.cat([gs[0][:10], gs[2][10:]])),
                      "norm": float(total), "clipped": flat(torch.cat([pa.grad, pb.grad]))})
    pv = torch.zeros(n, requires_grad=True)
    pv.grad = gs[2].clone()
    torch.nn.utils.clip_grad_value_([pv], 1.0)
    clips.append({"mode": "value", "max": 1.0, "grad": flat(gs[2]), "norm": float(gs[2].norm()), "clipped": flat(pv.grad)})
    return {"torch": torch.__version__, "p0": flat(p0), "grads": [flat(g) for g in gs], "cases": cases, "clips": clips}


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path)


def main():
    os.makedirs(OUT, exist_ok=True)
    for i, (name, I, H, L, O, B, T) in enumerate(SHAPES):
        write("torch_lstm_%s.json" % name, lstm_fixture(name, I, H, L, O, B, T, seed=1000 + i))
    for i, (name, I, H, L, O, B, T) in enumerate(LN_SHAPES):
        write("torch_lnlstm_%s.json" % name, lnlstm_fixture(name, I, H, L, O, B, T, seed=2000 + i))
    for i, (name, I, H, L, O, B, T) in enumerate(SHAPES):
        write("torch32_lstm_%s.json" % name, lstm32_fixture(name, I, H, L, O, B, T, seed=1000 + i))
    write("torch_optim.json", optim_fixture())


if __name__ == "__main__":
    main()
