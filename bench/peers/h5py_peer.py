#!/usr/bin/python3
"""Python peer of `bench/run model-files`: how long h5py (what Keras uses) takes to read a Keras .h5 model file the
way load_model_from_hdf5 does: the JSON attributes, then every dataset listed by layer_names/weight_names.
Prints `peer h5py-read: <ms> ms` (best of REPS). Usage: h5py_peer.py MODEL.h5 [REPS=5]"""
import json, sys, time
import h5py
import numpy as np


def read(path):
    with h5py.File(path, "r") as f:
        json.loads(f.attrs["model_config"])
        mw = f["model_weights"]
        total = 0
        for n in mw.attrs["layer_names"]:
            for w in mw[n].attrs.get("weight_names", []):
                total += np.asarray(mw[n][w]).size
        return total


path, reps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
best = float("inf")
for _ in range(reps):
    t = time.perf_counter()
    n = read(path)
    best = min(best, time.perf_counter() - t)
print(f"h5py read {n} weights")
print(f"peer h5py-read: {best * 1000:.1f} ms")
