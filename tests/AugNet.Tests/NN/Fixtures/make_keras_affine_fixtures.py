"""Fixtures for PreprocessingLayerTests: Keras 3's affine_transform sampling (NumPy backend), recomputed with NumPy/SciPy.

Run with the system Python that has NumPy 1.24 and SciPy 1.10.1:  /usr/bin/python3 make_keras_affine_fixtures.py
Keras 3's NumPy backend (keras/src/backend/numpy/image.py) maps output pixel (row i, col j) to the input point
    x' = a0*j + a1*i + a2,  y' = b0*j + b1*i + b2     (float64 coordinates from the float32 transform)
then pads the image with np.pad ('nearest' -> 'edge', 'reflect' -> 'symmetric', 'wrap' -> 'wrap', 'constant' ->
the fill value) far enough to hold every coordinate, and calls scipy.ndimage.map_coordinates on the padded array.
This script follows those steps on its own. It writes, next to itself:
  keras_affine_input.npy      (H, W, C) float32
  keras_affine_transforms.npy (T, 6) float32: a0, a1, a2, b0, b1, b2 (Keras's formulas in float32)
  keras_affine_expected.npy   (T, 4 modes, 2 orders, H, W, C) float32, modes in MODES order, orders 0 (nearest), 1
"""
import os

import numpy as np
import scipy.ndimage as ndi

MODES = ["reflect", "wrap", "constant", "nearest"]
FILL = -7.5
H, W, C = 9, 11, 3
HERE = os.path.dirname(os.path.abspath(__file__))
f32 = np.float32


def rotation(degrees):
    rad = f32(degrees) * f32(np.pi / 180.0)
    cx, cy = f32(0.5) * (f32(W) - f32(1)), f32(0.5) * (f32(H) - f32(1))
    cos, sin = np.cos(rad, dtype=f32), np.sin(rad, dtype=f32)
    a0, a1, b0, b1 = cos, -sin, sin, cos
    return [a0, a1, cx - cx * a0 - cy * a1, b0, b1, cy - cx * b0 - cy * b1]


def zoom(zy, zx):
    zy, zx = f32(zy), f32(zx)
    return [zx, f32(0), ((f32(W) - f32(1)) / f32(2)) * (f32(1) - zx), f32(0), zy, ((f32(H) - f32(1)) / f32(2)) * (f32(1) - zy)]


def translation(dy, dx):
    return [f32(1), f32(0), -f32(dx), f32(0), f32(1), -f32(dy)]


def sample(image, t, mode, order):
    a0, a1, a2, b0, b1, b2 = [float(v) for v in t]
    i, j, k = np.meshgrid(np.arange(H), np.arange(W), np.arange(C), indexing="ij")
    rows = i * b1 + j * b0 + b2
    cols = i * a1 + j * a0 + a2
    coords = [rows, cols, k.astype(np.float64)]
    pads = [(max(int(-np.floor(c.min())) + 1, 0), max(int(np.ceil(c.max())) + 1 - n, 0)) for c, n in zip(coords, image.shape)]
    shifted = [c + p[0] for c, p in zip(coords, pads)]
    pad_mode = {"nearest": "edge", "reflect": "symmetric", "wrap": "wrap", "constant": "constant"}[mode]
    if mode == "constant":
        padded = np.pad(image, pads, mode="constant", constant_values=FILL)
    else:
        padded = np.pad(image, pads, mode=pad_mode)
    return ndi.map_coordinates(padded, shifted, order=order, mode=mode, cval=FILL).astype(f32)


def main():
    rng = np.random.RandomState(12)
    image = rng.uniform(-1, 1, size=(H, W, C)).astype(f32)
    transforms = np.array([rotation(33.0), rotation(-90.0), zoom(1.7, 0.6), zoom(0.75, 1.3), translation(-2.3, 13.4),
                           translation(1.5, -0.5)], dtype=f32)
    expected = np.stack([np.stack([np.stack([sample(image, t, m, o) for o in (0, 1)]) for m in MODES]) for t in transforms])
    np.save(os.path.join(HERE, "keras_affine_input.npy"), image)
    np.save(os.path.join(HERE, "keras_affine_transforms.npy"), transforms)
    np.save(os.path.join(HERE, "keras_affine_expected.npy"), expected)
    print("wrote", expected.shape)


if __name__ == "__main__":
    main()
