#!/usr/bin/python3
"""Forward/backward/RMSprop-step fixture of the book's convnet (Deep Learning with Python 5.2), made once with PyTorch.

The model is the book's (Conv2D 32-64-128-128 3x3 ReLU, each followed by 2x2 max pooling, Flatten, Dropout 0.5,
Dense 512 ReLU, Dense 1 sigmoid) on a reduced 62x62x3 input (flatten = 2*2*128 = 512) with batch 2, dropout off.
Weights and inputs are not stored: both sides generate them from the same integer formula (see `values`), in
Keras layouts (conv kernel (KH, KW, Cin, Cout), dense kernel (in, out), NHWC input), and this script converts them
to PyTorch's layouts. Stored: logits (2, 1), the binary cross-entropy loss, every parameter's gradient and its value
after one RMSprop(lr=1e-4, rho=0.9, eps=1e-7) step, in Keras layout, sampled every `stride(n)` elements.
Run from this folder: /usr/bin/python3 make_book_model_fixture.py
"""
import numpy as np
import torch
import torch.nn.functional as F

SIZE, BATCH = 62, 2
CONVS = [(3, 32), (32, 64), (64, 128), (128, 128)]


def values(n, k, scale):
    i = np.arange(n, dtype=np.uint64)
    v = (i * np.uint64(2654435761) + np.uint64(12345 * (k + 1))) % np.uint64(2 ** 32)
    return ((v.astype(np.float64) / 2.0 ** 32 - 0.5) * scale).astype(np.float32)


def stride(n):
    return max(1, n // 1000)


def keras_params():
    shapes = []
    for cin, cout in CONVS:
        shapes += [(3, 3, cin, cout), (cout,)]
    shapes += [(2 * 2 * 128, 512), (512,), (512, 1), (1,)]
    params = []
    for k, s in enumerate(shapes):
        n = int(np.prod(s))
        if len(s) > 1:
            recept = int(np.prod(s[:-2])) if len(s) > 2 else 1
            limit = np.sqrt(6.0 / (recept * s[-2] + recept * s[-1]))
            params.append(values(n, k, 2.0 * limit).reshape(s))
        else:
            params.append(values(n, k, 0.1).reshape(s))
    return params


def main():
    torch.set_num_threads(1)
    kp = keras_params()
    x = values(BATCH * SIZE * SIZE * 3, 99, 1.0).reshape(BATCH, SIZE, SIZE, 3) + np.float32(0.5)
    y = torch.tensor([[1.0], [0.0]])
    tp = []
    for j, p in enumerate(kp):
        t = torch.tensor(p)
        if p.ndim == 4:
            t = t.permute(3, 2, 0, 1).contiguous()
        elif p.ndim == 2:
            t = t.t().contiguous()
        tp.append(t.requires_grad_(True))
    h = torch.tensor(x).permute(0, 3, 1, 2)
    for c in range(4):
        h = F.max_pool2d(F.relu(F.conv2d(h, tp[2 * c], tp[2 * c + 1])), 2)
    h = h.permute(0, 2, 3, 1).reshape(BATCH, -1)
    h = F.relu(F.linear(h, tp[8], tp[9]))
    logits = F.linear(h, tp[10], tp[11])
    loss = F.binary_cross_entropy_with_logits(logits, y)
    loss.backward()
    opt = torch.optim.RMSprop(tp, lr=1e-4, alpha=0.9, eps=1e-7)
    grads = [t.grad.detach().clone() for t in tp]
    opt.step()

    def keras_layout(t, ndim):
        if ndim == 4:
            return t.permute(2, 3, 1, 0).contiguous().numpy()
        if ndim == 2:
            return t.t().contiguous().numpy()
        return t.numpy()

    np.save("book_logits.npy", logits.detach().numpy().astype(np.float32))
    np.save("book_loss.npy", np.array([loss.item()], dtype=np.float64))
    for j, p in enumerate(kp):
        g = keras_layout(grads[j], p.ndim).reshape(-1)
        w = keras_layout(tp[j].detach(), p.ndim).reshape(-1)
        np.save(f"book_grad_{j}.npy", g[::stride(g.size)].astype(np.float32))
        np.save(f"book_after_{j}.npy", w[::stride(w.size)].astype(np.float32))
    print("loss", loss.item(), "logits", logits.detach().numpy().ravel())


if __name__ == "__main__":
    main()
