"""Spline-order (2-5) fixtures for SplineWarpTests, from SciPy itself.

Run with the system Python that has SciPy 1.10.1:  /usr/bin/python3 make_spline_fixtures.py
For each image it writes, next to this script:
  spline_<name>_input.npy     (H, W, C) float32, channels_last
  spline_<name>_matrices.npy  (M, 6) float64: SciPy pull matrix rows (a00, a01, off0, a10, a11, off1)
  spline_<name>_expected.npy  (M, 4 modes, 4 orders, H, W, C) float32: per channel
      scipy.ndimage.affine_transform(x[..., c], [[a00, a01], [a10, a11]], offset=(off0, off1), order=k,
                                     mode=mode, cval=CVAL, prefilter=True)
      with modes in MODES order and k = 2, 3, 4, 5 -- exactly Keras's apply_affine_transform call per channel.
"""
import math
import os

import numpy as np
import scipy
import scipy.ndimage as ndi

MODES = ["nearest", "constant", "reflect", "wrap"]
ORDERS = [2, 3, 4, 5]
CVAL = -7.5
HERE = os.path.dirname(os.path.abspath(__file__))


def general_matrix():
    """Rotation + anisotropic scale/shear, non-integer offset."""
    th = 0.4
    return [math.cos(th) * 1.1, -math.sin(th) * 0.9, 3.3, math.sin(th) * 1.2, math.cos(th) * 0.8, -2.1]


def zoom_out_matrix():
    """Zooms out far enough that coordinates leave the image by more than one period (every boundary rule)."""
    return [1.7, 0.3, -6.2, -0.2, 1.9, -7.9]


def keras_matrix(theta, tx, ty, shear, zx, zy, h, w):
    """Keras >= 2.9 apply_affine_transform's SciPy matrix (spec 4.1.2) for a channels_last image (h == w here)."""
    a, b = math.radians(theta), math.radians(shear)
    rot = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    shift = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    sh = np.array([[1, -math.sin(b), 0], [0, math.cos(b), 0], [0, 0, 1]])
    zoom = np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    m = rot @ shift @ sh @ zoom
    o1, o2 = h / 2 - 0.5, w / 2 - 0.5
    a_ = np.array([[1, 0, o1], [0, 1, o2], [0, 0, 1]]) @ m @ np.array([[1, 0, -o1], [0, 1, -o2], [0, 0, 1]])
    a_ = a_[[1, 0, 2]][:, [1, 0, 2]]
    return [a_[0, 0], a_[0, 1], a_[0, 2], a_[1, 0], a_[1, 1], a_[1, 2]]


# The TransformParams the C# test passes for the Keras matrix (keep in sync with SplineWarpTests.KerasParams).
KERAS = dict(theta=17.0, tx=1.25, ty=-2.5, shear=8.0, zx=0.9, zy=1.1)


def image(rng, h, w, c):
    return (rng.random((h, w, c)) * 255.0).astype(np.float32)


def main():
    assert scipy.__version__.startswith("1.10"), scipy.__version__
    rng = np.random.default_rng(20261128)
    cases = {
        "13x17x1": (image(rng, 13, 17, 1), [general_matrix(), zoom_out_matrix()]),
        "13x17x3": (image(rng, 13, 17, 3), [general_matrix(), zoom_out_matrix()]),
        "16x16x3": (image(rng, 16, 16, 3), [keras_matrix(**KERAS, h=16, w=16), zoom_out_matrix()]),
    }
    for name, (x, mats) in cases.items():
        h, w, c = x.shape
        expected = np.zeros((len(mats), len(MODES), len(ORDERS), h, w, c), np.float32)
        for mi, p in enumerate(mats):
            mat = np.array([[p[0], p[1]], [p[3], p[4]]], np.float64)
            off = (p[2], p[5])
            for di, mode in enumerate(MODES):
                for oi, order in enumerate(ORDERS):
                    for ch in range(c):
                        expected[mi, di, oi, :, :, ch] = ndi.affine_transform(
                            x[:, :, ch], mat, offset=off, order=order, mode=mode, cval=CVAL, prefilter=True)
        np.save(os.path.join(HERE, f"spline_{name}_input.npy"), x)
        np.save(os.path.join(HERE, f"spline_{name}_matrices.npy"), np.array(mats, np.float64))
        np.save(os.path.join(HERE, f"spline_{name}_expected.npy"), expected)
        print(name, expected.shape, float(expected.min()), float(expected.max()))


if __name__ == "__main__":
    main()
