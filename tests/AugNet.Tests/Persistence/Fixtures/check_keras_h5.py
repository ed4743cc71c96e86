"""Interop check (not CI; needs Debian's python3-h5py and numpy): reads a model .h5 the way Keras's
load_model_from_hdf5 does (model_config JSON, model_weights/layer_names, per-layer weight_names resolved as relative
paths) with h5py only, runs an independent NumPy forward pass with Keras's semantics, and compares it with the
predictions AugNet wrote.
Usage: /usr/bin/python3 check_keras_h5.py MODEL.h5 X.npy Y.npy"""
import json, sys
import h5py
import numpy as np


def decode(v):
    return v.decode("utf8") if hasattr(v, "decode") else v  # Keras's own rule since tf.keras 2.5


def same_pads(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv2d(x, w, b, stride, padding):
    kh, kw, _, f = w.shape
    if padding == "same":
        (t, bo), (l, r) = same_pads(x.shape[1], kh, stride[0]), same_pads(x.shape[2], kw, stride[1])
        x = np.pad(x, ((0, 0), (t, bo), (l, r), (0, 0)))
    oh = (x.shape[1] - kh) // stride[0] + 1
    ow = (x.shape[2] - kw) // stride[1] + 1
    y = np.zeros((x.shape[0], oh, ow, f))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, i * stride[0]:i * stride[0] + kh, j * stride[1]:j * stride[1] + kw, :]
            y[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return y + (b if b is not None else 0)


def maxpool(x, p, s):
    oh, ow = (x.shape[1] - p[0]) // s[0] + 1, (x.shape[2] - p[1]) // s[1] + 1
    y = np.empty((x.shape[0], oh, ow, x.shape[3]))
    for i in range(oh):
        for j in range(ow):
            y[:, i, j, :] = x[:, i * s[0]:i * s[0] + p[0], j * s[1]:j * s[1] + p[1], :].max(axis=(1, 2))
    return y


def act(name, x):
    if name == "relu": return np.maximum(x, 0)
    if name == "sigmoid": return 1 / (1 + np.exp(-x))
    if name == "tanh": return np.tanh(x)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True)); return e / e.sum(axis=-1, keepdims=True)
    assert name == "linear", name
    return x


def main(model_path, x_path, y_path):
    f = h5py.File(model_path, "r")
    print("root attrs:", sorted(f.attrs.keys()), "keras_version", decode(f.attrs["keras_version"]))
    config = json.loads(decode(f.attrs["model_config"]))
    training = json.loads(decode(f.attrs["training_config"])) if "training_config" in f.attrs else None
    print("model class:", config["class_name"], "| training_config optimizer:", training and training["optimizer_config"])
    mw = f["model_weights"]
    names = [decode(n) for n in mw.attrs["layer_names"]]
    weights = {}
    for n in names:
        wn = [decode(w) for w in mw[n].attrs.get("weight_names", [])]
        if len(wn):
            weights[n] = [np.asarray(mw[n][w]) for w in wn]
            print(f"  {n}: " + ", ".join(f"{w} {weights[n][i].dtype}{weights[n][i].shape}" for i, w in enumerate(wn)))
    x = np.load(x_path).astype(np.float64)
    for layer in config["config"]["layers"]:
        c, cls = layer["config"], layer["class_name"]
        w = weights.get(c["name"])
        if cls == "InputLayer" or cls == "Dropout": continue
        if cls == "Conv2D": x = act(c["activation"], conv2d(x, w[0], w[1] if c["use_bias"] else None, c["strides"], c["padding"]))
        elif cls == "MaxPooling2D": x = maxpool(x, c["pool_size"], c["strides"])
        elif cls == "Flatten": x = x.reshape(len(x), -1)          # C order of NHWC: Keras's (h, w, c)
        elif cls == "Dense": x = act(c["activation"], x @ w[0] + (w[1] if c["use_bias"] else 0))
        elif cls == "GlobalAveragePooling2D": x = x.mean(axis=(1, 2))
        elif cls == "BatchNormalization": x = (x - w[2]) / np.sqrt(w[3] + c["epsilon"]) * w[0] + w[1]
        elif cls == "Activation": x = act(c["activation"], x)
        elif cls == "Rescaling": x = x * c["scale"] + c["offset"]
        else: raise SystemExit(f"layer class {cls} not in this checker")
    y = np.load(y_path)
    diff = np.abs(x - y).max()
    print(f"outputs {y.shape}; max |NumPy - AugNet| = {diff:.3g}")
    sys.exit(0 if diff <= 1e-5 else 1)


if __name__ == "__main__":
    main(*sys.argv[1:4])
