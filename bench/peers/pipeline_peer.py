#!/usr/bin/python3
"""Python peer of `bench/run pipeline`: Keras's flow_from_directory work per image, one thread, in a plain loop.

For each file: Pillow open + convert('RGB') + resize to 150x150 with NEAREST (load_img's default), img_to_array
(float32), one random book augmentation done the keras way (scipy.ndimage.affine_transform per channel, order 1,
'nearest' fill: rotation 40 deg, shifts 0.2, shear 0.2 deg, zoom 0.8-1.2, random horizontal flip), then rescale
by 1/255. Prints `peer keras-method <ext>: <images/s> img/s`.
Usage: pipeline_peer.py DIRECTORY EXT [SECONDS=5]
"""
import math
import os
import sys
import time

import numpy as np
import scipy.ndimage as ndi
from PIL import Image

SIZE = 150
rng = np.random.default_rng(0)


def random_matrix():
    """Pull matrix (output row, col -> input row, col) of one Keras-style random affine, centred."""
    th = math.radians(rng.uniform(-40, 40))
    tx, ty = rng.uniform(-.2, .2) * SIZE, rng.uniform(-.2, .2) * SIZE
    sh = math.radians(rng.uniform(-.2, .2))
    zx, zy = rng.uniform(.8, 1.2, 2)
    rot = np.array([[math.cos(th), -math.sin(th), 0], [math.sin(th), math.cos(th), 0], [0, 0, 1]])
    shift = np.array([[1, 0, ty], [0, 1, tx], [0, 0, 1]])
    shear = np.array([[1, -math.sin(sh), 0], [0, math.cos(sh), 0], [0, 0, 1]])
    zoom = np.array([[zy, 0, 0], [0, zx, 0], [0, 0, 1]])
    c = (SIZE - 1) / 2
    return np.array([[1, 0, c], [0, 1, c], [0, 0, 1]]) @ rot @ shift @ shear @ zoom @ np.array([[1, 0, -c], [0, 1, -c], [0, 0, 1]])


def one(path):
    with open(path, "rb") as f:
        img = Image.open(f)
        img = img.convert("RGB")
        img = img.resize((SIZE, SIZE), Image.NEAREST)
        x = np.asarray(img, dtype=np.float32)
    m = random_matrix()
    out = np.stack([ndi.affine_transform(x[:, :, ch], m[:2, :2], m[:2, 2], order=1, mode="nearest") for ch in range(3)], axis=2)
    if rng.random() < .5:
        out = out[:, ::-1]
    return out * np.float32(1 / 255)


def main():
    directory, ext = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(directory) for f in fs if f.endswith(ext))
    one(files[0])  # warm-up
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        one(files[n % len(files)])
        n += 1
    rate = n / (time.perf_counter() - start)
    print(f"peer keras-method {ext}: {rate:.1f} img/s")


if __name__ == "__main__":
    main()
