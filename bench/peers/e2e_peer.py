#!/usr/bin/python3
"""PyTorch peer of `bench/run e2e --peer`: the book's convnet trained from the same JPEG folder, as a PyTorch user
would: torchvision ImageFolder + DataLoader with worker processes.

Per image, in the workers: Pillow decode, convert('RGB'), Resize((150, 150), NEAREST) (load_img's default),
RandomAffine(degrees=40, translate=(0.2, 0.2), scale=(0.8, 1.2), shear=0.2) (Keras's shear_range is in degrees),
RandomHorizontalFlip, ToTensor (the 1/255 rescale). DataLoader(batch 32, shuffle, num_workers=W). Model, loss and
optimizer as train_peer.py's book model (RMSprop 1e-4, binary cross-entropy). Trains E epochs with T torch threads,
discards the first WARMUP steps, and prints the mean step time (time between consecutive batch ends) of the first
epoch, of the later epochs and of all timed steps, then the largest worker process's RSS high-water mark.
Usage: e2e_peer.py FOLDER [--epochs 5] [--warmup 3] [--threads 2] [--workers 2]
"""
import argparse, resource, time
import torch
import torch.nn as nn
from torchvision import datasets, transforms
from torchvision.transforms import InterpolationMode

ap = argparse.ArgumentParser()
ap.add_argument("folder")
ap.add_argument("--epochs", type=int, default=5)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--workers", type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

augment = transforms.Compose([
    transforms.Resize((150, 150), interpolation=InterpolationMode.NEAREST),
    transforms.RandomAffine(degrees=40, translate=(0.2, 0.2), scale=(0.8, 1.2), shear=0.2),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
])
data = datasets.ImageFolder(a.folder, transform=augment)
loader = torch.utils.data.DataLoader(data, batch_size=32, shuffle=True, num_workers=a.workers)

blocks, ch, s = [], 3, 150
for out in [32, 64, 128, 128]:
    blocks += [nn.Conv2d(ch, out, 3), nn.ReLU(), nn.MaxPool2d(2)]
    ch, s = out, (s - 2) // 2
model = nn.Sequential(*blocks, nn.Flatten(), nn.Dropout(0.5), nn.Linear(ch * s * s, 512), nn.ReLU(), nn.Linear(512, 1))
opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.9, eps=1e-7)
loss_fn = nn.BCEWithLogitsLoss()
model.train()

steps = []  # (epoch, ms)
for epoch in range(a.epochs):
    last = time.perf_counter()
    for x, y in loader:
        opt.zero_grad()
        loss = loss_fn(model(x).squeeze(1), y.float())
        loss.backward()
        opt.step()
        now = time.perf_counter()
        steps.append((epoch, (now - last) * 1000))
        last = now
del loader  # ends the workers, so their peak RSS is in RUSAGE_CHILDREN

timed = steps[a.warmup:]
def mean(v): return sum(v) / len(v) if v else float("nan")
print(f"peer torch e2e first: {mean([ms for e, ms in timed if e == 0]):.1f} ms/step")
print(f"peer torch e2e later: {mean([ms for e, ms in timed if e > 0]):.1f} ms/step")
print(f"peer torch e2e all: {mean([ms for e, ms in timed]):.1f} ms/step")
print(f"peer worker_peak_kb: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", flush=True)
