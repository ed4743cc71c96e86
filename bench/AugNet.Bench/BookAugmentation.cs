using AugNet.Augmentation;

namespace AugNet.Bench;

/// <summary>The book's augmentation (Deep Learning with Python §5.2): the workload of every augmentation benchmark.</summary>
internal static class BookAugmentation
{
    /// <summary>Rotation 40, width/height shift 0.2, shear 0.2 (degrees, as Keras), zoom 0.2, horizontal flip, 'nearest' fill, rescale 1/255.</summary>
    public static ImageDataGenerator Generator() => new(new ImageDataGeneratorOptions
    {
        RotationRange = 40,
        WidthShiftRange = ShiftRange.Continuous(0.2),
        HeightShiftRange = ShiftRange.Continuous(0.2),
        ShearRange = 0.2,
        ZoomRange = ZoomRange.FromFactor(0.2),
        HorizontalFlip = true,
        FillMode = FillMode.Nearest,
        Rescale = 1 / 255.0,
    });
}
