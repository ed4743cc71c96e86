using AugNet.Augmentation;

namespace AugNet.Bench;

/// <summary>
/// Draws the book's augmentation parameters (rotation 40, width/height shift 0.2, shear 0.2 degrees, zoom 0.2,
/// horizontal flip) with NumPy's generator in Keras's draw order (spec §3.1, this project's convention: tx from the
/// width range, drawn first). A stand-in for <c>ImageDataGenerator.GetRandomTransform</c> until that is merged.
/// </summary>
internal static class BookAugmentation
{
    public static TransformParams Draw(NumpyRandom rng, int height, int width)
    {
        double theta = rng.Uniform(-40, 40);
        double tx = rng.Uniform(-0.2, 0.2) * width;
        double ty = rng.Uniform(-0.2, 0.2) * height;
        double shear = rng.Uniform(-0.2, 0.2);
        double zx = rng.Uniform(0.8, 1.2);
        double zy = rng.Uniform(0.8, 1.2);
        bool flipH = rng.RandomSample() < 0.5;
        rng.RandomSample(); // vertical flip: always drawn, disabled here
        return new TransformParams { Theta = theta, Tx = tx, Ty = ty, Shear = shear, Zx = zx, Zy = zy, FlipHorizontal = flipH };
    }
}
