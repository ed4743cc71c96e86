"""Writes small model files the way Keras itself writes them, with h5py (no TensorFlow or Keras is installable here),
following the writer code paths of spec/keras-model-format.md §1.2–1.6 and §3, plus the outputs a NumPy forward pass with
Keras's semantics (channels_last, HWIO kernels, TF 'same' padding, H,W,C flatten order) gives on a fixed input.
Run with /usr/bin/python3 (Debian's h5py 3.7, numpy). Re-running rewrites the files bit for bit (fixed seeds)."""
import json, zipfile, io
import numpy as np
import h5py

rng = np.random.RandomState(7)
OUT = "."


def dumps(obj):
    return json.dumps(obj)  # Keras: json.dumps(default=get_json_type), then .encode('utf8')


# ---- NumPy reference forward (Keras semantics) ----
def relu(x): return np.maximum(x, 0)
def sigmoid(x): return 1 / (1 + np.exp(-x))
def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True)); return e / e.sum(axis=-1, keepdims=True)
ACT = {"relu": relu, "sigmoid": sigmoid, "softmax": softmax, "linear": lambda x: x, "tanh": np.tanh}


def same_pads(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv2d(x, w, b, stride, padding):
    n, h, wd, c = x.shape
    kh, kw, _, f = w.shape
    if padding == "same":
        (t, bo), (l, r) = same_pads(h, kh, stride), same_pads(wd, kw, stride)
        x = np.pad(x, ((0, 0), (t, bo), (l, r), (0, 0)))
    oh = (x.shape[1] - kh) // stride + 1
    ow = (x.shape[2] - kw) // stride + 1
    y = np.zeros((n, oh, ow, f), np.float64)
    for i in range(oh):
        for j in range(ow):
            patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
            y[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return y + b


def maxpool(x, p):
    n, h, w, c = x.shape
    oh, ow = h // p, w // p
    return x[:, :oh * p, :ow * p, :].reshape(n, oh, p, ow, p, c).max(axis=(2, 4))


def bn(x, g, b, m, v, eps):
    return (x - m) / np.sqrt(v + eps) * g + b


def initializer(name):
    return {"module": "keras.initializers", "class_name": name, "config": {"seed": None} if name == "GlorotUniform" else {}, "registered_name": None}


def dense_cfg(name, units, act, first_shape=None):
    c = {"name": name, "trainable": True, "dtype": "float32"}
    if first_shape: c["batch_input_shape"] = first_shape
    c.update({"units": units, "activation": act, "use_bias": True, "kernel_initializer": initializer("GlorotUniform"),
              "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
              "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None})
    return c


def write_weights(g, layers, name_style, fixed_length=False):
    """layers: list of (layer_name, [(var, array)]). name_style(layer, var) gives the weight_names entry."""
    names = [n for n, _ in layers]
    g.attrs["layer_names"] = np.array([n.encode() for n in names], dtype="S") if fixed_length else [n.encode("utf8") for n in names]
    g.attrs["backend"] = b"tensorflow"
    g.attrs["keras_version"] = b"2.15.0"
    for lname, vars_ in layers:
        lg = g.create_group(lname)
        wn = [name_style(lname, v).encode("utf8") for v, _ in vars_]
        lg.attrs["weight_names"] = (np.array(wn, dtype="S") if fixed_length else wn) if wn else []
        for (v, arr), full in zip(vars_, wn):
            ds = lg.create_dataset(full.decode(), arr.shape, dtype=arr.dtype)
            ds[:] = arr


def f32(*shape, scale=0.5):
    return (rng.uniform(-1, 1, size=shape) * scale).astype(np.float32)


cases = {}

# 1. Keras 2.15 (h5py 3): Dense-only model on vectors with BatchNormalization and tanh; Custom>Adam training config.
k1, b1 = f32(5, 4), f32(4)
g, be, mm, mv = f32(4) + 1, f32(4), f32(4), np.abs(f32(4)) + 0.5
k2, b2 = f32(4, 3), f32(3)
x = f32(6, 5, scale=2)
y = softmax(np.tanh(bn(x @ k1 + b1, g, be, mm, mv, 1e-3)) @ k2 + b2)
with h5py.File(f"{OUT}/keras215_dense_bn.h5", "w") as f:
    f.attrs["keras_version"] = "2.15.0"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = dumps({"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 5], "dtype": "float32", "sparse": False, "ragged": False, "name": "dense_input"}},
        {"class_name": "Dense", "config": dense_cfg("dense", 4, "linear", [None, 5])},
        {"class_name": "BatchNormalization", "config": {"name": "batch_normalization", "trainable": True, "dtype": "float32", "axis": [1], "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
            "beta_initializer": initializer("Zeros"), "gamma_initializer": initializer("Ones"), "moving_mean_initializer": initializer("Zeros"), "moving_variance_initializer": initializer("Ones"),
            "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}},
        {"class_name": "Activation", "config": {"name": "activation", "trainable": True, "dtype": "float32", "activation": "tanh"}},
        {"class_name": "Dense", "config": dense_cfg("dense_1", 3, "softmax")}]}}).encode("utf8")
    f.attrs["training_config"] = dumps({"loss": "categorical_crossentropy", "metrics": [[{"class_name": "MeanMetricWrapper", "config": {"name": "accuracy", "dtype": "float32", "fn": "categorical_accuracy"}}]],
        "weighted_metrics": None, "loss_weights": None, "optimizer_config": {"class_name": "Custom>Adam", "config": {"name": "Adam", "weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None,
        "use_ema": False, "ema_momentum": 0.99, "ema_overwrite_frequency": None, "jit_compile": False, "is_legacy_optimizer": False, "learning_rate": 0.0005000000237487257, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False}}}).encode("utf8")
    mw = f.create_group("model_weights")
    write_weights(mw, [("dense", [("kernel", k1), ("bias", b1)]), ("batch_normalization", [("gamma", g), ("beta", be), ("moving_mean", mm), ("moving_variance", mv)]),
                       ("activation", []), ("dense_1", [("kernel", k2), ("bias", b2)])], lambda l, v: f"{l}/{v}:0")
    mw.create_group("top_level_model_weights").attrs["weight_names"] = []
    # Keras writes optimizer_weights when it has them; readers skip it.
    ow = f.create_group("optimizer_weights")
    ow.attrs["weight_names"] = [b"iteration:0"]
    ow.create_dataset("iteration:0", data=np.int64(12))
cases["keras215_dense_bn"] = (x, y)

# 2. Standalone Keras 2.0-style (h5py 2 encodings): list-form config, no InputLayer, fixed-length name arrays,
#    an 'lr' optimizer key, a convnet with 'same' padding and stride 2, Flatten then Dense (flatten order matters).
ck, cb = f32(3, 3, 2, 4), f32(4)
dk, db = f32(3 * 3 * 4, 2), f32(2)
x = f32(3, 6, 6, 2, scale=2)
h = relu(conv2d(x, ck, cb, 2, "same"))          # 6x6 -> 3x3
y = sigmoid(h.reshape(len(x), -1) @ dk + db)    # C-order reshape of NHWC = Keras's H,W,C flatten
with h5py.File(f"{OUT}/keras20_listconfig_fixedlen.h5", "w") as f:
    f.attrs["keras_version"] = np.bytes_(b"2.0.8")
    f.attrs["backend"] = np.bytes_(b"tensorflow")
    f.attrs["model_config"] = np.bytes_(dumps({"class_name": "Sequential", "config": [
        {"class_name": "Conv2D", "config": {"name": "conv2d_1", "trainable": True, "batch_input_shape": [None, 6, 6, 2], "dtype": "float32", "filters": 4, "kernel_size": [3, 3], "strides": [2, 2], "padding": "same",
            "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu", "use_bias": True, "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}},
        {"class_name": "Flatten", "config": {"name": "flatten_1", "trainable": True}},
        {"class_name": "Dense", "config": {"name": "dense_1", "trainable": True, "units": 2, "activation": "sigmoid", "use_bias": True, "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros",
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}}]}).encode())
    f.attrs["training_config"] = np.bytes_(dumps({"optimizer_config": {"class_name": "RMSprop", "config": {"lr": 0.0010000000474974513, "rho": 0.9, "epsilon": 1e-07, "decay": 0.0}},
        "loss": "binary_crossentropy", "metrics": ["acc"], "sample_weight_mode": None, "loss_weights": None}).encode())
    mw = f.create_group("model_weights")
    write_weights(mw, [("conv2d_1", [("kernel", ck), ("bias", cb)]), ("flatten_1", []), ("dense_1", [("kernel", dk), ("bias", db)])], lambda l, v: f"{l}/{v}:0", fixed_length=True)
cases["keras20_listconfig_fixedlen"] = (x, y)

# 3. Keras 3.x legacy-h5 writer: a Functional chain with Keras 3 inbound nodes, batch_shape, DTypePolicy dicts,
#    function-dict activations, weight paths named by variable path (3.3+), float64 weights to convert.
ck, cb = f32(3, 3, 1, 3), f32(3)
g, be, mm, mv = f32(3) + 1, f32(3), f32(3), np.abs(f32(3)) + 0.5
dk, db = f32(3, 2), f32(2)
x = f32(2, 8, 8, 1, scale=2)
h = conv2d(x, ck, cb, 1, "valid")                 # 8 -> 6
h = relu(bn(h, g, be, mm, mv, 1e-3))
h = maxpool(h, 2)                                  # 6 -> 3
h = h.mean(axis=(1, 2))                            # GlobalAveragePooling2D
y = softmax(h @ dk + db)
policy = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}
def node(prev):
    return [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [None], "dtype": "float32", "keras_history": [prev, 0, 0]}}], "kwargs": {}}]
with h5py.File(f"{OUT}/keras3_functional_chain.h5", "w") as f:
    f.attrs["keras_version"] = "3.6.0"
    f.attrs["backend"] = "jax"
    f.attrs["model_config"] = dumps({"class_name": "Functional", "config": {"name": "functional", "trainable": True, "layers": [
        {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 8, 8, 1], "dtype": "float32", "sparse": False, "name": "input_layer"}, "registered_name": None, "name": "input_layer", "inbound_nodes": []},
        {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "trainable": True, "dtype": policy, "filters": 3, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
            "activation": "linear", "use_bias": True, "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None}, "registered_name": None}, "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": None},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}, "registered_name": None, "build_config": {"input_shape": [None, 8, 8, 1]}, "name": "conv2d", "inbound_nodes": node("input_layer")},
        {"module": "keras.layers", "class_name": "BatchNormalization", "config": {"name": "batch_normalization", "trainable": True, "dtype": policy, "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
            "beta_initializer": initializer("Zeros"), "gamma_initializer": initializer("Ones"), "moving_mean_initializer": initializer("Zeros"), "moving_variance_initializer": initializer("Ones"), "beta_regularizer": None, "gamma_regularizer": None,
            "beta_constraint": None, "gamma_constraint": None, "synchronized": False}, "registered_name": None, "build_config": {"input_shape": [None, 6, 6, 3]}, "name": "batch_normalization", "inbound_nodes": node("conv2d")},
        {"module": "keras.layers", "class_name": "Activation", "config": {"name": "activation", "trainable": True, "dtype": policy, "activation": {"module": "keras.activations", "class_name": "function", "config": "relu", "registered_name": "function"}}, "registered_name": None, "name": "activation", "inbound_nodes": node("batch_normalization")},
        {"module": "keras.layers", "class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "trainable": True, "dtype": policy, "pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}, "registered_name": None, "name": "max_pooling2d", "inbound_nodes": node("activation")},
        {"module": "keras.layers", "class_name": "GlobalAveragePooling2D", "config": {"name": "global_average_pooling2d", "trainable": True, "dtype": policy, "data_format": "channels_last", "keepdims": False}, "registered_name": None, "name": "global_average_pooling2d", "inbound_nodes": node("max_pooling2d")},
        {"module": "keras.layers", "class_name": "Dense", "config": dict(dense_cfg("dense", 2, "softmax"), dtype=policy), "registered_name": None, "build_config": {"input_shape": [None, 3]}, "name": "dense", "inbound_nodes": node("global_average_pooling2d")}],
        "input_layers": [["input_layer", 0, 0]], "output_layers": [["dense", 0, 0]]}}).encode("utf8")
    mw = f.create_group("model_weights")
    write_weights(mw, [("conv2d", [("kernel", ck.astype(np.float64)), ("bias", cb.astype(np.float64))]),
                       ("batch_normalization", [("gamma", g), ("beta", be), ("moving_mean", mm), ("moving_variance", mv)]),
                       ("activation", []), ("max_pooling2d", []), ("global_average_pooling2d", []), ("dense", [("kernel", dk), ("bias", db)])],
                  lambda l, v: f"functional/{l}/{v}")
cases["keras3_functional_chain"] = (x, y)

# 4. A Keras 3 .keras archive (ZIP_STORED): config.json in the new format, model.weights.h5 with layers/<snake>/vars/<i>.
ck, cb = f32(3, 3, 3, 2), f32(2)
dk, db = f32(2 * 2 * 2, 1), f32(1)
x = f32(2, 6, 6, 3, scale=2) * 127 + 127
h = relu(conv2d(x * np.float32(1 / 255), ck, cb, 1, "valid"))  # Rescaling then 6 -> 4
h = maxpool(h, 2)                                                # 4 -> 2
y = sigmoid(h.reshape(len(x), -1) @ dk + db)
config = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": True, "dtype": policy, "layers": [
    {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 6, 6, 3], "dtype": "float32", "sparse": False, "name": "input_layer"}, "registered_name": None},
    {"module": "keras.layers", "class_name": "Rescaling", "config": {"name": "rescaling", "trainable": True, "dtype": policy, "scale": 1 / 255, "offset": 0.0}, "registered_name": None},
    {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "trainable": True, "dtype": policy, "filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": True,
        "kernel_initializer": initializer("GlorotUniform"), "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}, "registered_name": None, "build_config": {"input_shape": [None, 6, 6, 3]}},
    {"module": "keras.layers", "class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "trainable": True, "dtype": policy, "pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}, "registered_name": None},
    {"module": "keras.layers", "class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": policy, "data_format": "channels_last"}, "registered_name": None, "build_config": {"input_shape": [None, 2, 2, 2]}},
    {"module": "keras.layers", "class_name": "Dropout", "config": {"name": "dropout", "trainable": True, "dtype": policy, "rate": 0.5, "seed": None, "noise_shape": None}, "registered_name": None},
    {"module": "keras.layers", "class_name": "Dense", "config": dict(dense_cfg("dense", 1, "sigmoid"), dtype=policy), "registered_name": None, "build_config": {"input_shape": [None, 8]}}]},
    "registered_name": None, "build_config": {"input_shape": [None, 6, 6, 3]},
    "compile_config": {"optimizer": {"module": "keras.optimizers", "class_name": "RMSprop", "config": {"name": "rmsprop", "learning_rate": 0.0001, "weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
        "ema_overwrite_frequency": None, "loss_scale_factor": None, "gradient_accumulation_steps": None, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-07, "centered": False}, "registered_name": None},
        "loss": "binary_crossentropy", "loss_weights": None, "metrics": ["acc"], "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False}}
bio = io.BytesIO()
with h5py.File(bio, "w") as f:
    f.create_group("vars")
    L = f.create_group("layers")
    for name, arrs in [("rescaling", []), ("conv2d", [ck, cb]), ("max_pooling2d", []), ("flatten", []), ("dropout", []), ("dense", [dk, db])]:
        v = L.create_group(name).create_group("vars")
        v.attrs["name"] = name
        for i, a in enumerate(arrs): v.create_dataset(str(i), data=a)
    o = f.create_group("optimizer").create_group("vars")
    o.create_dataset("0", data=np.int64(3))
with zipfile.ZipFile(f"{OUT}/keras3_sequential.keras", "w") as z:
    z.writestr(zipfile.ZipInfo("metadata.json", (2024, 1, 1, 0, 0, 0)), json.dumps({"keras_version": "3.6.0", "date_saved": "2024-01-01@00:00:00"}))
    z.writestr(zipfile.ZipInfo("config.json", (2024, 1, 1, 0, 0, 0)), json.dumps(config))
    z.writestr(zipfile.ZipInfo("model.weights.h5", (2024, 1, 1, 0, 0, 0)), bio.getvalue())
cases["keras3_sequential"] = (x, y)

for name, (x, y) in cases.items():
    np.save(f"{OUT}/{name}_x.npy", x.astype(np.float32))
    np.save(f"{OUT}/{name}_y.npy", y.astype(np.float32))
    print(name, x.shape, "->", y.shape)
