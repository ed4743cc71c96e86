"""Pillow's JPEG draft fixtures for JpegDraftTests (run with Debian's python3: Pillow 9.4, NumPy).

Writes draft.jpg (264x200, quality 90, 4:2:0) and, for each requested size, Pillow's
Image.open(...).draft("RGB", size) pixels (draft_WxH.npy), plus load_img with draft then a nearest
resize to the request (load_WxH.npy): img.draft("RGB", size); img.convert("RGB").resize(size, NEAREST).
"""
import os
import numpy as np
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)
h, w = 200, 264
y, x = np.mgrid[0:h, 0:w]
img = np.stack([127 + 100 * np.sin(x / w * 9), 127 + 100 * np.cos(y / h * 7), 255 * (x / w + y / h) / 2], -1) + rng.uniform(0, 40, (h, w, 1))
path = os.path.join(here, "draft.jpg")
Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(path, quality=90, subsampling=2)
for size in [(64, 64), (32, 32), (25, 25), (30, 45)]:
    im = Image.open(path)
    im.draft("RGB", size)
    np.save(os.path.join(here, f"draft_{size[0]}x{size[1]}.npy"), np.asarray(im.convert("RGB")))
    im = Image.open(path)
    im.draft("RGB", size)
    np.save(os.path.join(here, f"load_{size[0]}x{size[1]}.npy"), np.asarray(im.convert("RGB").resize(size, Image.NEAREST)))
    print(size, Image.open(path).draft("RGB", size))
