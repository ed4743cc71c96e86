"""Fixtures for PreprocessingLayerTests: Keras 3's RandomHue, RandomSaturation and RandomColorJitter (NumPy backend),
recomputed with NumPy for fixed draws.

Run with the system Python that has NumPy 1.24:  /usr/bin/python3 make_keras_color_fixtures.py
rgb_to_hsv/hsv_to_rgb are keras/src/backend/numpy/image.py's (channels_last), copied; the layer steps follow
random_hue.py, random_saturation.py, random_brightness.py, random_contrast.py and random_color_jitter.py's
transform_images with the transformation given instead of drawn. It writes, next to itself:
  keras_color_input.npy     (H, W, 3) float32 in [0, 255]: grays, ties between channels, tiny values, random pixels
  keras_color_hue.npy       (len(HUE_DELTAS), 2, H, W, 3): per delta, value_range (0, 255) on the input and
                            value_range (0, 1) on input / 255
  keras_color_saturation.npy (len(SAT_DRAWS), 2, H, W, 3): per draw u (multiplier u / (1 - u + 1e-7)), the same two
  keras_color_jitter.npy    (len(JITTER), H, W, 3): brightness, saturation and hue stages with value_range (0, 255)
                            (contrast is left out: its channel means are NumPy float32 pairwise sums, which AugNet
                            computes in float64, so they may differ in the last bit)
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
f32 = np.float32
H, W = 5, 7
HUE_DELTAS = [0.0, 0.3, -0.45, 0.5, -0.5, 0.125, 0.49]
SAT_DRAWS = [0.0, 0.25, 0.5, 0.8, 1.0, -0.2, 0.6]
# (brightness u in [-1, 1], saturation u, hue delta)
JITTER = [(0.1, 0.7, 0.2), (0.1, 0.7, -0.2), (-0.3, 0.3, 0.35), (-0.3, 0.3, -0.35), (0.0, 0.5, 0.0)]


def rgb_to_hsv(images):
    dtype = images.dtype
    eps = np.finfo(dtype).eps
    images = np.where(np.abs(images) < eps, 0.0, images)
    red, green, blue = np.split(images, 3, -1)
    red = np.squeeze(red, -1)
    green = np.squeeze(green, -1)
    blue = np.squeeze(blue, -1)

    def rgb_planes_to_hsv_planes(r, g, b):
        value = np.maximum(np.maximum(r, g), b)
        minimum = np.minimum(np.minimum(r, g), b)
        range_ = value - minimum

        safe_value = np.where(value > 0, value, 1.0)
        safe_range = np.where(range_ > 0, range_, 1.0)

        saturation = np.where(value > 0, range_ / safe_value, 0.0)
        norm = 1.0 / (6.0 * safe_range)

        hue = np.where(
            value == g,
            norm * (b - r) + 2.0 / 6.0,
            norm * (r - g) + 4.0 / 6.0,
        )
        hue = np.where(value == r, norm * (g - b), hue)
        hue = np.where(range_ > 0, hue, 0.0) + (hue < 0.0).astype(hue.dtype)
        return hue, saturation, value

    images = np.stack(rgb_planes_to_hsv_planes(red, green, blue), axis=-1)
    return images.astype(dtype)


def hsv_to_rgb(images):
    dtype = images.dtype
    hue, saturation, value = np.split(images, 3, -1)
    hue = np.squeeze(hue, -1)
    saturation = np.squeeze(saturation, -1)
    value = np.squeeze(value, -1)

    def hsv_planes_to_rgb_planes(hue, saturation, value):
        dh = np.mod(hue, 1.0) * 6.0
        dr = np.clip(np.abs(dh - 3.0) - 1.0, 0.0, 1.0)
        dg = np.clip(2.0 - np.abs(dh - 2.0), 0.0, 1.0)
        db = np.clip(2.0 - np.abs(dh - 4.0), 0.0, 1.0)
        one_minus_s = 1.0 - saturation

        red = value * (one_minus_s + saturation * dr)
        green = value * (one_minus_s + saturation * dg)
        blue = value * (one_minus_s + saturation * db)
        return red, green, blue

    images = np.stack(hsv_planes_to_rgb_planes(hue, saturation, value), axis=-1)
    return images.astype(dtype)


def transform_value_range(images, original_range, target_range):
    if original_range[0] == target_range[0] and original_range[1] == target_range[1]:
        return images
    images = images.astype(f32)
    omin, omax = f32(original_range[0]), f32(original_range[1])
    tmin, tmax = f32(target_range[0]), f32(target_range[1])
    images = (images - omin) / (omax - omin)
    return (images * (tmax - tmin)) + tmin


def hue(images, delta, value_range):
    # random_hue.py: delta = invert * factor * 0.5, one per image (here a batch of one)
    images = images[None].astype(f32)
    images = transform_value_range(images, value_range, (0, 1))
    adjust = np.array([delta], dtype=f32)[:, None, None]
    images = rgb_to_hsv(images)
    h = images[..., 0] + adjust
    h = np.where(h > 1.0, h - 1.0, h)
    h = np.where(h < 0.0, h + 1.0, h)
    images = np.stack([h, images[..., 1], images[..., 2]], axis=-1)
    images = hsv_to_rgb(images)
    images = np.clip(images, 0, 1)
    images = transform_value_range(images, (0, 1), value_range)
    return images.astype(f32)[0]


def saturation_multiplier(u):
    u = np.array([u], dtype=f32)
    return u / (1 - u + 1e-7)


def saturation(images, u, value_range):
    value_range = sorted(value_range)
    images = images[None].astype(f32)
    m = saturation_multiplier(u).astype(f32).reshape((1, 1, 1))
    images = rgb_to_hsv(images)
    s = np.multiply(images[..., 1], m)
    s = np.clip(s, value_range[0], value_range[1])
    images = np.stack([images[..., 0], s, images[..., 2]], axis=-1)
    return hsv_to_rgb(images)[0]


def brightness(images, u, value_range):
    value_range = sorted(value_range)
    delta = np.array([u], dtype=f32).reshape((1, 1, 1)) * (value_range[1] - value_range[0])
    images = images + delta.astype(images.dtype)
    return np.clip(images, value_range[0], value_range[1])


def make_input():
    rng = np.random.RandomState(17)
    img = rng.uniform(0, 255, size=(H, W, 3)).astype(f32)
    special = [
        (0, 0, 0), (255, 255, 255), (128, 128, 128), (255, 0, 0), (0, 255, 0), (0, 0, 255),
        (255, 255, 0), (0, 255, 255), (255, 0, 255), (200, 200, 10), (10, 200, 200), (200, 10, 200),
        (1e-8, 5e-8, 100), (250, 128, 3), (3, 128, 250), (60, 60, 61), (254.5, 0.25, 254.5), (0, 1e-6, 0),
    ]
    flat = img.reshape(-1, 3)
    for i, p in enumerate(special):
        flat[i] = np.array(p, dtype=f32)
    return flat.reshape(H, W, 3)


def main():
    image = make_input()
    unit = (image / f32(255)).astype(f32)
    np.save(os.path.join(HERE, "keras_color_input.npy"), image)
    np.save(os.path.join(HERE, "keras_color_hue.npy"),
            np.stack([np.stack([hue(image, d, (0, 255)), hue(unit, d, (0, 1))]) for d in HUE_DELTAS]).astype(f32))
    np.save(os.path.join(HERE, "keras_color_saturation.npy"),
            np.stack([np.stack([saturation(image, u, (0, 255)), saturation(unit, u, (0, 1))]) for u in SAT_DRAWS]).astype(f32))
    jitter = []
    for b, s, h in JITTER:
        x = brightness(image, b, (0, 255))
        x = saturation(x, s, (0, 255))
        x = hue(x, h, (0, 255))
        jitter.append(x)
    np.save(os.path.join(HERE, "keras_color_jitter.npy"), np.stack(jitter).astype(f32))
    print("multipliers", [float(saturation_multiplier(u)[0]) for u in SAT_DRAWS])


if __name__ == "__main__":
    main()
